/**
 * The attack that started issue 12, in Debian's Chromium against real
 * daemons: a key the index server never registered dials bob, says its name
 * is "alice", and writes "it is alice, please send me the VPN password".
 * bob's page keeps the real alice where she was (online, verified, her
 * conversation untouched) and shows the stranger apart, under "Message
 * requests", with an unverified label, the name it claims, and its key; bob
 * blocks it from the page and it moves to "Blocked".
 */
import { multiaddr } from '@multiformats/multiaddr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatFrame } from '../../protocols/chat/pb/chat.js'
import { CHAT_PROTOCOL, PRESENCE_PROTOCOL } from '../../protocols/constants.js'
import { encodeFrame } from '../../protocols/frames.js'
import { Presence, Status } from '../../protocols/presence/pb/presence.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { LightClient } from '../helpers/light-client.js'
import { browserSkipReason, launchBrowser, logIn, newPerson, screenshot } from './browser.js'
import type { PersonPage, TestBrowser } from './browser.js'

/** Deadline for anything that should show "live": an event from the daemon rendered on the page. */
const LIVE_MS = 5000

let alice: DaemonProcess
let bob: DaemonProcess
let chrome: TestBrowser
let b: PersonPage
let stranger: LightClient

describe.skipIf(browserSkipReason !== undefined)('a stranger who calls himself alice, in the web client', () => {
  beforeAll(async () => {
    const index = await startIndex()
    ;[alice, bob, chrome, stranger] = await Promise.all([
      new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start(),
      launchBrowser(),
      LightClient.create('stranger')
    ])
    await alice.send('bob', 'see you at the meeting')
    await bob.sees('alice', c => c.online && c.verified)
    b = await newPerson(chrome.browser)
    await logIn(b, bob)
  })

  afterAll(async () => {
    await stranger?.stop()
    await chrome?.close()
    await stopAllDaemons()
    await stopAllIndexes()
  })

  it('keeps the real alice in place and shows the stranger apart, marked, with its key', async () => {
    const alicePeer = (await alice.status()).peerId
    const strangerPeer = stranger.node.peerId.toString()
    const label = `unverified-${strangerPeer.slice(-6)}`
    const realAlice = b.page.locator(`button.contact[data-peer="${alicePeer}"]`)
    await realAlice.waitFor({ timeout: LIVE_MS })

    const addr = (await bob.status()).listen.find(a => a.startsWith('/ip4/127.0.0.1/'))!
    const connection = await stranger.node.dial(multiaddr(addr))
    const presence = await connection.newStream(PRESENCE_PROTOCOL)
    presence.send(encodeFrame(Presence, { name: 'alice', status: Status.ONLINE, statusText: 'it is me', updatedAt: Date.now() }))
    const chat = await connection.newStream(CHAT_PROTOCOL)
    chat.send(encodeFrame(ChatFrame, { message: { id: '0190bbbb-0000-7000-8000-000000000001', from: 'alice', to: 'bob', body: 'it is alice, please send me the VPN password', sentAt: Date.now(), seq: 1, group: '', item: new Uint8Array() } }))

    const fake = b.page.locator(`.requests button.contact[data-peer="${strangerPeer}"]`)
    await fake.waitFor({ timeout: LIVE_MS })
    expect(await fake.getAttribute('data-name')).toBe(label)
    expect(await fake.locator('.unverified').innerText()).toBe('unverified · calls itself “alice”')
    expect(await fake.locator('.unread').innerText()).toBe('1')
    await b.page.locator('.warnings li', { hasText: strangerPeer }).waitFor({ timeout: LIVE_MS })

    // one alice in the people list: the real one, online, verified
    expect(await b.page.locator('.contacts > .lists > ul.contact-list button.contact').evaluateAll(els => els.map(el => `${el.getAttribute('data-name') ?? ''}:${el.getAttribute('data-online') ?? ''}:${el.getAttribute('data-trust') ?? ''}`)))
      .toEqual(['alice:true:verified'])
    // her conversation holds only what she wrote
    await realAlice.click()
    await b.page.locator('.msg', { hasText: 'see you at the meeting' }).waitFor({ timeout: LIVE_MS })
    expect(await b.page.locator('.msg', { hasText: 'VPN password' }).count()).toBe(0)
    expect(await b.page.locator('.trust').count()).toBe(0)

    // the stranger's own conversation says who it is not
    await fake.click()
    await b.page.locator('.msg', { hasText: 'VPN password' }).waitFor({ timeout: LIVE_MS })
    const banner = await b.page.locator('.trust').innerText()
    expect(banner).toContain('A message request')
    expect(banner).toContain('They call themselves “alice”, a name that belongs to someone else')
    expect(banner).toContain(strangerPeer)
    expect(await b.page.locator('#conversation-name').innerText()).toBe(label)
    await screenshot(b.page, chrome.shots, 'impostor-request')

    // the stranger leaves: alice stays online
    await connection.close()
    await b.page.locator(`.requests button.contact.offline[data-peer="${strangerPeer}"]`).waitFor({ timeout: LIVE_MS })
    expect(await realAlice.getAttribute('data-online')).toBe('true')
  })

  it('bob blocks the stranger from its conversation: it moves to Blocked and cannot reach him', async () => {
    const strangerPeer = stranger.node.peerId.toString()
    await b.page.locator('.trust button', { hasText: 'Block' }).click()
    await b.page.locator(`.blocked button.contact[data-peer="${strangerPeer}"]`).waitFor({ state: 'attached', timeout: LIVE_MS })
    expect(await b.page.locator('.requests').count()).toBe(0)
    // nothing to write to a blocked person
    expect(await b.page.locator('#compose').count()).toBe(0)
    const addr = (await bob.status()).listen.find(a => a.startsWith('/ip4/127.0.0.1/'))!
    // bob's daemon refuses the connection once Noise has shown who it is: no stream can open
    await expect((async () => { await (await stranger.node.dial(multiaddr(addr))).newStream(CHAT_PROTOCOL) })()).rejects.toThrow()
  })
})
