/**
 * How a browser gets in, and what it may do once in, driven through
 * app.inject() against a stub daemon: `lanchat open` (the token holder) asks
 * for a login code; GET /login checks it without using it up and hands it to
 * the page in the URL's fragment; the page trades it, once and briefly, at
 * POST /api/session for a secret it sends as `Authorization: Session`; the
 * secret reads like the token but changes nothing without our Origin; a
 * forged, foreign, expired secret, an old session cookie or its value is
 * nobody. The page and its assets are public, and nothing outside dist/web can
 * be named. (The real `lanchat open` is in open.test.ts.)
 */
import { createHmac, randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { createApi } from '../../node/api/index.js'
import type { LanchatApi } from '../../node/api/index.js'
import { LOGIN_CODE_TTL_MS, MAX_LOGIN_CODES, SESSION_MAX_AGE_S, WebSessions } from '../../node/api/session.js'
import { tempDir } from '../helpers/index-process.js'
import { StubDaemon } from '../helpers/stub-daemon.js'

const TOKEN = 'd4'.repeat(32)
const PORT = 47480
const HOST = `127.0.0.1:${PORT}`
const ORIGIN = `http://${HOST}`
const BEARER = { host: HOST, authorization: `Bearer ${TOKEN}` }
/** what the page sends with the code: a browser's fetch adds our Origin to every POST */
const PAGE = { host: HOST, origin: ORIGIN }

let daemon: StubDaemon
let app: LanchatApi
let webRoot: string

beforeEach(() => {
  daemon = new StubDaemon()
  webRoot = tempDir('lanchat-web-')
  mkdirSync(join(webRoot, 'assets'))
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>lanchat</title>')
  writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log("hi")')
  writeFileSync(join(webRoot, 'secret.js'), 'not an asset')
  app = createApi({ daemon, token: TOKEN, allowedPort: () => PORT, webRoot, log: () => {} })
})

afterEach(async () => {
  await app.close()
})

async function mintCode (on: LanchatApi = app, token = TOKEN): Promise<string> {
  const res = await on.inject({ method: 'POST', url: '/api/login-codes', headers: { host: HOST, authorization: `Bearer ${token}` }, payload: {} })
  expect(res.statusCode).toBe(201)
  return res.json().code
}

async function redeem (code: string, headers: Record<string, string> = PAGE, on: LanchatApi = app): Promise<LightMyRequestResponse> {
  return await on.inject({ method: 'POST', url: '/api/session', headers, payload: { code } })
}

/** Follows a fresh login link as the page does and returns the `Authorization` header it then sends. */
async function logIn (on: LanchatApi = app, token = TOKEN): Promise<string> {
  const res = await redeem(await mintCode(on, token), PAGE, on)
  expect(res.statusCode).toBe(201)
  return `Session ${res.json().secret as string}`
}

function codeOf (res: LightMyRequestResponse): string {
  return res.json().error.code
}

/** A session value as the old cookie sessions made them (signed under "v1"): every server on 127.0.0.1 was sent these. */
function oldCookieValue (token: string, now = Date.now()): string {
  const key = createHmac('sha256', token).update('lanchat web session v1').digest()
  const payload = `${Math.floor(now / 1000) + SESSION_MAX_AGE_S}.${randomBytes(24).toString('base64url')}`
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`
}

describe('logging a browser in', () => {
  it('lanchat open gets a single-use code and the link that carries it', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/login-codes', headers: BEARER, payload: {} })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body.url).toBe(`http://127.0.0.1:${PORT}/login?code=${body.code}`)
    expect(body.code).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(body.expiresAt - Date.now()).toBeGreaterThan(LOGIN_CODE_TTL_MS - 5000)
  })

  it('nobody without the token gets a code', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/login-codes', headers: { host: HOST, origin: ORIGIN }, payload: {} })
    expect(res.statusCode).toBe(401)
  })

  it('the link hands the code to the page in the fragment, sets no cookie, and a preview of it uses nothing up', async () => {
    const code = await mintCode()
    for (const method of ['GET', 'HEAD', 'GET'] as const) {
      const res = await app.inject({ method, url: `/login?code=${code}`, headers: { host: HOST } })
      expect(res.statusCode).toBe(303)
      expect(res.headers.location).toBe(`/#code=${code}`)
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      expect(res.headers['set-cookie']).toBeUndefined()
    }
  })

  it('the page trades the code once for a 30-day secret; after that the link and the code are spent', async () => {
    const code = await mintCode()
    const before = Date.now()
    const res = await redeem(code)
    expect(res.statusCode).toBe(201)
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(res.headers['cache-control']).toBe('no-store')
    const grant = res.json()
    expect(Object.keys(grant).sort()).toEqual(['expiresAt', 'secret'])
    expect(grant.secret).toMatch(/^\d{10}\.[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}$/)
    expect(grant.expiresAt - before).toBeGreaterThan(SESSION_MAX_AGE_S * 1000 - 5000)
    expect(grant.secret).not.toContain(code)

    const again = await redeem(code)
    expect(again.statusCode).toBe(403)
    expect(codeOf(again)).toBe('login_code_invalid')
    expect(again.json().error.message).toBe('this login link no longer works (it works once, within 2 minutes); run lanchat open again')
    const link = await app.inject({ url: `/login?code=${code}`, headers: { host: HOST } })
    expect(link.statusCode).toBe(403)
    expect(link.body).toContain('Run <code>lanchat open</code> again')
    expect(link.body).toContain('<a href="/">open lanchat</a>')
  })

  it('a made-up code, the token itself, or no code opens nothing, by link or by POST', async () => {
    for (const url of ['/login?code=guess', `/login?code=${TOKEN}`, '/login', `/login?token=${TOKEN}`]) {
      const res = await app.inject({ url, headers: { host: HOST } })
      expect(res.statusCode).toBe(403)
      expect(res.headers['set-cookie']).toBeUndefined()
    }
    for (const code of ['guess', TOKEN]) {
      const res = await redeem(code)
      expect(res.statusCode).toBe(403)
      expect(codeOf(res)).toBe('login_code_invalid')
    }
    for (const payload of [{}, { code: '' }, { code: 7 }, { code: 'x'.repeat(129) }, { code: 'guess', token: TOKEN }]) {
      const res = await app.inject({ method: 'POST', url: '/api/session', headers: PAGE, payload })
      expect(res.statusCode).toBe(400)
    }
    const plain = await app.inject({ method: 'POST', url: '/api/session', headers: { ...PAGE, 'content-type': 'text/plain' }, payload: 'code=guess' })
    expect(plain.statusCode).toBe(415)
  })

  it('only a page of ours redeems a code: no Origin or a foreign one is refused and leaves the code usable', async () => {
    const code = await mintCode()
    const bare = await redeem(code, { host: HOST })
    expect(bare.statusCode).toBe(403)
    expect(codeOf(bare)).toBe('forbidden_origin')
    for (const origin of [`http://127.0.0.1:${PORT + 1}`, 'http://evil.example', 'null']) {
      const foreign = await redeem(code, { host: HOST, origin })
      expect(foreign.statusCode).toBe(403)
      expect(codeOf(foreign)).toBe('forbidden_origin')
    }
    // the same daemon under its other name is our origin too
    const own = await redeem(code, { host: `localhost:${PORT}`, origin: `http://localhost:${PORT}` })
    expect(own.statusCode).toBe(201)
  })

  it('an old session cookie a browser still brings is expired, whoever it was for; other cookies are left alone', async () => {
    const cookie = `theme=dark; lanchat_session_${PORT}=${oldCookieValue(TOKEN)}; lanchat_session_47481=x`
    for (const url of ['/', `/login?code=${await mintCode()}`, '/login?code=gone']) {
      const res = await app.inject({ url, headers: { host: HOST, cookie } })
      expect(res.headers['set-cookie']).toEqual([
        `lanchat_session_${PORT}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`,
        'lanchat_session_47481=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict'
      ])
    }
    const clean = await app.inject({ url: '/', headers: { host: HOST, cookie: 'theme=dark' } })
    expect(clean.headers['set-cookie']).toBeUndefined()
  })
})

describe('what the session secret may do', () => {
  it('reads like the token: status, contacts, history', async () => {
    const authorization = await logIn()
    for (const url of ['/api/status', '/api/contacts', '/api/messages?with=bob']) {
      const res = await app.inject({ url, headers: { host: HOST, authorization } })
      expect(res.statusCode).toBe(200)
    }
    // the scheme is case-insensitive, as HTTP's are
    const lower = await app.inject({ url: '/api/status', headers: { host: HOST, authorization: authorization.replace('Session', 'session') } })
    expect(lower.statusCode).toBe(200)
  })

  it('changes something only with our Origin, as a browser sends it', async () => {
    const authorization = await logIn()
    const bare = await app.inject({ method: 'POST', url: '/api/messages', headers: { host: HOST, authorization }, payload: { to: 'bob', body: 'hi' } })
    expect(bare.statusCode).toBe(403)
    expect(codeOf(bare)).toBe('forbidden_origin')
    expect(daemon.sends).toEqual([])
    const own = await app.inject({ method: 'POST', url: '/api/messages', headers: { host: HOST, authorization, origin: ORIGIN }, payload: { to: 'bob', body: 'hi' } })
    expect(own.statusCode).toBe(201)
    expect(daemon.sends).toEqual([{ to: 'bob', body: 'hi' }])
  })

  it('the secret sent from another site\'s page is refused for reading and writing', async () => {
    const authorization = await logIn()
    for (const origin of [`http://127.0.0.1:${PORT + 1}`, `http://localhost:${PORT + 1}`, 'http://evil.example', 'null']) {
      const read = await app.inject({ url: '/api/status', headers: { host: HOST, authorization, origin } })
      expect(read.statusCode).toBe(403)
      const write = await app.inject({ method: 'POST', url: '/api/messages', headers: { host: HOST, authorization, origin }, payload: { to: 'bob', body: 'hi' } })
      expect(write.statusCode).toBe(403)
      expect(codeOf(write)).toBe('forbidden_origin')
    }
    expect(daemon.sends).toEqual([])
  })

  it('cannot mint login codes for other browsers', async () => {
    const authorization = await logIn()
    const res = await app.inject({ method: 'POST', url: '/api/login-codes', headers: { host: HOST, authorization, origin: ORIGIN }, payload: {} })
    expect(res.statusCode).toBe(403)
    expect(codeOf(res)).toBe('token_required')
  })

  it('still needs the right Host: DNS rebinding gets nothing', async () => {
    const authorization = await logIn()
    const res = await app.inject({ url: '/api/status', headers: { host: `evil.example:${PORT}`, authorization } })
    expect(res.statusCode).toBe(403)
  })

  it('a tampered secret, one of another daemon, an old cookie\'s value, or any cookie at all is nobody', async () => {
    const authorization = await logIn()
    const secret = authorization.slice('Session '.length)
    const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A')
    const otherDaemon = createApi({ daemon, token: 'e5'.repeat(32), allowedPort: () => PORT, webRoot })
    const foreign = await logIn(otherDaemon, 'e5'.repeat(32))
    await otherDaemon.close()
    for (const bad of [`Session ${flipped}`, foreign, `Session 9${secret}`, 'Session ', `Session ${oldCookieValue(TOKEN)}`, `Bearer ${secret}`, `Session ${TOKEN}`]) {
      const res = await app.inject({ url: '/api/status', headers: { host: HOST, authorization: bad } })
      expect(res.statusCode).toBe(401)
      expect(codeOf(res)).toBe('unauthorized')
    }
    const refused = await app.inject({ url: '/api/status', headers: { host: HOST, authorization: foreign } })
    expect(refused.json().error.message).toBe('this browser session is not valid (expired, or made by another daemon or api-token); run lanchat open for a new login link')
    for (const cookie of [`lanchat_session_${PORT}=${secret}`, `lanchat_session_${PORT}=${oldCookieValue(TOKEN)}`]) {
      const res = await app.inject({ url: '/api/status', headers: { host: HOST, cookie } })
      expect(res.statusCode).toBe(401)
    }
  })
})

describe('codes and sessions run out', () => {
  it('a code works for two minutes only, and at most 32 wait at once', () => {
    let now = 1_000_000
    const sessions = new WebSessions({ token: TOKEN, allowedPort: () => PORT, now: () => now })
    const late = sessions.mintCode().code
    expect(sessions.isValidCode(late)).toBe(true)
    now += LOGIN_CODE_TTL_MS
    expect(sessions.isValidCode(late)).toBe(false)
    expect(sessions.redeem(late)).toBe(false)
    const first = sessions.mintCode().code
    for (let i = 0; i < MAX_LOGIN_CODES; i++) sessions.mintCode()
    expect(sessions.isValidCode(first)).toBe(false)
    expect(sessions.redeem(first)).toBe(false)
  })

  it('a session secret stops working after 30 days', () => {
    let now = Date.now()
    const sessions = new WebSessions({ token: TOKEN, allowedPort: () => PORT, now: () => now })
    const { secret, expiresAt } = sessions.newSession()
    expect(expiresAt).toBe((Math.floor(now / 1000) + SESSION_MAX_AGE_S) * 1000)
    const request = { headers: { authorization: `Session ${secret}` } } as unknown as Parameters<WebSessions['authenticates']>[0]
    expect(sessions.authenticates(request)).toBe(true)
    now += SESSION_MAX_AGE_S * 1000
    expect(sessions.authenticates(request)).toBe(false)
  })

  it('a secret outlives a daemon restart with the same api-token', async () => {
    const authorization = await logIn()
    const restarted = createApi({ daemon, token: TOKEN, allowedPort: () => PORT, webRoot })
    const res = await restarted.inject({ url: '/api/status', headers: { host: HOST, authorization } })
    expect(res.statusCode).toBe(200)
    await restarted.close()
  })
})

describe('the page and its assets', () => {
  it('GET / needs no credentials and forbids inline script, framing and referrers', async () => {
    const res = await app.inject({ url: '/', headers: { host: HOST } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('serves built assets by name, cached for good, and nothing else', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js', headers: { host: HOST } })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    for (const url of ['/assets/..%2Fsecret.js', '/assets/%2E%2E%2Fsecret.js', '/assets/.hidden.js', '/assets/index-abc123.exe', '/assets/missing.js']) {
      const res = await app.inject({ url, headers: { host: HOST } })
      expect(res.statusCode).toBe(404)
    }
    const outside = await app.inject({ url: '/secret.js', headers: { host: HOST } })
    expect(outside.statusCode).toBe(401)
  })

  it('says plainly when the web client was not built', async () => {
    const bare = createApi({ daemon, token: TOKEN, allowedPort: () => PORT, webRoot: tempDir('lanchat-empty-') })
    const res = await bare.inject({ url: '/', headers: { host: HOST } })
    expect(res.statusCode).toBe(503)
    expect(res.json().error.message).toBe('the web client is not built; run npm run build in the lanchat directory')
    await bare.close()
  })
})
