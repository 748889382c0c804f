/**
 * Direct messages, through the code paths a user's message takes: the
 * daemon's service API in process (Daemon.send, what the HTTP route calls)
 * and the local HTTP API of a real daemon process (what the CLI and web
 * client use). Alice sends to bob, a real `lanchat daemon` process; both
 * commit (WAL, synchronous FULL) as the delivery contract requires.
 */
import { DaemonProcess } from '../../test/helpers/daemon-process.js'
import { startIndex } from '../../test/helpers/index-process.js'
import { inProcessDaemon, pipelined, seesOnline } from '../lib/daemon.js'
import { cpuMs } from '../lib/procs.js'
import { fmtLatency, fmtMs, fmtRate, latency, timed } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'

const BODY = 'x'.repeat(100)

export async function direct (b: Bench): Promise<void> {
  const index = await startIndex({ args: ['--login-rate', '100000'] })
  const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
  const alice = await inProcessDaemon('alice', index.udpPort)
  const aliceProfile = alice.profile.dir
  try {
    await seesOnline(alice, bob.peerId)
    const send = async (): Promise<void> => {
      const r = await alice.send('bob', BODY)
      if (r.state !== 'delivered') throw new Error(`a direct send ended ${r.state}`)
    }
    await timed(50, 2_000, send)
    const cpu0 = cpuMs(index.pid)
    const ms = await timed(b.n.directRtt, b.budget(5_000), send)
    const indexCpuMs = cpuMs(index.pid) - cpu0
    const l = latency(ms)
    const floor = b.floors.durableRtt
    const ratio = floor == null ? undefined : l.p50 / floor.p50
    b.add({
      scenario: 'direct send -> delivered, service API p50 / p99',
      lanchat: fmtLatency(l),
      floor: floor == null ? '' : `${fmtLatency(floor)} durable`,
      ratio,
      target: '<= 1.3x durable floor (p50)',
      met: ratio == null ? undefined : ratio <= 1.3,
      note: `${l.n} sequential 100-byte sends, in process to a daemon process; outbox commit, send, receiver commit, ack, state update`,
      values: { p50: l.p50, p99: l.p99, n: l.n }
    })
    const perMessageUs = indexCpuMs * 1000 / l.n
    b.add({
      scenario: 'index server CPU per direct message',
      lanchat: `${perMessageUs.toFixed(1)} µs`,
      floor: b.floors.classicCpuUs == null ? '' : `${b.floors.classicCpuUs.toFixed(0)} µs classic server`,
      target: '0 (never sees them)',
      met: perMessageUs < 1,
      note: `index CPU ${indexCpuMs} ms (heartbeats only; 10 ms ticks) over ${l.n} direct messages`,
      values: { indexCpuMs, perMessageUs, messages: l.n }
    })

    const tp = await pipelined(alice, 'bob', BODY, b.n.throughput, b.budget(25_000))
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
  } finally {
    await alice.stop()
  }

  // the same sender as a real process, through its HTTP API (as the CLI and web client send)
  const aliceProc = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort, profileDir: aliceProfile }).start()
  await aliceProc.sees('bob', c => c.online)
  const send = async (): Promise<void> => {
    const r = await aliceProc.send('bob', BODY)
    if (r.state !== 'delivered') throw new Error(`a direct send ended ${r.state}`)
  }
  await timed(30, 2_000, send)
  const l = latency(await timed(b.n.httpRtt, b.budget(5_000), send))
  const floor = b.floors.durableRtt
  b.add({
    scenario: 'direct send -> delivered, HTTP API p50 / p99',
    lanchat: fmtLatency(l),
    floor: floor == null ? '' : `${fmtLatency(floor)} durable`,
    ratio: floor == null ? undefined : l.p50 / floor.p50,
    target: '',
    note: `${l.n} sequential POST /api/messages (keep-alive) to a daemon process, which sends to another; HTTP adds ${fmtMs(l.p50 - (b.rows.find(r => r.scenario.startsWith('direct send -> delivered, service'))?.values.p50 as number ?? NaN))} at p50`,
    values: { p50: l.p50, p99: l.p99, n: l.n }
  })
  await aliceProc.stop()
  await bob.stop()
  await index.stop()
}
