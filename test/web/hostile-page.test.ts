/**
 * A hostile page on another port of 127.0.0.1 tries to use alice's web
 * session, in Debian's Chromium against her real daemon (and bob's, and an
 * index server, all on 127.0.0.1). alice's browser still holds a cookie from
 * the old cookie sessions; she logs in with `lanchat open`'s link, and the
 * cookie is gone. Then the same browser opens a page served by a small HTTP
 * server on another loopback port: that server receives no lanchat credential
 * on any request; the page's own script finds no secret, and every call it
 * makes to alice's daemon, with credentials: 'include', is refused (401/403)
 * and sends nothing. A link with a made-up code does not log alice out, and
 * the daemon's other name (localhost) is another origin with no session.
 * alice's page keeps working: she writes to bob and hears back, her daemon
 * restarts and her page reconnects its event stream by itself.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { SESSION_MAX_AGE_S } from '../../node/api/session.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'
import { browserSkipReason, launchBrowser, loginLink, newPerson } from './browser.js'
import type { PersonPage, TestBrowser } from './browser.js'
import { startHostileServer } from './hostile-server.js'
import type { HostileReport, HostileServer } from './hostile-server.js'

/** Deadline for anything that should show "live": an event from the daemon rendered on the page. */
const LIVE_MS = 3000
/** Deadline for the page to notice its daemon is back and open a new event stream (the page retries at most every 5 s). */
const RECONNECT_MS = 15_000

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess
let chrome: TestBrowser
let a: PersonPage
let evil: HostileServer
let token: string
let code: string
let secret: string
/** the statuses of what the hostile page's requests got, by DevTools request id */
const answered: Array<{ requestId: string, status: number }> = []
let report: HostileReport

function contact (page: Page, name: string): Locator {
  return page.locator(`button.contact[data-name="${name}"]`)
}

async function write (page: Page, text: string): Promise<void> {
  await page.locator('#compose').fill(text)
  await page.locator('#compose').press('Enter')
}

/** A session cookie as the old cookie sessions made them for this token: then a working credential, sent to every port of 127.0.0.1. */
function oldSessionCookie (): string {
  const key = createHmac('sha256', token).update('lanchat web session v1').digest()
  const payload = `${Math.floor(Date.now() / 1000) + SESSION_MAX_AGE_S}.${randomBytes(24).toString('base64url')}`
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`
}

describe.skipIf(browserSkipReason !== undefined)('a hostile page on another loopback port', () => {
  beforeAll(async () => {
    index = await startIndex()
    ;[alice, bob, chrome] = await Promise.all([
      new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start(),
      launchBrowser()
    ])
    token = readFileSync(join(alice.profileDir, 'api-token'), 'utf8').trim()
    a = await newPerson(chrome.browser)
    await alice.sees('bob', c => c.online)
    evil = await startHostileServer(alice.apiUrl)
  })

  afterAll(async () => {
    await chrome?.close()
    await evil?.close()
    await stopAllDaemons()
    await stopAllIndexes()
  })

  it('alice logs in with lanchat open\'s link; the old session cookie her browser had is expired, and no cookie takes its place', async () => {
    await a.context.addCookies([{ name: `lanchat_session_${new URL(alice.apiUrl).port}`, value: oldSessionCookie(), domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }])
    const link = await loginLink(alice)
    code = new URL(link).searchParams.get('code') ?? ''
    await a.page.goto(link)
    await a.page.locator('.me-name', { hasText: 'alice' }).waitFor({ timeout: 10_000 })
    expect(a.page.url()).toBe(`${alice.apiUrl}/`)
    expect(await a.context.cookies()).toEqual([])
    secret = await a.page.evaluate(() => localStorage.getItem('lanchat.session') ?? '')
    expect(secret).toMatch(/^\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(a.requests).toContain('POST /api/session')
  })

  it('the same browser opens the hostile page: its script finds no secret and every call it makes to alice\'s daemon is refused', async () => {
    const hostile = await a.context.newPage()
    // the DevTools protocol shows the headers Chromium really sent and the status it really got, also for answers CORS hides from the page
    const cdp = await a.context.newCDPSession(hostile)
    const urls = new Map<string, string>()
    const sent = new Map<string, Record<string, string>>()
    cdp.on('Network.requestWillBeSent', event => { urls.set(event.requestId, `${event.request.method} ${event.request.url}`) })
    cdp.on('Network.requestWillBeSentExtraInfo', event => { sent.set(event.requestId, event.headers as Record<string, string>) })
    cdp.on('Network.responseReceivedExtraInfo', event => { answered.push({ requestId: event.requestId, status: event.statusCode }) })
    await cdp.send('Network.enable')
    await hostile.goto(evil.url)
    report = await evil.report()
    await hostile.close()

    // its own storage is its own origin's: empty; alice's page in a frame is refused and another origin anyway
    expect(report.cookie).toBe('')
    expect(report.local).toBe('{}')
    expect(report.session).toBe('{}')
    expect(report.frameStorage).toBe('SecurityError')
    // a readable answer would need CORS, which the daemon never allows
    expect(report['read status']).toBe('TypeError')
    expect(report['send, with a guessed session']).toBe('TypeError')
    for (const name of ['read status, no-cors', 'read events', 'send, simple request', 'redeem a code', 'mint a code']) expect(report[name]).toBe('opaque 0')

    // what alice's daemon answered each request the hostile page made: every API call refused
    const toDaemon = answered.map(({ requestId, status }) => {
      const [method, url] = (urls.get(requestId) ?? '? ?').split(' ')
      return { method, url: new URL(url, evil.url), status, headers: sent.get(requestId) ?? {} }
    }).filter(r => r.url.origin === alice.apiUrl)
    const api = toDaemon.filter(r => r.url.pathname.startsWith('/api/')).map(r => `${r.method} ${r.url.pathname} ${r.status}`)
    expect(api).toEqual(expect.arrayContaining([
      // with our Origin missing or foreign: 403
      'GET /api/status 403', 'POST /api/messages 403', 'POST /api/session 403', 'POST /api/login-codes 403',
      // the preflight of the request with a made-up session header: refused, so that request is never sent
      'OPTIONS /api/messages 403',
      // a no-cors GET and an image send no Origin, and nothing authenticates them: 401
      'GET /api/status 401', 'GET /api/events 401', 'GET /api/contacts 401'
    ]))
    expect(api.filter(line => !/ 40[13]$/.test(line))).toEqual([])
    // the simple request and the form post reached the daemon (and were refused); the one with a header never did
    expect(api.filter(line => line.startsWith('POST /api/messages'))).toHaveLength(2)
    // and Chromium sent none of them a cookie or the session
    for (const request of toDaemon) {
      expect(request.headers.Cookie ?? request.headers.cookie).toBeUndefined()
      expect(JSON.stringify(request.headers)).not.toContain(secret)
    }
    // the page in a frame was refused (frame-ancestors 'none'); it holds no data anyway
    expect(toDaemon.filter(r => r.url.pathname === '/').map(r => r.status)).toEqual([200])
    const history = await alice.history('bob')
    expect(history.filter(m => m.body.includes('hostile'))).toEqual([])
  })

  it('the hostile server received no lanchat credential of any kind, on any request', () => {
    expect(evil.requests.map(r => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /', 'POST /report']))
    for (const request of evil.requests) {
      expect(request.headers.cookie).toBeUndefined()
      expect(request.headers.authorization).toBeUndefined()
      const everything = JSON.stringify(request)
      for (const credential of [secret, code, token, 'lanchat_session']) expect(everything).not.toContain(credential)
    }
    // the secret's parts either: neither its nonce nor its signature
    for (const part of secret.split('.').slice(1)) expect(JSON.stringify(evil.requests)).not.toContain(part)
  })

  it('a link with a made-up code, as any page could send her, leaves alice logged in', async () => {
    const page = await a.context.newPage()
    await page.goto(`${alice.apiUrl}/#code=made-up`)
    await page.locator('.me-name', { hasText: 'alice' }).waitFor({ timeout: 10_000 })
    expect(page.url()).toBe(`${alice.apiUrl}/`)
    expect(await page.evaluate(() => localStorage.getItem('lanchat.session'))).toBe(secret)
    await page.close()
  })

  it('the same daemon as localhost is another origin: no session there, and the page says to run lanchat open', async () => {
    const page = await a.context.newPage()
    await page.goto(alice.apiUrl.replace('127.0.0.1', 'localhost') + '/')
    await page.getByRole('heading', { name: 'Not authorised' }).waitFor({ timeout: LIVE_MS })
    expect(await page.evaluate(() => localStorage.length)).toBe(0)
    await page.close()
  })

  it('alice\'s own page keeps working: she writes to bob and hears back', async () => {
    await contact(a.page, 'bob').click()
    await write(a.page, 'are you still there?')
    await a.page.locator('.msg.out[data-state="delivered"]', { hasText: 'are you still there?' }).waitFor({ timeout: LIVE_MS })
    await bob.received('alice', [(await alice.history('bob')).find(m => m.body === 'are you still there?')?.id ?? ''])
    await bob.send('alice', 'yes, all good')
    await a.page.locator('.msg.in', { hasText: 'yes, all good' }).waitFor({ timeout: LIVE_MS })
  })

  it('alice\'s daemon restarts: her page shows it gone, reconnects its event stream with the same session, and hears bob live again', async () => {
    const port = Number(new URL(alice.apiUrl).port)
    const streams = a.requests.filter(r => r === 'GET /api/events').length
    await alice.stop()
    await a.page.locator('.banner.lost', { hasText: 'not answering' }).waitFor({ timeout: LIVE_MS })
    alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort, profileDir: alice.profileDir, args: ['--api-port', String(port)] }).start()
    await a.page.locator('.banner.lost').waitFor({ state: 'detached', timeout: RECONNECT_MS })
    expect(a.requests.filter(r => r === 'GET /api/events').length).toBeGreaterThan(streams)
    expect(await a.page.evaluate(() => localStorage.getItem('lanchat.session'))).toBe(secret)

    await alice.sees('bob', c => c.online)
    await bob.send('alice', 'welcome back')
    await a.page.locator('.msg.in', { hasText: 'welcome back' }).waitFor({ timeout: LIVE_MS })
    await write(a.page, 'thanks')
    await a.page.locator('.msg.out[data-state="delivered"]', { hasText: 'thanks' }).waitFor({ timeout: LIVE_MS })
    // each step has its own deadline above; together (a daemon start alone may take 50 s under load) they pass vitest's 60 s
  }, 150_000)
})
