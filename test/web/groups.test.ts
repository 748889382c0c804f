/**
 * Groups in the web client, in Chromium: bob creates "lunch" with alice and
 * carol; alice's page lists it beside people (the everyone room too) with an
 * unread count once bob posts; she opens it, sees the post and the members,
 * answers; her post shows how far it got ("delivered to all 2") and bob and
 * carol have it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { browserSkipReason, launchBrowser, logIn, newPerson } from './browser.js'
import type { PersonPage, TestBrowser } from './browser.js'
import type { DaemonEvent, GroupInfo, GroupMessage, GroupSendResult } from '../../node/types.js'

let alice: DaemonProcess
let bob: DaemonProcess
let carol: DaemonProcess
let chrome: TestBrowser
let a: PersonPage

describe.skipIf(browserSkipReason !== undefined)('groups in the web client', () => {
  beforeAll(async () => {
    const index = await startIndex()
    ;[alice, bob, carol, chrome] = await Promise.all([
      new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'carol', indexPort: index.udpPort }).start(),
      launchBrowser()
    ])
    await bob.sees('alice', c => c.online)
    await bob.sees('carol', c => c.online)
    a = await newPerson(chrome.browser)
    await logIn(a, alice)
  })

  afterAll(async () => {
    await chrome?.close()
    await stopAllDaemons()
    await stopAllIndexes()
  })

  it("lists the group with its unread count, opens it, and shows how far alice's answer got", async () => {
    await a.page.locator('button.group-row[data-name="everyone"]').waitFor({ timeout: 5000 })
    const lunch = await bob.api.post<GroupInfo>('/api/groups', { name: 'lunch', members: ['alice', 'carol'] })
    const row = a.page.locator('button.group-row[data-name="lunch"]')
    await row.waitFor({ timeout: 10_000 })
    const sent = await bob.api.post<GroupSendResult>(`/api/groups/${lunch.id}/messages`, { body: 'noon at the usual place?' })
    await row.locator('.unread', { hasText: '1' }).waitFor({ timeout: 10_000 })

    await row.click()
    await a.page.locator('.group-conversation .msg.in', { hasText: 'noon at the usual place?' }).waitFor({ timeout: 5000 })
    expect(await a.page.locator('.group-conversation .members').innerText()).toBe('bob, alice, carol · admin: bob')
    // on screen: read, and bob hears of it
    await bob.event((e: DaemonEvent) => e.type === 'group-state' && e.progress.id === sent.id && e.progress.read >= 1, 10_000)
    expect(await row.locator('.unread').count()).toBe(0)

    await a.page.locator('#compose').fill('yes, 12:15')
    await a.page.locator('#compose').press('Enter')
    const mine = a.page.locator('.group-conversation .msg.out', { hasText: 'yes, 12:15' })
    await mine.locator('.state', { hasText: 'delivered to all 2' }).first().waitFor({ timeout: 10_000 })
    for (const d of [bob, carol]) {
      await d.event((e: DaemonEvent) => e.type === 'group-message' && e.message.body === 'yes, 12:15', 10_000)
      const history = await d.api.get<GroupMessage[]>(`/api/groups/${lunch.id}/messages`)
      expect(history.map(p => p.body)).toEqual(['noon at the usual place?', 'yes, 12:15'])
    }
  })
})
