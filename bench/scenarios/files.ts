/**
 * File transfer (issue 16) between two real `lanchat daemon` processes on
 * loopback, through their HTTP API (what `lanchat send-file` and `accept`
 * call): a big file timed from accept to done at the receiver, its hash
 * checked, against bare libp2p bulk on the daemon's stack in alternating
 * runs (floors/bulk.ts); both daemons' peak RSS meanwhile; the receiver
 * killed at half of the file and restarted (its ready line to bytes flowing
 * again, and to done); many small files (files/s).
 */
import { rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DaemonProcess } from '../../test/helpers/daemon-process.js'
import { startIndex, tempDir } from '../../test/helpers/index-process.js'
import { until } from '../../test/helpers/wait.js'
import { libp2pBulk } from '../floors/bulk.js'
import { bigFile, smallFiles } from '../lib/files.js'
import { peakRss, reaches, shaStreamed } from '../../test/helpers/files.js'
import { rssMiB, spawnChild } from '../lib/procs.js'
import { RUNTIME_FLAGS } from '../../runtime/node-version.js'
import { fmtMiB, fmtRate, median } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'
import type { DaemonEvent, FileTransfer } from '../../node/types.js'

const MiB = 1024 * 1024
const SMALL_BYTES = 4096
/** The bound the resume test holds each daemon's RSS growth to while it moves a file (test/daemon/files-resume.test.ts). */
const RSS_GROWTH_BOUND_MIB = 48
/** Longest wait for one transfer: the big file at 4 MiB/s at the least. */
function transferMs (mib: number): number {
  return 60_000 + mib * 250
}

export async function files (b: Bench): Promise<void> {
  const src = tempDir('lanchat-bench-files-src-')
  const big = join(src, 'big.bin')
  const bigSha = await bigFile(big, b.n.fileMiB)
  const index = await startIndex()
  const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
  let carol = await new DaemonProcess({ name: 'carol', indexPort: index.udpPort }).start()
  const sink = await spawnChild('floors/server.js', ['libp2p-bulk', '127.0.0.1'])
  // the same floor with both ends run as the daemon runs: its V8 flags (small semi-space, 20 % heap steps) and its heap rule while bytes move
  const flaggedSink = await spawnChild('floors/server.js', ['libp2p-bulk', '127.0.0.1'], { nodeFlags: RUNTIME_FLAGS.lanchat })
  try {
    await alice.sees('carol', c => c.online)
    const bytes = b.n.fileMiB * MiB

    // the big file, alternating with the floor so both see the same machine
    const rates: number[] = []
    const floorRates: number[] = []
    const flaggedRates: number[] = []
    // per run: RSS before accept (idle) and the peak while it moves; the row shows the run with the most growth
    const idle = [0, 0]
    const peak = [0, 0]
    const growth = [-Infinity, -Infinity]
    for (let run = 0; run < b.n.fileRuns; run++) {
      floorRates.push(b.n.fileMiB / await libp2pBulk(sink.ready, bytes))
      const sender = await spawnChild('floors/bulk-send.js', [flaggedSink.ready, String(bytes)], { nodeFlags: RUNTIME_FLAGS.lanchat, timeoutMs: transferMs(b.n.fileMiB) })
      flaggedRates.push(b.n.fileMiB / Number(sender.ready))
      await sender.stop()
      const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'carol', paths: [big] })
      await reaches(carol, id, 'offered', 30_000)
      const dir = tempDir('lanchat-bench-files-in-')
      const pids = [alice.proc.pid as number, carol.proc.pid as number]
      const before = pids.map(pid => rssMiB(pid))
      const stop = peakRss(pids)
      const t = performance.now()
      await carol.api.post(`/api/files/${id}/accept`, { dir })
      await reaches(carol, id, 'done', transferMs(b.n.fileMiB))
      const seconds = (performance.now() - t) / 1000
      stop().forEach((p, i) => {
        if (p - before[i] <= growth[i]) return
        growth[i] = p - before[i]
        peak[i] = p
        idle[i] = before[i]
      })
      const got = await shaStreamed(join(dir, 'big.bin'))
      if (got !== bigSha) throw new Error(`the received file's SHA-256 is ${got}, not ${bigSha}`)
      rmSync(dir, { recursive: true, force: true })
      rates.push(b.n.fileMiB / seconds)
    }
    const rate = median(rates)
    const floor = median(floorRates)
    const flagged = median(flaggedRates)
    // the same stack: libp2p run as the daemon runs it (V8 flags, heap rule); under V8's defaults libp2p alone moves 1.2-1.7x more (information below)
    b.add({
      scenario: `file ${b.n.fileMiB} MiB daemon to daemon (accept -> done), median`,
      lanchat: `${rate.toFixed(1)} MiB/s`,
      floor: `${flagged.toFixed(1)} MiB/s libp2p bulk`,
      ratio: rate / flagged,
      target: '>= 0.8x libp2p bulk',
      met: rate / flagged >= 0.8,
      note: `${b.n.fileRuns} runs each, alternating: two daemon processes over the HTTP API, timed from accept to done at the receiver (every chunk and the whole SHA-256 checked, written, landed; received file's hash checked after); floor: one libp2p stream with the daemon's stack (coalesced TCP, Noise, yamux options) between two processes run as the daemon runs (${RUNTIME_FLAGS.lanchat.join(' ')}, and the heap's transfer rule while bytes move: runtime/heap-growth.ts), ${FRAME_NOTE}; lanchat ${rates.map(r => r.toFixed(1)).join(', ')} MiB/s, floor ${flaggedRates.map(r => r.toFixed(1)).join(', ')} MiB/s`,
      values: { rate, floor: flagged, rates: rates.join(','), floorRates: flaggedRates.join(','), mib: b.n.fileMiB }
    })
    b.add({
      scenario: `file ${b.n.fileMiB} MiB: the same against libp2p bulk under V8's default flags`,
      lanchat: `${rate.toFixed(1)} MiB/s`,
      floor: `${floor.toFixed(1)} MiB/s libp2p bulk, V8 defaults`,
      ratio: rate / floor,
      target: '(information)',
      note: `the floor above with V8's default flags (its sender in the benchmark's process, its sink a process of its own), in the same alternating runs: ${floorRates.map(r => r.toFixed(1)).join(', ')} MiB/s; libp2p run as the daemon runs moved ${(flagged / floor).toFixed(2)}x of that: the daemon's small semi-space (for its idle RSS) costs bare libp2p as much`,
      values: { rate, floor, floorRates: floorRates.join(','), flaggedToDefault: flagged / floor }
    })
    b.add({
      scenario: `daemon peak RSS moving ${b.n.fileMiB} MiB (sender / receiver)`,
      lanchat: `${fmtMiB(peak[0])} / ${fmtMiB(peak[1])}`,
      floor: '',
      target: `growth over idle < ${RSS_GROWTH_BOUND_MIB} MiB`,
      met: Math.max(...growth) < RSS_GROWTH_BOUND_MIB,
      note: `VmRSS from /proc every 100 ms during each timed run, the run with the most growth per side: before accept ${fmtMiB(idle[0])} / ${fmtMiB(idle[1])}, growth +${growth[0].toFixed(1)} / +${growth[1].toFixed(1)} MiB`,
      values: { senderPeak: peak[0], receiverPeak: peak[1], senderIdle: idle[0], receiverIdle: idle[1] }
    })

    carol = await resume(b, alice, carol, big, bigSha)

    // many small files in one offer
    const small = join(src, 'small')
    const contents = smallFiles(small, b.n.smallFiles, SMALL_BYTES)
    const perSecond: number[] = []
    for (let run = 0; run < b.n.smallRuns; run++) {
      const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'carol', paths: [small] })
      await reaches(carol, id, 'offered', 30_000)
      const dir = tempDir('lanchat-bench-files-in-')
      const t = performance.now()
      await carol.api.post(`/api/files/${id}/accept`, { dir })
      await reaches(carol, id, 'done', transferMs(b.n.smallFiles * SMALL_BYTES / MiB) + b.n.smallFiles * 100)
      perSecond.push(b.n.smallFiles / ((performance.now() - t) / 1000))
      for (const [name, data] of contents) {
        if (!(await readFile(join(dir, 'small', name))).equals(data)) throw new Error(`small/${name} arrived different`)
      }
      rmSync(dir, { recursive: true, force: true })
    }
    b.add({
      scenario: `${b.n.smallFiles.toLocaleString('en-US')} small files (4 KiB) in one offer (accept -> done), median`,
      lanchat: fmtRate(median(perSecond), 'files/s'),
      floor: '',
      target: '',
      note: `${b.n.smallRuns} runs (${perSecond.map(r => r.toFixed(0)).join(', ')} files/s): each file wanted, hash list, data, checked, written, landed under its name; every file compared after`,
      values: { filesPerSecond: median(perSecond), runs: perSecond.join(','), files: b.n.smallFiles }
    })
  } finally {
    await sink.stop()
    await flaggedSink.stop()
    await alice.stop()
    await carol.stop()
    await index.stop()
    rmSync(src, { recursive: true, force: true })
  }
}

const FRAME_NOTE = 'the same bytes in 256 KiB sends (FILE_DATA_FRAME_BYTES) with backpressure'

/**
 * The receiver killed (SIGKILL, failpoint) at the chunk that makes half of
 * the big file, restarted: from its ready line to the sender putting bytes on
 * the wire again (the sender's first progress event), and to done. Resolves
 * with the restarted receiver.
 */
async function resume (b: Bench, alice: DaemonProcess, carol: DaemonProcess, big: string, bigSha: string): Promise<DaemonProcess> {
  const half = b.n.fileMiB / 2
  await carol.stop()
  await carol.setEnv({ LANCHAT_FAILPOINTS: `file-chunk-verified:${half}` }).start()
  await alice.sees('carol', c => c.online)
  const { id } = await alice.api.post<{ id: string }>('/api/files', { to: 'carol', paths: [big] })
  await reaches(carol, id, 'offered', 30_000)
  const dir = tempDir('lanchat-bench-files-in-')
  await carol.api.post(`/api/files/${id}/accept`, { dir })
  await carol.exited(transferMs(b.n.fileMiB))
  if (!carol.stderr().includes(`failpoint file-chunk-verified:${half} reached`)) throw new Error('the receiver did not die at half of the file')
  // alice stops sending once her stream broke, or once every byte was handed to it (a small file fits in the link's buffers)
  const sentBefore = await until(async () => {
    const t = await alice.api.get<FileTransfer>(`/api/files/${id}`)
    return t.state === 'paused' || t.bytesSent === b.n.fileMiB * MiB ? t.bytesSent ?? 0 : undefined
  }, 30_000, 'alice to stop sending')

  let readyAt = NaN
  let flowingAt = NaN
  const onStderr = (): void => {
    if (Number.isNaN(readyAt) && /lanchat daemon ready:/.test(carol.stderr())) readyAt = performance.now()
  }
  const onEvent = (e: DaemonEvent): void => {
    if (!Number.isNaN(readyAt) && Number.isNaN(flowingAt) && e.type === 'file-progress' && e.id === id) flowingAt = performance.now()
  }
  carol.on('stderr' as 'event', onStderr)
  alice.on('event', onEvent)
  try {
    await carol.setEnv({}).start()
    await reaches(carol, id, 'done', transferMs(b.n.fileMiB))
  } finally {
    carol.off('stderr' as 'event', onStderr)
    alice.off('event', onEvent)
  }
  const doneAt = performance.now()
  const got = await shaStreamed(join(dir, 'big.bin'))
  if (got !== bigSha) throw new Error(`the resumed file's SHA-256 is ${got}, not ${bigSha}`)
  rmSync(dir, { recursive: true, force: true })
  const sentAfter = ((await reaches(alice, id, 'done', 30_000)).bytesSent ?? 0) - sentBefore
  const flowingS = (flowingAt - readyAt) / 1000
  const doneS = (doneAt - readyAt) / 1000
  b.add({
    scenario: `file resume: receiver killed at half of ${b.n.fileMiB} MiB, restarted (ready -> bytes flowing / -> done)`,
    lanchat: `${flowingS.toFixed(2)} s / ${doneS.toFixed(1)} s`,
    floor: '',
    target: '',
    note: `SIGKILL by failpoint at chunk ${half}; from the restarted daemon's ready line to the sender's first progress event of the new fetch, and to done at the receiver (its hash checked); ${(sentAfter / MiB).toFixed(1)} MiB sent after the restart (the other half is ${(b.n.fileMiB - half).toFixed(0)} MiB)`,
    values: { flowingS, doneS, sentAfterMiB: sentAfter / MiB }
  })
  return carol
}
