/**
 * An expired message in the web client, in Debian's Chromium: alice writes
 * to bob, who is away; the index server keeps it only 3 s here
 * (--relay-retention-ms), so alice's bubble turns "expired", says why, and
 * offers "Send again"; the mark survives a reload; bob comes back, she clicks
 * it and bob gets the new copy once. (Bob comes back first: a copy relayed
 * while he is away would itself expire after 3 s if his start were slow.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'
import { browserSkipReason, launchBrowser, logIn, newPerson, screenshot } from './browser.js'
import type { PersonPage, TestBrowser } from './browser.js'

/** Retention, a sweep at half of it, the note to alice's daemon, the event to her page. */
const EXPIRY_MS = 15_000
const LIVE_MS = 5_000

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess
let chrome: TestBrowser
let a: PersonPage

describe.skipIf(browserSkipReason !== undefined)('an expired message in the web client', () => {
  beforeAll(async () => {
    index = await startIndex({ args: ['--relay-retention-ms', '3000'] })
    ;[alice, bob, chrome] = await Promise.all([
      new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start(),
      launchBrowser()
    ])
    await alice.sees('bob', c => c.online)
    await bob.stop()
    await alice.sees('bob', c => !c.online)
    a = await newPerson(chrome.browser)
    await logIn(a, alice)
  })

  afterAll(async () => {
    await chrome?.close()
    await stopAllDaemons()
    await stopAllIndexes()
  })

  it('marks the message expired with the reason, and Send again makes a new one that bob gets once', async () => {
    await a.page.locator('button.contact[data-name="bob"]').click()
    await a.page.locator('#compose').fill('the report is due friday')
    await a.page.keyboard.press('Enter')
    const first = a.page.locator('.msg.out', { hasText: 'the report is due friday' })
    await first.locator('.state', { hasText: 'relayed' }).waitFor({ timeout: LIVE_MS })
    await a.page.locator('.msg.out[data-state="expired"]').waitFor({ timeout: EXPIRY_MS })
    expect(await first.locator('.expired').innerText()).toBe('Not delivered: it waited at the index server longer than it keeps messages. Send again')
    await screenshot(a.page, chrome.shots, 'expired')

    const expiredId = await first.getAttribute('data-id')
    // the expired mark survives a reload (the daemon keeps the text and the reason)
    await a.page.reload()
    await a.page.locator('button.contact[data-name="bob"]').click()
    const again = a.page.locator(`.msg.out[data-id="${expiredId ?? ''}"][data-state="expired"]`)
    await again.waitFor({ timeout: LIVE_MS })

    await bob.start()
    await alice.sees('bob', c => c.online)
    await again.locator('button.resend').click()
    const copy = a.page.locator('.msg.out[data-state="delivered"]', { hasText: 'the report is due friday' })
    await copy.waitFor({ timeout: EXPIRY_MS })
    const ids = await a.page.locator('.msg.out', { hasText: 'the report is due friday' }).evaluateAll(els => els.map(el => `${el.getAttribute('data-id') ?? ''}:${el.getAttribute('data-state') ?? ''}`))
    expect(ids).toHaveLength(2)
    expect(ids[0]).toBe(`${expiredId ?? ''}:expired`)
    const copyId = ids[1].split(':')[0]
    expect(copyId).not.toBe(expiredId)
    const got = await bob.received('alice', [copyId])
    expect(got.filter(m => m.body === 'the report is due friday').map(m => m.id)).toEqual([copyId])
  })
})
