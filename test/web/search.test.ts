/**
 * Search in the web client, in Debian's Chromium with real daemons: the
 * search box finds messages in every conversation; a hit opens its
 * conversation scrolled to the message (paging back past the newest 100),
 * highlighted, with the words marked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { browserSkipReason, launchBrowser, logIn, newPerson, screenshot } from './browser.js'
import type { PersonPage, TestBrowser } from './browser.js'

const LIVE_MS = 5_000

let alice: DaemonProcess
let bob: DaemonProcess
let carol: DaemonProcess
let chrome: TestBrowser
let a: PersonPage
let needle = ''

describe.skipIf(browserSkipReason !== undefined)('search in the web client', () => {
  beforeAll(async () => {
    const index = await startIndex()
    ;[alice, bob, carol, chrome] = await Promise.all([
      new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'carol', indexPort: index.udpPort }).start(),
      launchBrowser()
    ])
    await bob.sees('alice', c => c.online)
    await carol.sees('alice', c => c.online)
    needle = (await bob.send('alice', 'the VPN address is 10.0.0.5, call me')).id
    // 150 newer messages: the hit is not on the conversation's first page
    for (let i = 0; i < 150; i++) await bob.send('alice', `filler ${i}`)
    const last = await carol.send('alice', 'is the vpn down again?')
    await alice.received('carol', [last.id])
    a = await newPerson(chrome.browser)
    await logIn(a, alice)
  })

  afterAll(async () => {
    await chrome?.close()
    await stopAllDaemons()
    await stopAllIndexes()
  })

  it('finds messages in every conversation and opens the old one scrolled to it, highlighted', async () => {
    await a.page.locator('#search').fill('vpn')
    const hits = a.page.locator('.results button.hit')
    await hits.nth(1).waitFor({ timeout: LIVE_MS })
    expect(await hits.evaluateAll(els => els.map(el => el.querySelector('.name')?.textContent ?? ''))).toEqual(['carol', 'bob'])
    expect(await hits.nth(1).locator('mark').innerText()).toBe('VPN')
    await screenshot(a.page, chrome.shots, 'search-results')

    await hits.nth(1).click()
    const hit = a.page.locator(`.msg.hit[data-id="${needle}"]`)
    await hit.waitFor({ timeout: 3 * LIVE_MS })
    expect(await hit.locator('mark').innerText()).toBe('VPN')
    expect(await hit.isVisible()).toBe(true)
    const inView = await hit.evaluate(el => {
      const box = el.getBoundingClientRect()
      const list = el.closest('.messages')!.getBoundingClientRect()
      return box.top >= list.top && box.bottom <= list.bottom
    })
    expect(inView).toBe(true)
    expect(await a.page.locator('#conversation-name').innerText()).toBe('bob')
    await screenshot(a.page, chrome.shots, 'search-hit')

    await a.page.locator('#search').fill('zzz-nothing')
    await a.page.locator('.results', { hasText: 'No message contains “zzz-nothing”.' }).waitFor({ timeout: LIVE_MS })
    await a.page.locator('#search').fill('x'.repeat(300))
    await a.page.locator('.results .problem', { hasText: 'a search can be at most 200 characters long' }).waitFor({ timeout: LIVE_MS })
  })
})
