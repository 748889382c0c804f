/**
 * A full disk is a clear refusal, never a loss or a crash: alice's profile
 * lives on a small tmpfs; filled up, her send is refused with a plain reason
 * (nothing half-sent) and works again once there is room. bob's profile
 * full: alice's message is relayed, waits at the relay (bob cannot store it,
 * so he does not ack it), and arrives once bob has room again.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { lanSkipReason } from '../lan/skip.js'

const mounts: string[] = []

/** A tmpfs of `mib` MiB, unmounted after the test. */
function smallDisk (mib: number): string {
  const dir = tempDir('lanchat-disk-')
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m,mode=0700`, 'tmpfs', dir])
  mounts.push(dir)
  return dir
}

/** Fills the disk to the last byte with a file; returns a function that frees it. */
function fill (dir: string): () => void {
  const file = join(dir, 'filler')
  const chunk = Buffer.alloc(64 * 1024)
  let size = 0
  for (;;) {
    try {
      writeFileSync(file, chunk, { flag: 'a' })
      size += chunk.length
    } catch {
      break
    }
  }
  for (const small of [4096, 512, 1]) {
    for (;;) {
      try { writeFileSync(file, Buffer.alloc(small), { flag: 'a' }) } catch { break }
    }
  }
  return () => { rmSync(file) }
}

afterEach(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
  for (const dir of mounts.splice(0)) {
    try { execFileSync('umount', [dir]) } catch {}
  }
})

afterAll(async () => {
  await stopAllDaemons()
})

describe.skipIf(lanSkipReason != null)('disk full', () => {
  it('refuses a send plainly when the sender\'s disk is full, and works again when it has room', async () => {
    const index = await startIndex()
    const disk = smallDisk(16)
    const profile = join(disk, 'alice')
    mkdirSync(profile, { mode: 0o700 })
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort, profileDir: profile }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    await alice.sees('bob', c => c.online)
    const free = fill(disk)
    const refused = await alice.send('bob', 'x'.repeat(8000)).catch(e => e)
    expect(refused.message).toBe('the message could not be saved (is the disk full?); nothing was sent')
    expect(alice.proc.exitCode).toBeNull()
    free()
    const ok = await alice.send('bob', 'room again')
    expect(ok.state).toBe('delivered')
    expect((await bob.received('alice', [ok.id])).map(m => m.body)).toEqual(['room again'])
  })

  it('keeps a message at the relay while the recipient\'s disk is full, and delivers it once there is room', async () => {
    const index = await startIndex()
    const disk = smallDisk(16)
    const profile = join(disk, 'bob')
    mkdirSync(profile, { mode: 0o700 })
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort, profileDir: profile }).start()
    await alice.sees('bob', c => c.online)
    const free = fill(disk)
    const sent = await alice.send('bob', 'y'.repeat(20_000))
    expect(sent.state).toBe('relayed')
    expect(bob.proc.exitCode).toBeNull()
    free()
    expect((await bob.received('alice', [sent.id], 30_000)).map(m => m.body.length)).toEqual([20_000])
    await alice.event(e => e.type === 'state' && e.id === sent.id && e.state === 'delivered', 30_000)
  })
})
