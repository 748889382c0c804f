/**
 * Files on a LAN (network namespaces on one bridge, test/lan/testbed.ts):
 * alice sends bob a file over an 80 Mbit/s link; bob's cable is pulled for
 * 10 s in the middle and put back; the transfer finishes by itself, byte-
 * identical, without starting over. The index server's host carries none of
 * the file's bytes (its interface counters barely move).
 */
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'
import { reaches, sha } from '../helpers/files.js'
import { lanSkipReason } from './skip.js'
import { Lan } from './testbed.js'
import type { FileTransfer } from '../../node/types.js'

const MiB = 1024 * 1024
const SIZE = 24 * MiB
/** How long the cable stays out. */
const OUTAGE_MS = 10_000

let lan: Lan | undefined

afterEach(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
  await lan?.destroy()
})

/** Bytes through a host's network interface, both ways. */
async function traffic (l: Lan, host: string): Promise<number> {
  const { stdout } = await l.exec(host, 'ip', ['-j', '-s', 'link', 'show', 'dev', 'eth0'])
  const [link] = JSON.parse(stdout) as Array<{ stats64: { rx: { bytes: number }, tx: { bytes: number } } }>
  return link.stats64.rx.bytes + link.stats64.tx.bytes
}

describe.skipIf(lanSkipReason != null)('files on a LAN', () => {
  it(`a transfer survives a cable pulled for ${OUTAGE_MS / 1000} s, and no file byte passes the index server's host`, async () => {
    lan = await Lan.create(['office', 'alice', 'bob'])
    await startIndex({ netns: lan.ns('office'), host: '0.0.0.0', udpPort: 47470 })
    const at = `${lan.ip('office')}:47470`
    const alice = await new DaemonProcess({ name: 'alice', netns: lan.ns('alice'), index: at, listen: '0.0.0.0' }).start()
    const bob = await new DaemonProcess({ name: 'bob', netns: lan.ns('bob'), index: at, listen: '0.0.0.0' }).start()
    await alice.sees('bob', c => c.online)
    // alice's side of the cable: 80 Mbit/s, so the file takes seconds and the cut lands in its middle
    await lan.exec('alice', 'tc', ['qdisc', 'add', 'dev', 'eth0', 'root', 'tbf', 'rate', '80mbit', 'burst', '64kb', 'latency', '100ms'])

    const file = join(tempDir('lanchat-lan-files-'), 'plans.bin')
    writeFileSync(file, randomBytes(SIZE))
    const officeBefore = await traffic(lan, 'office')
    const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'bob', paths: [file] })
    await reaches(bob, id, 'offered')
    await bob.api.post(`/api/files/${id}/accept`, {})
    const atCut = await until(async () => {
      const t = await bob.api.get<FileTransfer>(`/api/files/${id}`)
      return t.bytesDone >= SIZE / 4 ? t.bytesDone : undefined
    }, 60_000, 'a quarter of the file at bob')
    expect(atCut).toBeLessThan(SIZE)

    await lan.linkDown('bob')
    const pulled = Date.now()
    await until(async () => Date.now() - pulled >= OUTAGE_MS ? true : undefined, OUTAGE_MS + 5_000, 'the outage to last')
    await lan.linkUp('bob')

    const done = await reaches(bob, id, 'done', 90_000)
    const sent = (await reaches(alice, id, 'done', 30_000)).bytesSent as number
    const officeAfter = await traffic(lan, 'office')
    expect(sha(join(bob.profileDir, 'downloads', 'plans.bin'))).toBe(sha(file))
    expect(done.files[0].state).toBe('done')
    console.log(`cable pulled at ${(atCut / MiB).toFixed(1)} of ${SIZE / MiB} MiB for ${OUTAGE_MS / 1000} s: done; alice put ${(sent / MiB).toFixed(1)} MiB on the wire; the index host's interface moved ${((officeAfter - officeBefore) / 1024).toFixed(0)} KiB`)
    // not started over: at most what was in flight when the cable went (a yamux window and a chunk) is sent twice
    expect(sent).toBeLessThanOrEqual(SIZE + 17 * MiB)
    // presence, heartbeats and the directory only: far less than the file
    expect(officeAfter - officeBefore).toBeLessThan(SIZE / 16)
  }, 120_000)
})
