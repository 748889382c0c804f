/**
 * The checks every request passes before any route runs, in this order:
 * 1. Host is exactly `127.0.0.1:<port>` or `localhost:<port>`: a web page
 *    that points its own DNS name at 127.0.0.1 (DNS rebinding) is refused.
 * 2. Origin, when a browser sends one, is this API's own origin: no other
 *    site may drive the API, and no CORS header ever says otherwise.
 * 3. OPTIONS (a CORS preflight) is refused: there is nothing to allow.
 * 4. The web client's page, assets and login exchange pass (`isPublic`).
 * 5. `Authorization: Bearer <token>` matches, compared in constant time.
 *    The token is never read from the query string, where it would end up
 *    in logs and browser history.
 * 6. Or `Authorization: Session <secret>` is a valid browser session (see
 *    session.ts); then a state-changing request must also carry our Origin,
 *    as every browser's fetch does. Cookies are never read: a browser sends
 *    them to every port of 127.0.0.1.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorBody } from './errors.js'
import { SESSION_SCHEME } from './session-wire.js'

export interface GuardInit {
  token: string
  /** the port the API listens on; read per request because it is known only after listen */
  allowedPort: () => number
  /** requests that need no credentials (the web client's page and assets) */
  isPublic?: (request: FastifyRequest) => boolean
  /** a second credential besides the token: the web client's `Authorization: Session` secret */
  session?: (request: FastifyRequest) => boolean
}

/** Methods that change nothing; every other one, authenticated by a session, must carry our Origin. */
const SAFE_METHODS = new Set(['GET', 'HEAD'])

/** SHA-256 first, so both sides have equal length and the token's length does not leak either. */
function digest (value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

const TOKEN_HINT = 'send the token from the profile\'s api-token file as "Authorization: Bearer TOKEN"'

function bearer (header: string | undefined): string | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '')
  return match?.[1]
}

export function guard (init: GuardInit): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  const expected = digest(init.token)

  return async function check (request, reply) {
    // set before any answer, including the refusals below
    void reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff')

    const port = init.allowedPort()
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`]
    if (!hosts.includes(request.headers.host ?? '')) {
      return reply.code(403).send(errorBody('forbidden_host', `the Host header must be ${hosts[0]} or ${hosts[1]}`))
    }
    const origin = request.headers.origin
    if (origin !== undefined && !hosts.some(host => origin === `http://${host}`)) {
      return reply.code(403).send(errorBody('forbidden_origin', 'requests from other origins are not allowed'))
    }
    if (request.method === 'OPTIONS') {
      return reply.code(405).send(errorBody('method_not_allowed', 'cross-origin requests are not allowed, so there is nothing to preflight'))
    }
    if (init.isPublic?.(request) === true) return undefined
    const given = bearer(request.headers.authorization)
    if (given !== undefined) {
      if (timingSafeEqual(digest(given), expected)) return undefined
      return reply.code(401).send(errorBody('unauthorized', TOKEN_HINT))
    }
    if (init.session?.(request) === true) {
      if (origin === undefined && !SAFE_METHODS.has(request.method)) {
        return reply.code(403).send(errorBody('forbidden_origin', 'a browser request that changes something must carry the Origin header'))
      }
      return undefined
    }
    if (request.headers.authorization?.toLowerCase().startsWith(`${SESSION_SCHEME.toLowerCase()} `) === true) {
      return reply.code(401).send(errorBody('unauthorized', 'this browser session is not valid (expired, or made by another daemon or api-token); run lanchat open for a new login link'))
    }
    return reply.code(401).send(errorBody('unauthorized', TOKEN_HINT))
  }
}
