/**
 * alice and bob chat in the web client, in Debian's Chromium: their real
 * daemons and a real index server run on 127.0.0.1; each logs a browser in
 * with `lanchat open`. They write both ways, see delivered and read, see each
 * other type; bob's daemon stops, alice's page greys him, her message is
 * relayed, bob returns and gets it; markup in a message stays text; a browser
 * without a session is told to run `lanchat open`; a phone-sized window and a
 * keyboard alone are enough.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator } from 'playwright-core'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { ROOT, startIndex, stopAllIndexes } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'
import { browserSkipReason, launchBrowser, logIn, newPerson, screenshot, write } from './browser.js'
import type { PersonPage, TestBrowser } from './browser.js'
import { contrastFailures } from './contrast.js'

/** The README's screenshot of the client, refreshed only on request (LANCHAT_README_SHOT=1), so a test run leaves the tree clean. */
const README_SHOT = process.env.LANCHAT_README_SHOT === '1' ? resolve(ROOT, 'docs/web-client.png') : undefined
/** Deadline for anything that should show "live": an event from the daemon rendered on the page. */
const LIVE_MS = 3000
/** Deadline for a stopped daemon to be shown offline (heartbeat: 3 missed pings of 2 s, plus margin). */
const HEARTBEAT_DEADLINE_MS = 10_000

/** Records what the page hands to the Notification API, and lets the test hide the tab (headless Chromium never hides one). */
const NOTIFICATION_SPY = `
  window.__notes = []
  let hidden = false
  window.Notification = class { static permission = 'granted'
    static async requestPermission () { return 'granted' }
    constructor (title, options) { window.__notes.push({ title, body: options && options.body }) }
    close () {} }
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get () { return hidden ? 'hidden' : 'visible' } })
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get () { return hidden } })
  window.__setHidden = (value) => { hidden = value; document.dispatchEvent(new Event('visibilitychange')) }
`

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess
let chrome: TestBrowser
let a: PersonPage
let b: PersonPage

function contact (person: PersonPage, name: string): Locator {
  return person.page.locator(`button.contact[data-name="${name}"]`)
}

/** Waits until the locator is visible, within the deadline for live updates. */
async function shows (locator: Locator): Promise<void> {
  await locator.waitFor({ timeout: LIVE_MS })
}

function message (person: PersonPage, text: string): Locator {
  return person.page.locator('.msg', { hasText: text })
}


describe.skipIf(browserSkipReason !== undefined)('the web client in Chromium', () => {
  beforeAll(async () => {
    index = await startIndex()
    let carol: DaemonProcess
    let dave: DaemonProcess
    ;[alice, bob, carol, dave, chrome] = await Promise.all([
      new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'carol', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'dave', indexPort: index.udpPort }).start(),
      launchBrowser()
    ])
    // carol is away; dave was here and left
    await carol.api.put('/api/status', { status: 'away', text: 'back at 3' })
    await dave.stop()
    ;[a, b] = await Promise.all([newPerson(chrome.browser), newPerson(chrome.browser, { init: NOTIFICATION_SPY })])
    await alice.sees('bob', c => c.online)
    await alice.sees('carol', c => c.status === 'away')
    await alice.sees('dave', c => !c.online)
  })

  afterAll(async () => {
    await chrome?.close()
    await stopAllDaemons()
    await stopAllIndexes()
  })

  it('a browser without a session is told to run lanchat open; the token in a URL opens nothing', async () => {
    const stranger = await newPerson(chrome.browser)
    const token = readFileSync(join(alice.profileDir, 'api-token'), 'utf8').trim()
    await stranger.page.goto(`${alice.apiUrl}/?token=${token}`)
    await shows(stranger.page.getByRole('heading', { name: 'Not authorised' }))
    expect(await stranger.page.locator('main').innerText()).toContain('lanchat open')
    await screenshot(stranger.page, chrome.shots, 'not-authorised')
    await stranger.context.close()
  })

  it('alice and bob log in through lanchat open links; the session is a secret in the page\'s own storage, no cookie, and the code leaves the address bar', async () => {
    const link = await logIn(a, alice)
    await logIn(b, bob)
    expect(a.page.url()).toBe(`${alice.apiUrl}/`)
    expect(await a.context.cookies()).toEqual([])
    const storage = await a.page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }))
    expect(Object.keys(storage.local)).toEqual(['lanchat.session'])
    expect(storage.local['lanchat.session']).toMatch(/^\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(storage.session).toEqual({})
    expect(storage.cookie).toBe('')
    expect(await a.page.evaluate(() => location.href)).not.toContain('code')

    // the link worked once: in another browser it is stale
    const late = await newPerson(chrome.browser)
    const res = await late.page.goto(link)
    expect(res?.status()).toBe(403)
    expect(await late.page.locator('h1').innerText()).toBe('This login link no longer works')
    await late.context.close()
  })

  it('shows everyone known, online first, with status dots and text; offline people greyed', async () => {
    const names = await a.page.locator('button.contact').evaluateAll(els => els.map(el => `${el.getAttribute('data-name') ?? ''}:${el.getAttribute('data-online') ?? ''}`))
    expect(names).toEqual(['bob:true', 'carol:true', 'dave:false'])
    expect(await contact(a, 'carol').locator('.status-text').innerText()).toBe('away · back at 3')
    expect(await contact(a, 'carol').locator('.dot').getAttribute('class')).toBe('dot away')
    expect(await contact(a, 'dave').getAttribute('class')).toBe('contact offline')
    expect(await contact(a, 'dave').locator('.status-text').innerText()).toMatch(/^offline, seen just now$/)
  })

  it('alice writes to bob: it shows live on bob\'s page with an unread count, turns delivered, and read once bob opens it', async () => {
    await contact(a, 'bob').click()
    await write(a, 'hello bob')
    await shows(a.page.locator('.msg.out[data-state="delivered"]', { hasText: 'hello bob' }))
    await shows(contact(b, 'alice').locator('.unread', { hasText: '1' }))
    await contact(b, 'alice').click()
    await shows(message(b, 'hello bob'))
    await shows(a.page.locator('.msg.out[data-state="read"]', { hasText: 'hello bob' }))
    // bob's own page clears the count when his daemon confirms the read (which may come after alice's page saw the receipt)
    await contact(b, 'alice').locator('.unread').waitFor({ state: 'detached', timeout: LIVE_MS })
  })

  it('bob answers on two lines with a link; each sees the other typing; the link is clickable', async () => {
    await a.page.locator('#compose').pressSequentially('one sec')
    await shows(b.page.getByText('alice is typing…'))
    await a.page.locator('#compose').fill('')
    await a.page.locator('#compose').dispatchEvent('input')

    await b.page.locator('#compose').click()
    await b.page.keyboard.type('lunch at noon?')
    await shows(a.page.getByText('bob is typing…'))
    await b.page.keyboard.press('Shift+Enter')
    await b.page.keyboard.type('menu: https://example.org/menu.')
    await b.page.keyboard.press('Enter')
    const reply = message(a, 'lunch at noon?')
    await shows(reply)
    expect(await reply.locator('.body').innerText()).toBe('lunch at noon?\nmenu: https://example.org/menu.')
    expect(await reply.locator('a').evaluate(el => [el.getAttribute('href'), el.getAttribute('rel'), el.textContent])).toEqual(['https://example.org/menu', 'noopener noreferrer', 'https://example.org/menu'])
    await a.page.getByText('bob is typing…').waitFor({ state: 'hidden', timeout: LIVE_MS })
    await shows(b.page.locator('.msg.out[data-state="read"]', { hasText: 'lunch at noon?' }))

    // for the README: a conversation in full swing, bob typing again
    await write(a, 'yes! see you at the door')
    await b.page.locator('#compose').pressSequentially('on my way')
    await shows(a.page.getByText('bob is typing…'))
    await shows(a.page.locator('.msg.out[data-state="read"]', { hasText: 'see you at the door' }))
    await screenshot(a.page, chrome.shots, 'conversation', README_SHOT)
    await b.page.keyboard.press('Enter')
    await shows(message(a, 'on my way'))
  })

  it('shows a body of markup as text: nothing runs, nothing renders as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>'
    await write(a, evil)
    const shown = b.page.locator('.msg.in').last()
    await shows(shown.locator('.body', { hasText: evil }))
    expect(await shown.locator('.body').innerText()).toBe(evil)
    expect(await b.page.locator('.messages img').count()).toBe(0)
    await shows(a.page.locator('.msg.out[data-state="read"]', { hasText: evil }))
    expect([...a.dialogs, ...b.dialogs]).toEqual([])
  })

  it('bob sets busy with a text; alice sees it within a second; the search box finds people by name', async () => {
    await b.page.locator('#my-status').selectOption('busy')
    await b.page.locator('#my-status-text').fill('in a meeting')
    const set = Date.now()
    await b.page.locator('#my-status-text').press('Enter')
    await contact(a, 'bob').locator('.status-text', { hasText: 'busy · in a meeting' }).waitFor({ timeout: 1000 })
    expect(Date.now() - set).toBeLessThan(1000)
    expect(await contact(a, 'bob').locator('.dot').getAttribute('class')).toBe('dot busy')

    await a.page.locator('#search').fill('zz')
    await shows(a.page.getByText('Nobody called “zz”.'))
    await a.page.locator('#search').fill('CAR')
    expect(await a.page.locator('button.contact').evaluateAll(els => els.map(el => el.getAttribute('data-name')))).toEqual(['carol'])
    await a.page.locator('#search').fill('')
  })

  it('works by keyboard alone: Tab to bob, arrows along the list, Enter opens him, Enter sends', async () => {
    await a.page.locator('#search').focus()
    for (let i = 0; i < 10 && !(await a.page.evaluate(() => document.activeElement?.getAttribute('data-name') === 'bob')); i++) {
      await a.page.keyboard.press('Tab')
    }
    // arrow keys walk the list, as in a menu
    const focused = async (): Promise<string | null | undefined> => await a.page.evaluate(() => document.activeElement?.getAttribute('data-name'))
    await a.page.keyboard.press('ArrowDown')
    expect(await focused()).toBe('carol')
    await a.page.keyboard.press('ArrowUp')
    expect(await focused()).toBe('bob')
    await a.page.keyboard.press('Enter')
    await a.page.waitForFunction(() => document.activeElement?.id === 'compose', undefined, { timeout: LIVE_MS })
    await a.page.keyboard.type('typed with the keyboard only')
    await a.page.keyboard.press('Enter')
    await shows(message(b, 'typed with the keyboard only'))
  })

  it('notifies bob of a message that arrives while his tab is hidden, and sends no read receipt until he looks', async () => {
    await b.page.evaluate(() => { (window as unknown as { __setHidden: (h: boolean) => void }).__setHidden(true) })
    const readsBefore = b.requests.filter(r => r === 'POST /api/read').length
    await write(a, 'psst, are you there?')
    await expect.poll(async () => await b.page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes), { timeout: LIVE_MS })
      .toContainEqual({ title: 'alice', body: 'psst, are you there?' })
    await shows(a.page.locator('.msg.out[data-state="delivered"]', { hasText: 'psst' }))
    expect(b.requests.filter(r => r === 'POST /api/read').length).toBe(readsBefore)
    await b.page.evaluate(() => { (window as unknown as { __setHidden: (h: boolean) => void }).__setHidden(false) })
    await shows(a.page.locator('.msg.out[data-state="read"]', { hasText: 'psst' }))
  })

  it('bob\'s daemon stops: alice\'s page greys him within the heartbeat deadline and her message is relayed; bob\'s phone says so; bob returns and gets it', async () => {
    // bob on a phone-sized window, back at the list, so no conversation is on screen to read it
    await b.page.setViewportSize({ width: 390, height: 760 })
    await b.page.getByRole('button', { name: 'Back to people' }).click()
    await shows(contact(b, 'alice'))
    expect(await b.page.locator('.conversation').isVisible()).toBe(false)

    const bobPort = Number(new URL(bob.apiUrl).port)
    const stopped = Date.now()
    await bob.stop()
    await a.page.locator('button.contact.offline[data-name="bob"]').waitFor({ timeout: HEARTBEAT_DEADLINE_MS })
    expect(Date.now() - stopped).toBeLessThan(HEARTBEAT_DEADLINE_MS)
    await shows(b.page.locator('.banner.lost', { hasText: 'not answering' }))

    const long = `back from your meeting? ${'lunch'.repeat(80)}`
    await write(a, long)
    await a.page.locator('.msg.out[data-state="relayed"]', { hasText: 'back from your meeting?' }).waitFor({ timeout: 10_000 })
    await shows(a.page.getByText('bob is offline. Messages go to the index server'))
    expect(await contrastFailures(a.page)).toEqual([])
    await screenshot(a.page, chrome.shots, 'bob-offline-relayed')
    await screenshot(b.page, chrome.shots, 'bob-phone-daemon-gone')

    // bob starts his daemon again (same profile, same API port): his page reconnects by itself
    bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort, profileDir: bob.profileDir, args: ['--api-port', String(bobPort)] }).start()
    await b.page.locator('.banner.lost').waitFor({ state: 'detached', timeout: 15_000 })
    await a.page.locator('.msg.out[data-state="delivered"]', { hasText: 'back from your meeting?' }).waitFor({ timeout: 15_000 })
    await shows(a.page.locator('button.contact[data-online="true"][data-name="bob"]'))
    await shows(contact(b, 'alice').locator('.unread', { hasText: '1' }))

    // on the phone: open alice, the long message wraps inside the screen, and alice sees it read
    await contact(b, 'alice').click()
    const arrived = message(b, 'back from your meeting?')
    await shows(arrived)
    const box = await arrived.boundingBox()
    expect(box !== null && box.x >= 0 && box.x + box.width <= 390).toBe(true)
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await shows(b.page.getByRole('button', { name: 'Back to people' }))
    await shows(a.page.locator('.msg.out[data-state="read"]', { hasText: 'back from your meeting?' }))
    expect(await contrastFailures(b.page)).toEqual([])
    await screenshot(b.page, chrome.shots, 'bob-phone-conversation')
  })

  it('used one event stream and fetched the contacts once: no polling', () => {
    expect(a.requests.filter(r => r === 'GET /api/events')).toHaveLength(1)
    expect(a.requests.filter(r => r === 'GET /api/contacts')).toHaveLength(1)
    expect(a.requests.filter(r => r === 'GET /api/status')).toHaveLength(1)
  })
})
