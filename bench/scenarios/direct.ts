/**
 * Direct messages, through the code paths a user's message takes: the
 * daemon's service API in process (Daemon.send, what the HTTP route calls)
 * and the local HTTP API of a real daemon process (what the CLI and web
 * client use). Alice sends to bob, a real `lanchat daemon` process; both
 * commit (WAL, synchronous FULL) as the delivery contract requires. The
 * durable floor runs interleaved with each latency measurement.
 */
import { DaemonProcess } from '../../test/helpers/daemon-process.js'
import { startIndex } from '../../test/helpers/index-process.js'
import { inProcessDaemon, pipelined, seesOnline } from '../lib/daemon.js'
import { durableFloor, interleaved } from '../lib/interleave.js'
import { bytesRead, cpuMs } from '../lib/procs.js'
import { fmtLatency, fmtMs, fmtRate, timed } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'

const BODY = 'x'.repeat(100)

export async function direct (b: Bench): Promise<void> {
  const index = await startIndex({ args: ['--login-rate', '100000', '--new-name-rate', '100000'] })
  const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
  const alice = await inProcessDaemon('alice', index.udpPort)
  const aliceProfile = alice.profile.dir
  const durable = await durableFloor()
  let serviceP50 = NaN
  try {
    await seesOnline(alice, bob.peerId)
    const send = async (): Promise<void> => {
      const r = await alice.send('bob', BODY)
      if (r.state !== 'delivered') throw new Error(`a direct send ended ${r.state}`)
    }
    await timed(50, 2_000, send)
    // the index server's own rate while nobody sends (its heartbeats), to tell apart from what messages cost it;
    // 10 s: V8's memory reducer collects ~8 s after the logins' allocations stop, which is start-up, not messages
    const idleMs = b.settleMs(10_000)
    const idle0 = cpuMs(index.pid)
    await new Promise(resolve => setTimeout(resolve, idleMs))
    const idleBefore = cpuMs(index.pid) - idle0
    const cpu0 = cpuMs(index.pid)
    const read0 = bytesRead(index.pid)
    const t0 = performance.now()
    const { lanchat: l, floor } = await interleaved(b.n.directRtt, b.budget(8_000), send, async () => { await durable.floor.once() })
    serviceP50 = l.p50
    const ratio = l.p50 / floor.p50
    b.add({
      scenario: 'direct send -> delivered, service API p50 / p99',
      lanchat: fmtLatency(l),
      floor: `${fmtLatency(floor)} durable`,
      ratio,
      target: '<= 1.3x durable floor (p50)',
      met: ratio <= 1.3,
      note: `${l.n} sequential 100-byte sends in process to a daemon process (outbox commit, send, receiver commit, ack, state), interleaved in 10 blocks with ${floor.n} durable floor round trips`,
      values: { p50: l.p50, p99: l.p99, n: l.n, floorP50: floor.p50, floorP99: floor.p99 }
    })

    const tp = await pipelined(alice, 'bob', BODY, b.n.throughput, b.budget(25_000))
    const indexCpuMs = cpuMs(index.pid) - cpu0
    const indexReadBytes = bytesRead(index.pid) - read0
    const seconds = (performance.now() - t0) / 1000
    // idle again for as long as the run took: V8's collections after the logins land in either window
    const idle1 = cpuMs(index.pid)
    await new Promise(resolve => setTimeout(resolve, seconds * 1000))
    const idleAfter = cpuMs(index.pid) - idle1
    const idleRate = (idleBefore + idleAfter) / (idleMs + seconds * 1000)
    const messages = l.n + tp.done
    const oneWay = b.floors.libp2pOneWay
    const tpRatio = oneWay == null ? undefined : tp.rate / oneWay
    b.add({
      scenario: 'direct throughput, persisted both ends',
      lanchat: fmtRate(tp.rate),
      floor: oneWay == null ? '' : `${fmtRate(oneWay)} libp2p one way`,
      ratio: tpRatio,
      target: '>= 0.5x libp2p one way',
      met: tpRatio == null ? undefined : tpRatio >= 0.5,
      note: `${tp.done} of ${b.n.throughput} pipelined sends delivered in ${tp.seconds.toFixed(1)} s${b.floors.durableOneWay != null ? `; durable floor with group commit ${fmtRate(b.floors.durableOneWay)}` : ''}`,
      values: { rate: tp.rate, delivered: tp.done, seconds: tp.seconds }
    })
    // what the index spent beyond its idle rate, per message (CPU is read in 10 ms ticks)
    const idleCpuMs = idleRate * seconds * 1000
    const perMessageUs = Math.max(0, indexCpuMs - idleCpuMs) * 1000 / messages
    const tickUs = 10 * 1000 / messages
    b.add({
      scenario: 'index server CPU per direct message',
      lanchat: `${perMessageUs.toFixed(1)} µs`,
      floor: b.floors.classicCpuUs == null ? '' : `${b.floors.classicCpuUs.toFixed(0)} µs classic server`,
      target: '0 (never sees them)',
      met: perMessageUs <= 2 * tickUs,
      note: `index CPU ${indexCpuMs} ms in ${seconds.toFixed(1)} s while ${messages} direct messages went by, against ${idleCpuMs.toFixed(0)} ms at its idle rate (${idleBefore} ms in ${(idleMs / 1000).toFixed(0)} s before, ${idleAfter} ms in ${seconds.toFixed(1)} s after: heartbeats, garbage collection); read in 10 ms ticks (${tickUs.toFixed(1)} µs per message). The index read ${(indexReadBytes / 1024).toFixed(1)} KiB meanwhile (sockets and files) (the messages' bodies alone are ${(messages * BODY.length / 1024).toFixed(0)} KiB)`,
      values: { indexCpuMs, idleCpuMs, idleBeforeMs: idleBefore, idleAfterMs: idleAfter, perMessageUs, messages, seconds, indexReadBytes }
    })
  } finally {
    await alice.stop()
  }

  // the same sender as a real process, through its HTTP API (as the CLI and web client send)
  const aliceProc = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort, profileDir: aliceProfile }).start()
  try {
    await aliceProc.sees('bob', c => c.online)
    const send = async (): Promise<void> => {
      const r = await aliceProc.send('bob', BODY)
      if (r.state !== 'delivered') throw new Error(`a direct send ended ${r.state}`)
    }
    await timed(30, 2_000, send)
    const { lanchat: l, floor } = await interleaved(b.n.httpRtt, b.budget(6_000), send, async () => { await durable.floor.once() })
    b.add({
      scenario: 'direct send -> delivered, HTTP API p50 / p99',
      lanchat: fmtLatency(l),
      floor: `${fmtLatency(floor)} durable`,
      ratio: l.p50 / floor.p50,
      target: '',
      note: `${l.n} sequential POST /api/messages (the CLI's client, keep-alive) to a daemon process that sends to another; about ${fmtMs(l.p50 - serviceP50)} more than in process at p50; floor interleaved`,
      values: { p50: l.p50, p99: l.p99, n: l.n, floorP50: floor.p50 }
    })
  } finally {
    await durable.close()
    await aliceProc.stop()
    await bob.stop()
    await index.stop()
  }
}
