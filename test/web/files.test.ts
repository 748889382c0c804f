/**
 * File offers in the web client, in Debian's Chromium: alice offers bob a
 * file (by the API); bob's page shows it under the people list with Accept
 * and Reject; he accepts, the bar fills, it says where the file landed, and
 * the file there is alice's, byte for byte; "Open folder" says where it is
 * (no desktop here). A second offer he rejects, and
 * alice's daemon hears it. Then bob picks two files in the conversation with
 * alice: the page uploads them to his daemon, which offers them; alice
 * accepts, they arrive, and bob's staging copies are gone.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'
import { sha } from '../helpers/files.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { FileTransfer } from '../../node/types.js'
import { browserSkipReason, launchBrowser, logIn, newPerson, screenshot } from './browser.js'
import type { PersonPage, TestBrowser } from './browser.js'

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess
let chrome: TestBrowser
let b: PersonPage
const src = tempDir('lanchat-web-files-')
/** the daemons run as on a server: "Open folder" says where the files are instead of starting a file manager here */
const NO_DESKTOP = { DISPLAY: '', WAYLAND_DISPLAY: '' }

describe.skipIf(browserSkipReason !== undefined)('file offers in the web client', () => {
  beforeAll(async () => {
    index = await startIndex()
    ;[alice, bob, chrome] = await Promise.all([
      new DaemonProcess({ name: 'alice', indexPort: index.udpPort, env: NO_DESKTOP }).start(),
      new DaemonProcess({ name: 'bob', indexPort: index.udpPort, env: NO_DESKTOP }).start(),
      launchBrowser()
    ])
    await alice.sees('bob', c => c.online)
    b = await newPerson(chrome.browser)
    await logIn(b, bob)
  })

  afterAll(async () => {
    await chrome?.close()
    await stopAllDaemons()
    await stopAllIndexes()
  })

  it('bob sees alice\'s offer, accepts it, watches it arrive, and the file is hers', async () => {
    const file = join(src, 'quarterly report.pdf')
    writeFileSync(file, randomBytes(3 * 1024 * 1024 + 5))
    const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'bob', paths: [file] })
    const offer = b.page.locator(`.transfer[data-id="${id}"]`)
    await offer.locator('button.accept').waitFor({ timeout: 10_000 })
    expect(await offer.locator('.transfer-what').innerText()).toBe('from alice quarterly report.pdf 3.0 MiB')
    await offer.locator('button.accept').click()
    await b.page.locator(`.transfer[data-id="${id}"][data-state="done"]`).waitFor({ timeout: 20_000 })
    const landed = join(bob.profileDir, 'downloads')
    expect(await offer.locator('.transfer-state').innerText()).toBe(`received into ${landed}`)
    expect(await offer.locator('progress').evaluate(p => (p as HTMLProgressElement).value === (p as HTMLProgressElement).max)).toBe(true)
    expect(sha(join(landed, 'quarterly report.pdf'))).toBe(sha(file))
    await offer.locator('button.open-folder').click()
    expect(await offer.locator('.transfer-opened').innerText({ timeout: 5_000 })).toBe(`Not opened (there is no desktop here (no DISPLAY or WAYLAND_DISPLAY)): the files are in ${landed}`)
    await screenshot(b.page, chrome.shots, 'file-received')
  })

  it('bob rejects an offer, and alice\'s daemon hears it', async () => {
    const file = join(src, 'spam.txt')
    writeFileSync(file, 'not wanted')
    const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'bob', paths: [file] })
    const offer = b.page.locator(`.transfer[data-id="${id}"]`)
    await offer.locator('button.reject').click({ timeout: 10_000 })
    await b.page.locator(`.transfer[data-id="${id}"][data-state="rejected"]`).waitFor({ timeout: 10_000 })
    await until(async () => (await alice.api.get<FileTransfer>(`/api/files/${id}`)).state === 'rejected' ? true : undefined, 10_000, 'alice to hear the rejection')
  })

  it('bob picks two files in the conversation with alice: they are uploaded, offered, and arrive', async () => {
    const one = join(src, 'minutes.txt')
    const two = join(src, 'diagram.bin')
    writeFileSync(one, 'minutes of monday')
    writeFileSync(two, randomBytes(1024 * 1024 + 3))
    await b.page.locator('button.contact[data-name="alice"]').click()
    await b.page.locator('.send-files input[type="file"]').setInputFiles([one, two])
    const offered = await until(async () => (await alice.api.get<FileTransfer[]>('/api/files')).find(t => t.direction === 'in' && t.files.some(f => f.name === 'minutes.txt')), 20_000, 'alice to get the offer')
    expect(offered.files.map(f => [f.name, f.size])).toEqual([['diagram.bin', 1024 * 1024 + 3], ['minutes.txt', 17]])
    await b.page.locator(`.transfer[data-id="${offered.id}"][data-direction="out"]`).waitFor({ timeout: 10_000 })
    await alice.api.post(`/api/files/${offered.id}/accept`, {})
    await b.page.locator(`.transfer[data-id="${offered.id}"][data-state="done"]`).waitFor({ timeout: 20_000 })
    for (const f of [one, two]) expect(sha(join(alice.profileDir, 'downloads', f.split('/').at(-1) as string))).toBe(sha(f))
    // the staging copies on bob's computer go once the transfer is over
    await until(async () => !existsSync(join(bob.profileDir, 'uploads')) || readdirSync(join(bob.profileDir, 'uploads')).length === 0 ? true : undefined, 10_000, 'bob\'s upload folder to be removed')
    await screenshot(b.page, chrome.shots, 'file-sent')
  })
})
