/**
 * Files between two real daemons on 127.0.0.1 (issue 16), told as stories:
 * alice offers, bob accepts, the files arrive byte-identical; bob's daemon is
 * killed (SIGKILL, by a failpoint at an exact chunk or file) in the middle
 * of a big file and of a batch of 300, restarted, and only the rest is sent
 * again; bob rejects, either side cancels, a trusted sender's files are
 * taken at once, and an offer to bob while he is away is made when he is
 * back. Sizes stay small enough for a shared 2-core machine ("large" is
 * 64 MiB; LANCHAT_SOAK=full makes it 512 MiB).
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { DaemonEvent, FileState, FileTransfer } from '../../node/types.js'

const MiB = 1024 * 1024
const LARGE = process.env.LANCHAT_SOAK === 'full' ? 512 * MiB : 64 * MiB

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess
const src = tempDir('lanchat-files-src-')

beforeAll(async () => {
  index = await startIndex()
  alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
  bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
  await alice.sees('bob', c => c.online)
})

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

function sha (path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

async function transfer (who: DaemonProcess, id: string): Promise<FileTransfer> {
  return await who.api.get<FileTransfer>(`/api/files/${id}`)
}

/** Resolves once `who` has the transfer in `state` (checked now, then at each file event). */
async function reaches (who: DaemonProcess, id: string, state: FileState, ms = 30_000): Promise<FileTransfer> {
  const deadline = Date.now() + ms
  for (;;) {
    const since = who.events.length
    const t = await transfer(who, id).catch(() => undefined)
    if (t?.state === state) return t
    const left = deadline - Date.now()
    if (left <= 0) throw new Error(`${who.name}: transfer ${id} is ${t?.state ?? 'unknown'}, not ${state}, after ${ms} ms (${t?.detail ?? ''})`)
    await who.event((e: DaemonEvent) => e.type === 'file' && e.transfer.id === id, left, since).catch(() => {})
  }
}

async function cli (who: DaemonProcess, ...args: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCli([...args, '--profile', who.profileDir])
  if (code !== 0) throw new Error(`lanchat ${args.join(' ')} exited ${String(code)}: ${stderr}`)
  return stdout
}

describe('files between two daemons', () => {
  it('alice sends an empty file, a small one and a folder with unicode names by the CLI; bob accepts; they arrive byte-identical', async () => {
    const dir = join(src, 'first')
    mkdirSync(join(dir, 'Été 2026', '写真'), { recursive: true })
    writeFileSync(join(dir, 'empty'), '')
    writeFileSync(join(dir, 'hello.txt'), 'hello bob\n')
    writeFileSync(join(dir, 'Été 2026', 'menu.md'), '# Menü\n')
    writeFileSync(join(dir, 'Été 2026', '写真', 'photo.bin'), randomBytes(3 * MiB + 17))
    const sent = JSON.parse(await cli(alice, 'send-file', 'bob', join(dir, 'empty'), join(dir, 'hello.txt'), join(dir, 'Été 2026'), '--json')) as { id: string, state: FileState }
    expect(sent.state).toBe('offered')
    await reaches(bob, sent.id, 'offered')
    const listed = (JSON.parse(await cli(bob, 'files', '--json')) as FileTransfer[]).find(t => t.id === sent.id) as FileTransfer
    expect(listed).toMatchObject({ direction: 'in', peer: 'alice', state: 'offered', size: 3 * MiB + 17 + 10 + 8, bytesDone: 0 })
    expect(listed.files.map(f => [f.name, f.size])).toEqual([['empty', 0], ['hello.txt', 10], ['Été 2026/menu.md', 8], ['Été 2026/写真/photo.bin', 3 * MiB + 17]])

    const to = tempDir('lanchat-bob-here-')
    const accepted = JSON.parse(await cli(bob, 'accept', sent.id, '--to', to, '--json')) as FileTransfer
    expect(accepted.dir).toBe(to)
    await reaches(bob, sent.id, 'done')
    await reaches(alice, sent.id, 'done')
    for (const f of ['empty', 'hello.txt', 'Été 2026/menu.md', 'Été 2026/写真/photo.bin']) expect(sha(join(to, f)), f).toBe(sha(join(dir, f)))
    const plain = await cli(alice, 'files')
    expect(plain).toContain(`${sent.id}  to   bob  done`)
  })

  it(`bob's daemon is killed at half of a ${LARGE / MiB} MiB file and restarted: it completes with the right hash, and only about half is sent again`, async () => {
    const file = join(src, 'large.bin')
    writeFileSync(file, randomBytes(LARGE))
    const half = LARGE / MiB / 2
    const carol = await new DaemonProcess({ name: 'carol', indexPort: index.udpPort, env: { LANCHAT_FAILPOINTS: `file-chunk-verified:${half}` } }).start()
    await alice.sees('carol', c => c.online)
    const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'carol', paths: [file] })
    await reaches(carol, id, 'offered')
    await carol.api.post(`/api/files/${id}/accept`, {})
    await carol.exited(60_000)
    expect(carol.stderr()).toContain(`failpoint file-chunk-verified:${half} reached`)
    const cut = await reaches(alice, id, 'paused')
    const sentBefore = cut.bytesSent as number

    await carol.setEnv({}).start()
    const done = await reaches(carol, id, 'done', 60_000)
    expect(sha(join(carol.profileDir, 'downloads', 'large.bin'))).toBe(sha(file))
    expect(done.files[0].path).toBe('large.bin')
    const all = await reaches(alice, id, 'done')
    const sentAfter = (all.bytesSent as number) - sentBefore
    // carol had verified exactly half when she died: the rest is sent, from there on
    expect(sentAfter).toBe(LARGE - half * MiB)
    await carol.stop()
  })

  it('a batch of 300 small files is cut after the 100th landed; the resumed transfer sends only the other 200', async () => {
    const dir = join(src, 'batch')
    mkdirSync(dir, { recursive: true })
    const sizes: number[] = []
    for (let i = 0; i < 300; i++) {
      sizes.push(1000 + i)
      writeFileSync(join(dir, `f${String(i).padStart(3, '0')}.txt`), randomBytes(1000 + i))
    }
    const dave = await new DaemonProcess({ name: 'dave', indexPort: index.udpPort, env: { LANCHAT_FAILPOINTS: 'file-landed:100' } }).start()
    await alice.sees('dave', c => c.online)
    const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'dave', paths: [dir] })
    await reaches(dave, id, 'offered')
    await dave.api.post(`/api/files/${id}/accept`, {})
    await dave.exited(60_000)
    const sentBefore = (await reaches(alice, id, 'paused')).bytesSent as number

    await dave.setEnv({}).start()
    const done = await reaches(dave, id, 'done', 60_000)
    expect(done.files.filter(f => f.state === 'done')).toHaveLength(300)
    for (const i of [0, 99, 100, 299]) {
      const name = `f${String(i).padStart(3, '0')}.txt`
      expect(sha(join(dave.profileDir, 'downloads', 'batch', name)), name).toBe(sha(join(dir, name)))
    }
    const sentAfter = ((await reaches(alice, id, 'done')).bytesSent as number) - sentBefore
    expect(sentAfter).toBe(sizes.slice(100).reduce((a, b) => a + b, 0))
    await dave.stop()
  })

  it('bob rejects an offer; alice cancels one; bob cancels one he accepted: each side sees why', async () => {
    const file = join(src, 'small.txt')
    writeFileSync(file, 'small')
    const one = await alice.api.post<{ id: string }>('/api/files', { to: 'bob', paths: [file] })
    await reaches(bob, one.id, 'offered')
    expect(await cli(bob, 'reject', one.id)).toMatch(/rejected/)
    expect((await reaches(alice, one.id, 'rejected')).reason).toBe('by_receiver')

    const two = await alice.api.post<{ id: string }>('/api/files', { to: 'bob', paths: [file] })
    await reaches(bob, two.id, 'offered')
    expect(await cli(alice, 'cancel', two.id)).toMatch(/cancelled \(by you\)/)
    expect((await reaches(bob, two.id, 'cancelled')).reason).toBe('by_sender')

    const three = await alice.api.post<{ id: string }>('/api/files', { to: 'bob', paths: [file] })
    await reaches(bob, three.id, 'offered')
    await bob.api.post(`/api/files/${three.id}/cancel`, {})
    expect((await reaches(alice, three.id, 'cancelled')).reason).toBe('by_receiver')
    const { stderr, code } = await runCli(['accept', three.id, '--profile', bob.profileDir])
    expect(code).toBe(1)
    expect(stderr).toMatch(/is cancelled; only an incoming offer can be accepted/)
  })

  it('bob trusts alice\'s files: her next offer is taken without asking', async () => {
    expect(await cli(bob, 'trust', 'alice', '--files')).toMatch(/accepted without asking/)
    const file = join(src, 'trusted.txt')
    writeFileSync(file, 'no need to ask')
    const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'bob', paths: [file] })
    await reaches(bob, id, 'done')
    expect(readFileSync(join(bob.profileDir, 'downloads', 'trusted.txt'), 'utf8')).toBe('no need to ask')
    await cli(bob, 'trust', 'alice', '--no-files')
  })

  it('an offer to erin while she is offline waits as pending and is made when she comes online', async () => {
    const erin = new DaemonProcess({ name: 'erin', indexPort: index.udpPort })
    await erin.start()
    await alice.sees('erin', c => c.online)
    await erin.stop()
    await alice.sees('erin', c => !c.online)
    const file = join(src, 'for-erin.txt')
    writeFileSync(file, 'welcome back')
    const sent = JSON.parse(await cli(alice, 'send-file', 'erin', file, '--json')) as { id: string, state: FileState }
    expect(sent.state).toBe('pending')
    await erin.start()
    await reaches(alice, sent.id, 'offered')
    expect((await reaches(erin, sent.id, 'offered')).files[0].name).toBe('for-erin.txt')
    await erin.stop()
  })
})
