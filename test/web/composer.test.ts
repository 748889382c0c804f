/**
 * A message too long to send (70 KB; one message holds 64 KiB) is refused in
 * the composer before it is cleared: alice sees why, her text stays where she
 * typed it, nothing is sent or shown as "not sent"; once she shortens it, it
 * goes out and the notice goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { browserSkipReason, launchBrowser, logIn, newPerson } from './browser.js'
import type { PersonPage, TestBrowser } from './browser.js'

let alice: DaemonProcess
let bob: DaemonProcess
let chrome: TestBrowser
let a: PersonPage

describe.skipIf(browserSkipReason !== undefined)('the composer and a message that is too long', () => {
  beforeAll(async () => {
    const index = await startIndex()
    ;[alice, bob, chrome] = await Promise.all([
      new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start(),
      launchBrowser()
    ])
    await alice.sees('bob', c => c.online)
    a = await newPerson(chrome.browser)
    await logIn(a, alice)
  })

  afterAll(async () => {
    await chrome?.close()
    await stopAllDaemons()
    await stopAllIndexes()
  })

  it('refuses it before clearing the composer, and sends it once it is short enough', async () => {
    await a.page.locator('button.contact[data-name="bob"]').click()
    const box = a.page.locator('#compose')
    const long = `${'lunch? '.repeat(10_000)}end`
    await box.fill(long)
    await box.press('Enter')
    const notice = a.page.getByRole('alert').filter({ hasText: 'Too long to send' })
    await notice.waitFor({ timeout: 3000 })
    expect(await notice.innerText()).toBe('Too long to send: 69 KB, and a message holds at most 64 KB. Shorten it or split it; your text stays here.')
    expect(await box.inputValue()).toBe(long)
    expect(await a.page.locator('.msg').count()).toBe(0)
    expect(await alice.history('bob')).toEqual([])

    await box.fill('lunch at noon?')
    await box.press('Enter')
    // (the page may show its local "sending" bubble and the stored one together for a moment)
    await a.page.locator('.msg', { hasText: 'lunch at noon?' }).first().waitFor({ timeout: 3000 })
    expect(await notice.count()).toBe(0)
    expect(await box.inputValue()).toBe('')
    expect((await bob.received('alice', (await alice.history('bob')).map(m => m.id))).map(m => m.body)).toEqual(['lunch at noon?'])
  })
})
