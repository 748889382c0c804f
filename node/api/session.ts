/**
 * Browser sessions for the web client. The browser never sees the API token:
 * `lanchat open` (which holds the token) asks for a short-lived, single-use
 * login code; the browser trades that code at GET /login for an HttpOnly,
 * SameSite=Strict session cookie and is sent on to `/`, so the code does not
 * stay in the address bar. The cookie then authenticates /api/* like the
 * bearer token (see guard.ts for the Origin rule that goes with it).
 *
 * The cookie is stateless: an expiry and a nonce signed with a key derived
 * from the API token, so it survives a daemon restart (the page reconnects by
 * itself) and a new api-token revokes every session at once.
 *
 * @example
 * ```ts
 * const sessions = new WebSessions({ token, allowedPort: () => port })
 * registerSession(app, sessions)   // POST /api/login-codes, GET /login
 * ```
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../types.js'

/** How long a login code from `lanchat open` works: long enough for a browser to start cold, short enough that a copied link goes stale. */
export const LOGIN_CODE_TTL_MS = 120_000
/** Most unused login codes kept at once; the oldest goes first, so a runaway script cannot grow the daemon's memory. */
export const MAX_LOGIN_CODES = 32
/** Lifetime of a browser session, in seconds: a tab may stay open for weeks; `lanchat open` again renews it. */
export const SESSION_MAX_AGE_S = 30 * 24 * 3600
/** Random bytes in a login code and in a session nonce. */
const RANDOM_BYTES = 24

/** What POST /api/login-codes answers. */
export interface LoginCode {
  /** the URL that logs a browser in: `http://127.0.0.1:PORT/login?code=...` */
  url: string
  code: string
  /** ms since the epoch after which the code no longer works */
  expiresAt: number
}

export interface WebSessionsInit {
  /** the API token; session cookies are signed with a key derived from it */
  token: string
  allowedPort: () => number
  /** @default Date.now */
  now?: () => number
}

/** The session cookie's name carries the port: cookies do not tell ports apart, and two profiles' daemons may run side by side. */
export function sessionCookieName (port: number): string {
  return `lanchat_session_${port}`
}

function cookieValue (header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

export class WebSessions {
  private readonly key: Buffer
  private readonly allowedPort: () => number
  private readonly now: () => number
  /** unused login codes -> expiry (ms); a Map keeps insertion order, so the first key is the oldest */
  private readonly codes = new Map<string, number>()
  /** requests the guard let in on a session cookie rather than the token */
  private readonly bySession = new WeakSet<FastifyRequest>()

  constructor (init: WebSessionsInit) {
    // a key of its own, so a cookie's signature says nothing about the token itself
    this.key = createHmac('sha256', init.token).update('lanchat web session v1').digest()
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

  /** True once for a code that was minted and has not expired; the code is gone afterwards either way. */
  redeem (code: string): boolean {
    const expiry = this.codes.get(code)
    this.codes.delete(code)
    return expiry !== undefined && expiry > this.now()
  }

  /** The Set-Cookie value of a new session. */
  newSessionCookie (): string {
    const expires = Math.floor(this.now() / 1000) + SESSION_MAX_AGE_S
    const payload = `${expires}.${randomBytes(RANDOM_BYTES).toString('base64url')}`
    const value = `${payload}.${this.sign(payload)}`
    return `${sessionCookieName(this.allowedPort())}=${value}; Max-Age=${SESSION_MAX_AGE_S}; Path=/; HttpOnly; SameSite=Strict`
  }

  /** True when the request carries a valid, unexpired session cookie of this daemon; remembered for {@link viaSession}. */
  authenticates (request: FastifyRequest): boolean {
    const value = cookieValue(request.headers.cookie, sessionCookieName(this.allowedPort()))
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '')
    if (match === null) return false
    const payload = `${match[1]}.${match[2]}`
    const expected = Buffer.from(this.sign(payload))
    if (!timingSafeEqual(Buffer.from(match[3]), expected)) return false
    if (Number(match[1]) * 1000 <= this.now()) return false
    this.bySession.add(request)
    return true
  }

  /** Whether the guard let this request in on a session cookie (not the token). */
  viaSession (request: FastifyRequest): boolean {
    return this.bySession.has(request)
  }

  private sign (payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url')
  }
}

/** The small page a stale or reused login link shows. Static text only. */
const EXPIRED_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>lanchat: login link expired</title></head><body style="font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<h1>This login link no longer works</h1><p>A link from <code>lanchat open</code> works once, within ${LOGIN_CODE_TTL_MS / 60_000} minutes.
Run <code>lanchat open</code> again to get a new one.</p></body></html>`

const loginQuery = {
  type: 'object',
  additionalProperties: true,
  properties: { code: { type: 'string', maxLength: 128 } }
} as const

const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const

/** POST /api/login-codes (token only) and GET /login (public: the code is the credential). */
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
      const code = request.query.code ?? ''
      if (sessions.redeem(code)) {
        return reply.code(303).header('set-cookie', sessions.newSessionCookie()).header('location', '/').send()
      }
      // a reload of an old link from a browser that is logged in anyway just goes to the client
      if (sessions.authenticates(request)) return reply.code(303).header('location', '/').send()
      return reply.code(403).type('text/html; charset=utf-8').send(EXPIRED_PAGE)
    })
}
