/**
 * What the web page and the daemon agree on for browser sessions. No Node
 * imports: the page (node/web/) bundles this file too, so both sides read
 * one definition.
 *
 * The exchange: `lanchat open` prints `/login?code=CODE`; GET /login checks
 * the code and answers 303 to `/#code=CODE` (a fragment never goes to any
 * server); the page takes the code out of the address bar and trades it at
 * POST {@link SESSION_ROUTE} for a {@link SessionGrant}, whose secret it
 * keeps in its origin's localStorage and sends as
 * `Authorization: Session SECRET` on every /api request.
 */

/** The Authorization scheme of a browser session: `Authorization: Session SECRET` (the token uses `Bearer`). */
export const SESSION_SCHEME = 'Session'
/** Where the page trades a login code for a session secret (POST, body `{code}`). */
export const SESSION_ROUTE = '/api/session'
/** The fragment parameter that carries the login code from GET /login to the page: `/#code=CODE`. */
export const CODE_FRAGMENT_PARAM = 'code'

/** What POST /api/session answers: the session secret and when it stops working. */
export interface SessionGrant {
  /** `EXPIRY.NONCE.SIGNATURE`, signed by the daemon; send it as `Authorization: Session SECRET` */
  secret: string
  /** ms since the epoch after which the daemon refuses the secret (401) */
  expiresAt: number
}
