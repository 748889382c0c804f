/**
 * Files between two real daemons on 127.0.0.1 (issue 16), told as stories:
 * alice offers by the CLI, bob accepts, the files (empty, small, a folder
 * tree, 256 MiB generated) arrive byte-identical;
 * bob rejects, either side cancels, a trusted sender's files are taken at
 * once, and an offer to bob while he is away is made when he is back.
 * Killed receivers and resumed transfers: files-resume.test.ts.
 */
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { reaches, sha, shaStreamed } from '../helpers/files.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { FileState, FileTransfer } from '../../node/types.js'

const MiB = 1024 * 1024

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

async function transfer (who: DaemonProcess, id: string): Promise<FileTransfer> {
  return await who.api.get<FileTransfer>(`/api/files/${id}`)
}

async function cli (who: DaemonProcess, ...args: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCli([...args, '--profile', who.profileDir])
  if (code !== 0) throw new Error(`lanchat ${args.join(' ')} exited ${String(code)}: ${stderr}`)
  return stdout
}

describe('files between two daemons', () => {
  it('a large generated file (256 MiB) arrives byte-identical', async () => {
    const file = join(src, 'large.bin')
    const hash = createHash('sha256')
    const fd = openSync(file, 'w')
    for (let i = 0; i < 16; i++) {
      const piece = randomBytes(16 * MiB)
      hash.update(piece)
      writeSync(fd, piece)
    }
    closeSync(fd)
    const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'bob', paths: [file] })
    await reaches(bob, id, 'offered')
    await bob.api.post(`/api/files/${id}/accept`, {})
    const done = await reaches(bob, id, 'done', 120_000)
    expect(done).toMatchObject({ size: 256 * MiB, bytesDone: 256 * MiB })
    const landed = join(bob.profileDir, 'downloads', 'large.bin')
    expect(await shaStreamed(landed)).toBe(hash.digest('hex'))
    rmSync(landed)
    rmSync(file)
  }, 150_000)

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
    // send-file follows the transfer to its end; off a terminal it says so in plain lines
    const out = await cli(alice, 'send-file', 'bob', file)
    expect(out).toMatch(/^offered to bob \((\S+)\)\n/)
    expect(out.trimEnd().split('\n').at(-1)).toBe('sent 1 file (14 bytes) to bob')
    expect(out).not.toContain('\u001b[')
    const id = (/\((\S+)\)/.exec(out) as RegExpExecArray)[1]
    await reaches(bob, id, 'done')
    expect(readFileSync(join(bob.profileDir, 'downloads', 'trusted.txt'), 'utf8')).toBe('no need to ask')
    await cli(bob, 'trust', 'alice', '--no-files')
  })

  // a small disk of her own needs a mount namespace, so root (as the LAN test bed needs)
  it.skipIf(process.getuid?.() !== 0)('a disk that fills mid-transfer pauses it on both sides with the reason and the part kept; once there is room, accept goes on', async () => {
    // dora's downloads folder is a 24 MiB tmpfs of her own (a mount namespace: nothing changes for anyone else), 8 MiB of it taken
    const downloads = tempDir('lanchat-dora-downloads-')
    const dora = await new DaemonProcess({
      name: 'dora',
      indexPort: index.udpPort,
      args: ['--downloads', downloads],
      wrap: ['unshare', '-m', 'sh', '-c', `mount -t tmpfs -o size=24m lanchat-test "${downloads}" && exec "$@"`, 'sh']
    }).start()
    await alice.sees('dora', c => c.online)
    const inside = join(`/proc/${dora.proc.pid as number}/root`, downloads)
    writeFileSync(join(inside, 'filler.bin'), Buffer.alloc(8 * MiB))
    const file = join(src, 'too-big-for-now.bin')
    writeFileSync(file, randomBytes(20 * MiB))
    const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'dora', paths: [file] })
    await reaches(dora, id, 'offered')
    await dora.api.post(`/api/files/${id}/accept`, {})
    const paused = await reaches(dora, id, 'paused')
    expect(paused).toMatchObject({ reason: 'disk_full' })
    expect(paused.detail).toMatch(/disk is full/)
    expect(paused.bytesDone).toBeGreaterThan(0)
    // alice may first see the stream break (link_lost), then hear why
    const told = await reaches(alice, id, 'paused', 30_000, 'disk_full')
    expect(told).toMatchObject({ reason: 'disk_full' })
    expect(told.detail).toMatch(/disk is full/)

    rmSync(join(inside, 'filler.bin'))
    await cli(dora, 'accept', id, '--no-wait')
    await reaches(dora, id, 'done')
    expect(sha(join(inside, 'too-big-for-now.bin'))).toBe(sha(file))
    await dora.stop()
  })

  it('an offer to bob while he is offline waits as pending and is made when he comes back', async () => {
    await bob.stop()
    await alice.sees('bob', c => !c.online)
    const file = join(src, 'for-bob.txt')
    writeFileSync(file, 'welcome back')
    const sent = JSON.parse(await cli(alice, 'send-file', 'bob', file, '--json')) as { id: string, state: FileState }
    expect(sent.state).toBe('pending')
    expect((await transfer(alice, sent.id)).state).toBe('pending')
    await bob.start()
    await reaches(alice, sent.id, 'offered')
    expect((await reaches(bob, sent.id, 'offered')).files[0].name).toBe('for-bob.txt')
  })
})
