/**
 * How a browser gets in, and what it may do once in, driven through
 * app.inject() against a stub daemon: `lanchat open` (the token holder) asks
 * for a login code; the code works once, briefly, and becomes an HttpOnly,
 * SameSite=Strict cookie; the cookie reads like the token but changes nothing
 * without our Origin; a forged, foreign or expired cookie is nobody. The page
 * and its assets are public, and nothing outside dist/web can be named. Last,
 * the real `lanchat open` prints the link and hands it to xdg-open on a desktop.
 */
import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { createApi, listenApi } from '../../node/api/index.js'
import type { LanchatApi } from '../../node/api/index.js'
import { LOGIN_CODE_TTL_MS, MAX_LOGIN_CODES, SESSION_MAX_AGE_S, WebSessions, sessionCookieName } from '../../node/api/session.js'
import { LANCHAT_BIN } from '../helpers/daemon-process.js'
import { tempDir } from '../helpers/index-process.js'
import { StubDaemon } from '../helpers/stub-daemon.js'
import { until } from '../helpers/wait.js'

const TOKEN = 'd4'.repeat(32)
const PORT = 47480
const HOST = `127.0.0.1:${PORT}`
const ORIGIN = `http://${HOST}`
const BEARER = { host: HOST, authorization: `Bearer ${TOKEN}` }

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

async function mintCode (): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/login-codes', headers: BEARER, payload: {} })
  expect(res.statusCode).toBe(201)
  return res.json().code
}

/** Trades a fresh code for a session and returns the cookie as a browser would send it back. */
async function logIn (): Promise<string> {
  const res = await app.inject({ url: `/login?code=${await mintCode()}`, headers: { host: HOST } })
  expect(res.statusCode).toBe(303)
  return String(res.headers['set-cookie']).split(';')[0]
}

function codeOf (res: LightMyRequestResponse): string {
  return res.json().error.code
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

  it('the code becomes an HttpOnly, SameSite=Strict session cookie and a 303 to /, once', async () => {
    const code = await mintCode()
    const res = await app.inject({ url: `/login?code=${code}`, headers: { host: HOST } })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['set-cookie']).toMatch(new RegExp(`^${sessionCookieName(PORT)}=[^;]+; Max-Age=${SESSION_MAX_AGE_S}; Path=/; HttpOnly; SameSite=Strict$`))

    const again = await app.inject({ url: `/login?code=${code}`, headers: { host: HOST } })
    expect(again.statusCode).toBe(403)
    expect(again.headers['set-cookie']).toBeUndefined()
    expect(again.body).toContain('Run <code>lanchat open</code> again')
  })

  it('a made-up code, the token itself, or no code opens nothing', async () => {
    for (const url of ['/login?code=guess', `/login?code=${TOKEN}`, '/login', `/login?token=${TOKEN}`]) {
      const res = await app.inject({ url, headers: { host: HOST } })
      expect(res.statusCode).toBe(403)
      expect(res.headers['set-cookie']).toBeUndefined()
    }
  })

  it('an old link opened by a browser that is logged in anyway just goes to the client', async () => {
    const cookie = await logIn()
    const res = await app.inject({ url: '/login?code=long-gone', headers: { host: HOST, cookie } })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/')
  })
})

describe('what the session cookie may do', () => {
  it('reads like the token: status, contacts, history', async () => {
    const cookie = await logIn()
    for (const url of ['/api/status', '/api/contacts', '/api/messages?with=bob']) {
      const res = await app.inject({ url, headers: { host: HOST, cookie } })
      expect(res.statusCode).toBe(200)
    }
  })

  it('changes something only with our Origin, as a browser sends it', async () => {
    const cookie = await logIn()
    const bare = await app.inject({ method: 'POST', url: '/api/messages', headers: { host: HOST, cookie }, payload: { to: 'bob', body: 'hi' } })
    expect(bare.statusCode).toBe(403)
    expect(codeOf(bare)).toBe('forbidden_origin')
    const foreign = await app.inject({ method: 'POST', url: '/api/messages', headers: { host: HOST, cookie, origin: 'http://evil.example' }, payload: { to: 'bob', body: 'hi' } })
    expect(foreign.statusCode).toBe(403)
    expect(daemon.sends).toEqual([])
    const own = await app.inject({ method: 'POST', url: '/api/messages', headers: { host: HOST, cookie, origin: ORIGIN }, payload: { to: 'bob', body: 'hi' } })
    expect(own.statusCode).toBe(201)
    expect(daemon.sends).toEqual([{ to: 'bob', body: 'hi' }])
  })

  it('cannot mint login codes for other browsers', async () => {
    const cookie = await logIn()
    const res = await app.inject({ method: 'POST', url: '/api/login-codes', headers: { host: HOST, cookie, origin: ORIGIN }, payload: {} })
    expect(res.statusCode).toBe(403)
    expect(codeOf(res)).toBe('token_required')
  })

  it('still needs the right Host: DNS rebinding gets nothing', async () => {
    const cookie = await logIn()
    const res = await app.inject({ url: '/api/status', headers: { host: `evil.example:${PORT}`, cookie } })
    expect(res.statusCode).toBe(403)
  })

  it('a tampered cookie, another port\'s, or one signed by another daemon is nobody', async () => {
    const cookie = await logIn()
    const [name, value] = cookie.split('=')
    const flipped = value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A')
    const otherDaemon = createApi({ daemon, token: 'e5'.repeat(32), allowedPort: () => PORT, webRoot })
    const code = (await otherDaemon.inject({ method: 'POST', url: '/api/login-codes', headers: { host: HOST, authorization: `Bearer ${'e5'.repeat(32)}` }, payload: {} })).json().code
    const foreign = String((await otherDaemon.inject({ url: `/login?code=${code}`, headers: { host: HOST } })).headers['set-cookie']).split(';')[0]
    await otherDaemon.close()
    const longer = `${name}=9${value}`
    for (const bad of [`${name}=${flipped}`, `${sessionCookieName(PORT + 1)}=${value}`, foreign, longer, `${name}=`]) {
      const res = await app.inject({ url: '/api/status', headers: { host: HOST, cookie: bad } })
      expect(res.statusCode).toBe(401)
    }
  })
})

describe('codes and sessions run out', () => {
  it('a code works for two minutes only, and at most 32 wait at once', () => {
    let now = 1_000_000
    const sessions = new WebSessions({ token: TOKEN, allowedPort: () => PORT, now: () => now })
    const late = sessions.mintCode().code
    now += LOGIN_CODE_TTL_MS
    expect(sessions.redeem(late)).toBe(false)
    const first = sessions.mintCode().code
    for (let i = 0; i < MAX_LOGIN_CODES; i++) sessions.mintCode()
    expect(sessions.redeem(first)).toBe(false)
  })

  it('a session cookie stops working after 30 days', async () => {
    let now = Date.now()
    const sessions = new WebSessions({ token: TOKEN, allowedPort: () => PORT, now: () => now })
    const cookie = sessions.newSessionCookie().split(';')[0]
    const request = { headers: { cookie } } as unknown as Parameters<WebSessions['authenticates']>[0]
    expect(sessions.authenticates(request)).toBe(true)
    now += SESSION_MAX_AGE_S * 1000
    expect(sessions.authenticates(request)).toBe(false)
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

describe('lanchat open', () => {
  it('prints the login link and, on a desktop, hands it to xdg-open', async () => {
    let port = 0
    const live = createApi({ daemon, token: TOKEN, allowedPort: () => port, webRoot })
    port = await listenApi(live, { port: 0, fallback: false })
    const profile = tempDir('lanchat-open-')
    writeFileSync(join(profile, 'api.json'), JSON.stringify({ url: `http://127.0.0.1:${port}`, port, pid: process.pid }))
    writeFileSync(join(profile, 'api-token'), TOKEN + '\n', { mode: 0o600 })
    // a stand-in xdg-open that records what it was asked to open
    const bin = tempDir('lanchat-xdg-')
    const opened = join(bin, 'opened')
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > ${opened}\n`)
    chmodSync(join(bin, 'xdg-open'), 0o755)
    try {
      const out = await run(['open', '--profile', profile], { DISPLAY: ':0', PATH: `${bin}:${process.env.PATH ?? ''}` })
      expect(out.code).toBe(0)
      expect(out.stderr).toBe('')
      const link = out.stdout.trim()
      expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/login\\?code=[A-Za-z0-9_-]{32}$`))
      expect(await until(() => { try { return readFileSync(opened, 'utf8') } catch { return undefined } }, 5000, 'xdg-open to run')).toBe(link)
      const login = await fetch(link, { redirect: 'manual' })
      expect(login.status).toBe(303)
    } finally {
      await live.close()
    }
  })
})

/** Runs the built `lanchat` with extra environment; resolves with its exit code and output. */
async function run (args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const child = spawn(process.execPath, [LANCHAT_BIN, ...args], { env: { ...process.env, WAYLAND_DISPLAY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
  const timer = setTimeout(() => { child.kill('SIGKILL') }, 20_000)
  const code = await new Promise<number | null>(resolve => { child.on('exit', c => { resolve(c) }) })
  clearTimeout(timer)
  return { code, stdout, stderr }
}
