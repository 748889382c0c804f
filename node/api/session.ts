/**
 * Browser sessions for the web client, bound to the daemon's own origin
 * (scheme + host + port) by the browser itself. The browser never sees the
 * API token: `lanchat open` (which holds the token) asks for a short-lived,
 * single-use login code; GET /login checks it without using it up and sends
 * the browser to `/#code=CODE` (a fragment never reaches any server); the page
 * trades the code at POST /api/session for a session secret, keeps it in
 * localStorage (which the browser keeps per origin: a page on another port
 * cannot read it) and sends it as `Authorization: Session SECRET`. No cookie
 * is set: a cookie would go to every port of 127.0.0.1.
 *
 * The secret is stateless: an expiry and a nonce signed with a key derived
 * from the API token, so it survives a daemon restart (the page reconnects by
 * itself) and a new api-token revokes every session at once.
 *
 * @example
 * ```ts
 * const sessions = new WebSessions({ token, allowedPort: () => port })
 * registerSession(app, sessions)   // POST /api/login-codes, GET /login, POST /api/session
 * ```
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../types.js'
import { CODE_FRAGMENT_PARAM, SESSION_ROUTE, SESSION_SCHEME } from './session-wire.js'
import type { SessionGrant } from './session-wire.js'

export type { SessionGrant } from './session-wire.js'

/** How long a login code from `lanchat open` works: long enough for a browser to start cold, short enough that a copied link goes stale. */
export const LOGIN_CODE_TTL_MS = 120_000
/** Most unused login codes kept at once; the oldest goes first, so a runaway script cannot grow the daemon's memory. */
export const MAX_LOGIN_CODES = 32
/** Lifetime of a browser session, in seconds: a tab may stay open for weeks; `lanchat open` again renews it. */
export const SESSION_MAX_AGE_S = 30 * 24 * 3600
/** Random bytes in a login code and in a session nonce. */
const RANDOM_BYTES = 24
/**
 * What the session key is derived under. v1 signed the old session cookies,
 * which every server on 127.0.0.1 received: v2 makes those values worthless.
 */
const SESSION_KEY_LABEL = 'lanchat web session v2'
/** Cookies of the old cookie sessions (`lanchat_session_PORT`): never read, and expired whenever a browser brings one. */
const OLD_SESSION_COOKIE = /^lanchat_session_\d{1,5}$/
/** `Authorization: Session SECRET`; the scheme is case-insensitive, as HTTP's are. */
const SESSION_HEADER = new RegExp(`^${SESSION_SCHEME} ([^\\s]+)$`, 'i')

/** What POST /api/login-codes answers. */
export interface LoginCode {
  /** the URL that logs a browser in: `http://127.0.0.1:PORT/login?code=...` */
  url: string
  code: string
  /** ms since the epoch after which the code no longer works */
  expiresAt: number
}

export interface WebSessionsInit {
  /** the API token; session secrets are signed with a key derived from it */
  token: string
  allowedPort: () => number
  /** @default Date.now */
  now?: () => number
}

export class WebSessions {
  private readonly key: Buffer
  private readonly allowedPort: () => number
  private readonly now: () => number
  /** unused login codes -> expiry (ms); a Map keeps insertion order, so the first key is the oldest */
  private readonly codes = new Map<string, number>()
  /** requests the guard let in on a session secret rather than the token */
  private readonly bySession = new WeakSet<FastifyRequest>()

  constructor (init: WebSessionsInit) {
    // a key of its own, so a secret's signature says nothing about the token itself
    this.key = createHmac('sha256', init.token).update(SESSION_KEY_LABEL).digest()
    this.allowedPort = init.allowedPort
    this.now = init.now ?? Date.now
  }

  /** A new single-use login code. */
  mintCode (): LoginCode {
    const now = this.now()
    for (const [code, expiry] of this.codes) if (expiry <= now) this.codes.delete(code)
    while (this.codes.size >= MAX_LOGIN_CODES) this.codes.delete(this.codes.keys().next().value as string)
    const code = randomBytes(RANDOM_BYTES).toString('base64url')
    const expiresAt = now + LOGIN_CODE_TTL_MS
    this.codes.set(code, expiresAt)
    return { url: `http://127.0.0.1:${this.allowedPort()}/login?code=${code}`, code, expiresAt }
  }

  /** True for a code that was minted, is unused and has not expired; the code stays usable. */
  isValidCode (code: string): boolean {
    const expiry = this.codes.get(code)
    return expiry !== undefined && expiry > this.now()
  }

  /** True once for a code that was minted and has not expired; the code is gone afterwards either way. */
  redeem (code: string): boolean {
    const valid = this.isValidCode(code)
    this.codes.delete(code)
    return valid
  }

  /** A new session secret, valid for {@link SESSION_MAX_AGE_S}. */
  newSession (): SessionGrant {
    const expires = Math.floor(this.now() / 1000) + SESSION_MAX_AGE_S
    const payload = `${expires}.${randomBytes(RANDOM_BYTES).toString('base64url')}`
    return { secret: `${payload}.${this.sign(payload)}`, expiresAt: expires * 1000 }
  }

  /** True when the request carries `Authorization: Session SECRET` with a valid, unexpired secret of this daemon; remembered for {@link viaSession}. */
  authenticates (request: FastifyRequest): boolean {
    const secret = sessionSecretOf(request.headers.authorization)
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(secret ?? '')
    if (match === null) return false
    const payload = `${match[1]}.${match[2]}`
    const expected = Buffer.from(this.sign(payload))
    if (!timingSafeEqual(Buffer.from(match[3]), expected)) return false
    if (Number(match[1]) * 1000 <= this.now()) return false
    this.bySession.add(request)
    return true
  }

  /** Whether the guard let this request in on a session secret (not the token). */
  viaSession (request: FastifyRequest): boolean {
    return this.bySession.has(request)
  }

  private sign (payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url')
  }
}

/** The secret of an `Authorization: Session SECRET` header (the scheme is case-insensitive, as HTTP's are), or undefined. */
export function sessionSecretOf (header: string | undefined): string | undefined {
  return SESSION_HEADER.exec(header ?? '')?.[1]
}

/**
 * Expires every old session cookie (`lanchat_session_PORT`) the browser
 * brought: they authenticate nothing any more, but a browser would go on
 * sending them to every server on 127.0.0.1 until they run out.
 */
export function expireOldCookies (request: FastifyRequest, reply: FastifyReply): void {
  const names = (request.headers.cookie ?? '').split(';')
    .map(part => part.slice(0, Math.max(0, part.indexOf('='))).trim())
    .filter(name => OLD_SESSION_COOKIE.test(name))
  if (names.length === 0) return
  void reply.header('set-cookie', [...new Set(names)].map(name => `${name}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`))
}

/** The small page a stale or reused login link shows. Static text only. */
const EXPIRED_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>lanchat: login link expired</title></head><body style="font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<h1>This login link no longer works</h1><p>A link from <code>lanchat open</code> works once, within ${LOGIN_CODE_TTL_MS / 60_000} minutes.
Run <code>lanchat open</code> again to get a new one.</p>
<p>If this browser is logged in already, <a href="/">open lanchat</a>.</p></body></html>`

const loginQuery = {
  type: 'object',
  additionalProperties: true,
  properties: { code: { type: 'string', maxLength: 128 } }
} as const

const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const

const sessionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: { code: { type: 'string', minLength: 1, maxLength: 128 } }
} as const

/** POST /api/login-codes (token only), GET /login and POST /api/session (public: the code is the credential). */
export function registerSession (app: FastifyInstance, sessions: WebSessions): void {
  app.post('/api/login-codes', { schema: { body: emptyBody } }, async (request, reply): Promise<LoginCode> => {
    // a browser session must not mint codes for other browsers: only the token holder can hand out access
    if (sessions.viaSession(request)) throw new ApiError(403, 'token_required', 'login links are made by lanchat open, with the API token')
    void reply.code(201)
    return sessions.mintCode()
  })

  app.get<{ Querystring: { code?: string } }>('/login', { schema: { querystring: loginQuery } },
    async (request, reply): Promise<FastifyReply> => {
      void reply.header('referrer-policy', 'no-referrer').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
      expireOldCookies(request, reply)
      const code = request.query.code ?? ''
      // checked, not used up: the page redeems it (a link preview or a HEAD cannot burn it, nor get a session)
      if (sessions.isValidCode(code)) {
        return reply.code(303).header('location', `/#${CODE_FRAGMENT_PARAM}=${code}`).send()
      }
      return reply.code(403).type('text/html; charset=utf-8').send(EXPIRED_PAGE)
    })

  app.post<{ Body: { code: string } }>(SESSION_ROUTE, { schema: { body: sessionBody } },
    async (request, reply): Promise<SessionGrant> => {
      // the guard refused any other Origin; a browser's fetch always sends one on POST, so none means no page of ours asked
      if (request.headers.origin === undefined) {
        throw new ApiError(403, 'forbidden_origin', 'a login code is redeemed by the lanchat web page, whose browser sends its Origin')
      }
      if (!sessions.redeem(request.body.code)) {
        throw new ApiError(403, 'login_code_invalid', `this login link no longer works (it works once, within ${LOGIN_CODE_TTL_MS / 60_000} minutes); run lanchat open again`)
      }
      void reply.code(201)
      return sessions.newSession()
    })
}
