/**
 * A receiver's daemon killed in the middle of a transfer (SIGKILL, by a
 * failpoint at an exact chunk or file) and restarted: the transfer goes on
 * by itself from the last verified chunk, and the bytes the sender sends
 * after the restart are only what was missing (counted by the sender's
 * daemon: FileTransfer.bytesSent). "Large" is 32 MiB here to keep the file
 * under 40 s on a shared 2-core machine; LANCHAT_SOAK=full makes it 512 MiB.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'
import { peakRss, reaches, rssMiB, sha } from '../helpers/files.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { FileTransfer } from '../../node/types.js'

const MiB = 1024 * 1024
const LARGE = process.env.LANCHAT_SOAK === 'full' ? 512 * MiB : 32 * MiB
const HALF_CHUNKS = LARGE / MiB / 2

let index: IndexProcess
let alice: DaemonProcess
let carol: DaemonProcess
const src = tempDir('lanchat-files-src-')

beforeAll(async () => {
  index = await startIndex()
  alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
  // carol dies at the verified chunk that makes half of the large file
  carol = await new DaemonProcess({ name: 'carol', indexPort: index.udpPort, env: { LANCHAT_FAILPOINTS: `file-chunk-verified:${HALF_CHUNKS}` } }).start()
  await alice.sees('carol', c => c.online)
})

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

/** Most a daemon's RSS may grow over its idle size while it moves a file of any size ("a few tens of MiB", issue 16). */
const MAX_RSS_GROWTH_MIB = 48

/**
 * The sender's count once it stopped sending after the receiver died: its
 * stream broke (paused), or it had already handed every byte to the stream
 * (small files fit in the link's buffers; it then waits in "sending" for
 * the receiver to come back and say what it lacks).
 */
async function sentWhenStopped (id: string, size: number): Promise<number> {
  return await until(async () => {
    const t = await alice.api.get<FileTransfer>(`/api/files/${id}`)
    return t.state === 'paused' || t.bytesSent === size ? t.bytesSent : undefined
  }, 30_000, 'alice to stop sending')
}

describe('a receiver killed in the middle', () => {
  it(`carol's daemon is killed at half of a ${LARGE / MiB} MiB file and restarted: it completes with the right hash, and exactly the other half is sent again`, async () => {
    const file = join(src, 'large.bin')
    writeFileSync(file, randomBytes(LARGE))
    const half = HALF_CHUNKS
    const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'carol', paths: [file] })
    await reaches(carol, id, 'offered')
    await carol.api.post(`/api/files/${id}/accept`, {})
    await carol.exited(60_000)
    expect(carol.stderr()).toContain(`failpoint file-chunk-verified:${half} reached`)
    const sentBefore = await sentWhenStopped(id, LARGE)

    // next, carol dies when the 100th file of the batch has landed (the large file was the 1st)
    await carol.setEnv({ LANCHAT_FAILPOINTS: 'file-landed:101' }).start()
    const pids = [alice.proc.pid as number, carol.proc.pid as number]
    const [idleAlice, idleCarol] = pids.map(rssMiB)
    const stopSampling = peakRss(pids)
    const done = await reaches(carol, id, 'done', 60_000)
    const [peakAlice, peakCarol] = stopSampling()
    const grew = { alice: peakAlice - idleAlice, carol: peakCarol - idleCarol }
    console.log(`RSS while moving the second half of ${LARGE / MiB} MiB: alice (sender) idle ${idleAlice.toFixed(0)} MiB, +${grew.alice.toFixed(1)} MiB; carol (receiver) idle ${idleCarol.toFixed(0)} MiB, +${grew.carol.toFixed(1)} MiB`)
    expect(grew.alice).toBeLessThan(MAX_RSS_GROWTH_MIB)
    expect(grew.carol).toBeLessThan(MAX_RSS_GROWTH_MIB)
    expect(sha(join(carol.profileDir, 'downloads', 'large.bin'))).toBe(sha(file))
    expect(done.files[0].path).toBe('large.bin')
    const all = await reaches(alice, id, 'done')
    const sentAfter = (all.bytesSent as number) - sentBefore
    // carol had verified exactly half when she died: the rest is sent, from there on
    expect(sentAfter).toBe(LARGE - half * MiB)
  })

  it('a batch of 300 small files is cut after the 100th landed; the resumed transfer sends only the other 200', async () => {
    const dir = join(src, 'batch')
    mkdirSync(dir, { recursive: true })
    const sizes: number[] = []
    for (let i = 0; i < 300; i++) {
      sizes.push(1000 + i)
      writeFileSync(join(dir, `f${String(i).padStart(3, '0')}.txt`), randomBytes(1000 + i))
    }
    const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'carol', paths: [dir] })
    await reaches(carol, id, 'offered')
    await carol.api.post(`/api/files/${id}/accept`, {})
    await carol.exited(60_000)
    const sentBefore = await sentWhenStopped(id, sizes.reduce((a, b) => a + b, 0))

    await carol.setEnv({}).start()
    const done = await reaches(carol, id, 'done', 60_000)
    expect(done.files.filter(f => f.state === 'done')).toHaveLength(300)
    for (const i of [0, 99, 100, 299]) {
      const name = `f${String(i).padStart(3, '0')}.txt`
      expect(sha(join(carol.profileDir, 'downloads', 'batch', name)), name).toBe(sha(join(dir, name)))
    }
    const sentAfter = ((await reaches(alice, id, 'done')).bytesSent as number) - sentBefore
    expect(sentAfter).toBe(sizes.slice(100).reduce((a, b) => a + b, 0))
  })

})
