/**
 * Files to a group (issue 16): alice offers a file to her group "lunch"
 * (bob and carol); each gets an offer of their own; bob accepts and has it,
 * carol rejects and alice sees that for her alone. The everyone room takes
 * no files (they go to the people who need them).
 */
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'
import { sha } from '../helpers/files.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { FileTransfer, GroupFileOffer } from '../../node/types.js'

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess
let carol: DaemonProcess

beforeAll(async () => {
  index = await startIndex()
  ;[alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map(async name => await new DaemonProcess({ name, indexPort: index.udpPort }).start()))
  await alice.sees('bob', c => c.online)
  await alice.sees('carol', c => c.online)
})

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

async function state (who: DaemonProcess, id: string, wanted: FileTransfer['state']): Promise<FileTransfer> {
  return await until(async () => {
    const t = await who.api.get<FileTransfer>(`/api/files/${id}`).catch(() => undefined)
    return t?.state === wanted ? t : undefined
  }, 20_000, `${who.name}'s transfer ${id} to be ${wanted}`)
}

describe('files to a group', () => {
  it('each member gets an offer of their own and answers it on their own', async () => {
    await alice.api.post('/api/groups', { name: 'lunch', members: ['bob', 'carol'] })
    const file = join(tempDir('lanchat-group-files-'), 'menu.pdf')
    writeFileSync(file, randomBytes(200_000))
    const { code, stdout, stderr } = await runCli(['send-file', '--group', 'lunch', file, '--json', '--profile', alice.profileDir])
    expect(code, stderr).toBe(0)
    const offer = JSON.parse(stdout) as GroupFileOffer
    expect(offer.group).toBe('lunch')
    expect(offer.transfers.map(t => [t.peer, t.state]).sort()).toEqual([['bob', 'offered'], ['carol', 'offered']])
    const toBob = offer.transfers.find(t => t.peer === 'bob') as GroupFileOffer['transfers'][number]
    const toCarol = offer.transfers.find(t => t.peer === 'carol') as GroupFileOffer['transfers'][number]
    expect(toBob.id).not.toBe(toCarol.id)

    await state(bob, toBob.id, 'offered')
    await state(carol, toCarol.id, 'offered')
    await bob.api.post(`/api/files/${toBob.id}/accept`, {})
    await carol.api.post(`/api/files/${toCarol.id}/reject`, {})
    await state(alice, toBob.id, 'done')
    expect((await state(alice, toCarol.id, 'rejected')).reason).toBe('by_receiver')
    expect(sha(join(bob.profileDir, 'downloads', 'menu.pdf'))).toBe(sha(file))
  })

  it('the everyone room takes no files, with the reason', async () => {
    const file = join(tempDir('lanchat-group-files-'), 'all.txt')
    writeFileSync(file, 'to everyone?')
    const { code, stderr } = await runCli(['send-file', '--group', 'everyone', file, '--profile', alice.profileDir])
    expect(code).toBe(1)
    expect(stderr).toBe('lanchat: files go to a named group, not the everyone room; send them to the people who need them\n')
  })
})
