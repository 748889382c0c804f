/**
 * Groups in the web client, in Debian's Chromium, between real daemons and a
 * real index server on 127.0.0.1: alice makes a group with bob and carol in
 * her page and posts; bob's page shows the group and the post live with an
 * unread count; alice sees her post's per-member state move to delivered,
 * then read, and who; bob's typing shows on her page, his answer is in every
 * member's history; the member list with admins and online state; admin
 * actions (make admin, rename, a refused rename in one line) reach bob's page
 * live; a search hit in the group opens it; the everyone room is listed
 * first. Names from the network stay text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator } from 'playwright-core'
import type { GroupMessage } from '../../node/types.js'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'
import { browserSkipReason, launchBrowser, logIn, newPerson, screenshot, write } from './browser.js'
import type { PersonPage, TestBrowser } from './browser.js'

/** Deadline for anything that should show live: an event from the daemon rendered on the page. */
const LIVE_MS = 5000
/** A group name with markup in it: it must show as these characters, never as an element. */
const NAME = 'lunch <i>now</i>'

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess
let carol: DaemonProcess
let chrome: TestBrowser
let a: PersonPage
let b: PersonPage
let groupId = ''

async function shows (locator: Locator): Promise<void> {
  await locator.waitFor({ timeout: LIVE_MS })
}

function groupRow (person: PersonPage, id: string): Locator {
  return person.page.locator(`button.group[data-group="${id}"]`)
}

function member (person: PersonPage, name: string): Locator {
  return person.page.locator(`.members li.member[data-name="${name}"]`)
}

describe.skipIf(browserSkipReason !== undefined)('groups in the web client', () => {
  beforeAll(async () => {
    index = await startIndex()
    ;[alice, bob, carol, chrome] = await Promise.all([
      new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start(),
      new DaemonProcess({ name: 'carol', indexPort: index.udpPort }).start(),
      launchBrowser()
    ])
    ;[a, b] = await Promise.all([newPerson(chrome.browser), newPerson(chrome.browser)])
    // the pages log in while the daemons find each other
    await Promise.all([logIn(a, alice), logIn(b, bob),
      alice.sees('bob', c => c.online), alice.sees('carol', c => c.online), bob.sees('alice', c => c.online)])
  })

  afterAll(async () => {
    await chrome?.close()
    await stopAllDaemons()
    await stopAllIndexes()
  })

  it('lists the everyone room first, above people', async () => {
    await shows(groupRow(a, 'everyone'))
    await shows(groupRow(b, 'everyone'))
    expect(await a.page.locator('button.group').first().getAttribute('data-group')).toBe('everyone')
    expect(await groupRow(a, 'everyone').locator('.name').innerText()).toBe('everyone')
    expect(await a.page.locator('button.contact').evaluateAll(els => els.map(el => el.getAttribute('data-name')))).toEqual(['bob', 'carol'])
  })

  it('alice makes a group with bob and carol; it shows live on bob\'s page, its name as text', async () => {
    await a.page.locator('button.new-group').click()
    await a.page.locator('#group-name').fill(NAME)
    await a.page.locator('.pick-list label[data-name="bob"] input').check()
    await a.page.locator('.pick-list label[data-name="carol"] input').check()
    await screenshot(a.page, chrome.shots, 'new-group')
    await a.page.getByRole('button', { name: 'Create group' }).click()
    const view = a.page.locator('section.group-view')
    await shows(view)
    groupId = await view.getAttribute('data-group') ?? ''
    expect(groupId).toMatch(/^[0-9a-f]{32}$/)
    expect(await view.locator('h2').innerText()).toBe(NAME)
    expect(await view.locator('h2 i').count()).toBe(0)
    await shows(groupRow(b, groupId))
    expect(await groupRow(b, groupId).locator('.name').innerText()).toBe(NAME)
    expect(await groupRow(b, groupId).locator('.status-text').innerText()).toBe('3 members')
  })

  it('alice posts: bob\'s page counts it unread; her post goes to delivered to all 2, then read by bob, then by all', async () => {
    await write(a, 'noon at the usual place?')
    const mine = a.page.locator('.msg.out', { hasText: 'noon at the usual place?' })
    await shows(mine.locator('summary.state', { hasText: 'delivered to all 2' }))
    expect(await mine.getAttribute('data-state')).toBe('delivered')
    await shows(groupRow(b, groupId).locator('.unread', { hasText: '1' }))
    await b.page.waitForFunction(() => document.title.startsWith('(1) lanchat'), undefined, { timeout: LIVE_MS })

    await groupRow(b, groupId).click()
    const theirs = b.page.locator('.msg.in', { hasText: 'noon at the usual place?' })
    await shows(theirs)
    expect(await theirs.locator('.sender').innerText()).toBe('alice')
    await shows(mine.locator('summary.state', { hasText: 'delivered to all 2, read by 1' }))
    await groupRow(b, groupId).locator('.unread').waitFor({ state: 'detached', timeout: LIVE_MS })

    await carol.api.post(`/api/groups/${groupId}/read`, {})
    await shows(mine.locator('summary.state', { hasText: 'read by all 2' }))
    await shows(a.page.locator('.msg.out[data-state="read"]', { hasText: 'noon at the usual place?' }))
    expect(await mine.locator('details.progress').getAttribute('title')).toMatch(/^read: (bob, carol|carol, bob)$/)
    await mine.locator('summary.state').click()
    expect(await mine.locator('.per-member li').evaluateAll(els => els.map(el => el.textContent).sort())).toEqual(['bob: read', 'carol: read'])

    // bob types: alice's page says so under the posts; his answer ends it and shows who wrote it
    await b.page.locator('#compose').click()
    await b.page.keyboard.type('yes, 12:15')
    const typing = a.page.locator('.group-view .typing')
    await shows(typing.filter({ hasText: 'bob is typing…' }))
    await b.page.keyboard.press('Enter')
    await shows(a.page.locator('.msg.in', { hasText: 'yes, 12:15' }).locator('.sender', { hasText: 'bob' }))
    expect(await typing.innerText()).toBe('')
    // one history per group, the same at every member
    for (const d of [alice, carol]) {
      await d.event(e => e.type === 'group-message' && e.message.body === 'yes, 12:15', LIVE_MS)
      const history = await d.api.get<GroupMessage[]>(`/api/groups/${groupId}/messages`)
      expect(history.map(p => p.body)).toEqual(['noon at the usual place?', 'yes, 12:15'])
    }
  })

  it('the member list: names, the admin, online state; admin actions reach bob\'s page live; a refusal shows in one line', async () => {
    await a.page.locator('button.members-toggle').click()
    await shows(member(a, 'alice'))
    const rows = await a.page.locator('.members li.member').evaluateAll(els => els.map(el =>
      `${el.getAttribute('data-name') ?? ''}:${el.getAttribute('data-admin') ?? ''}:${el.getAttribute('data-online') ?? ''}`))
    expect(rows).toEqual(['alice:true:true', 'bob:false:true', 'carol:false:true'])
    // bob is no admin: he sees the list, no admin actions
    await b.page.locator('button.members-toggle').click()
    await shows(member(b, 'alice'))
    expect(await b.page.locator('.members .make-admin, .members .remove, #rename-group').count()).toBe(0)

    await member(a, 'bob').locator('button.make-admin').click()
    await shows(member(b, 'bob').and(b.page.locator('[data-admin="true"]')))
    await shows(b.page.locator('#rename-group'))

    await a.page.locator('#rename-group').fill('everyone')
    await a.page.getByRole('button', { name: 'Rename' }).click()
    const problem = a.page.locator('.members .problem')
    await shows(problem)
    expect((await problem.innerText()).split('\n')).toHaveLength(1)
    await a.page.locator('#rename-group').fill('lunch crew')
    await a.page.getByRole('button', { name: 'Rename' }).click()
    await shows(groupRow(b, groupId).locator('.name', { hasText: 'lunch crew' }))
    expect(await problem.count()).toBe(0)

    // carol leaves (from her CLI's API); both pages show two members
    await carol.api.post(`/api/groups/${groupId}/leave`, {})
    await shows(groupRow(b, groupId).locator('.status-text', { hasText: '2 members' }))
    await shows(a.page.locator('button.members-toggle', { hasText: 'Members (2)' }))
    expect(a.dialogs.concat(b.dialogs)).toEqual([])
    await screenshot(a.page, chrome.shots, 'group')
  })
  it('a search hit in the group opens the group', async () => {
    await a.page.locator('button.contact[data-name="bob"]').click()
    await shows(a.page.locator('section.conversation:not(.group-view)'))
    await a.page.locator('#search').fill('usual place')
    const hit = a.page.locator(`button.hit[data-group="${groupId}"]`)
    await shows(hit)
    await hit.click()
    await shows(a.page.locator(`section.group-view[data-group="${groupId}"]`))
    await shows(a.page.locator('section.group-view .msg.out', { hasText: 'noon at the usual place?' }))
  })
})
