/**
 * The floors and the classic baseline, measured first in the same run:
 * raw TCP, bare libp2p, libp2p + the commits the delivery contract requires,
 * and a classic forwarding server.
 */
import { tempDir } from '../../test/helpers/index-process.js'
import { classicRelay } from '../floors/classic-relay.js'
import { FloorOutbox, libp2pOneWay, libp2pRoundTrip } from '../floors/libp2p.js'
import { tcpOneWay, tcpRoundTrip } from '../floors/tcp.js'
import { spawnChild } from '../lib/procs.js'
import { fmtLatency, fmtMs, fmtRate } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'

export async function floors (b: Bench): Promise<void> {
  const f = b.floors
  const tcp = await spawnChild('floors/server.js', ['tcp-echo', '127.0.0.1'])
  try {
    f.tcpRtt = await tcpRoundTrip(tcp.ready, b.n.floorRtt, b.budget(3_000))
    f.tcpOneWay = await tcpOneWay(tcp.ready, b.n.floorOneWay * 2)
  } finally {
    await tcp.stop()
  }
  b.add({ scenario: 'floor: raw TCP round trip p50 / p99', lanchat: '', floor: fmtLatency(f.tcpRtt), target: '', note: `${f.tcpRtt.n} echoes, 100 B, setNoDelay, two processes`, values: { p50: f.tcpRtt.p50, p99: f.tcpRtt.p99 } })
  b.add({ scenario: 'floor: raw TCP one way', lanchat: '', floor: fmtRate(f.tcpOneWay), target: '', note: 'one write per 100-byte message', values: { rate: f.tcpOneWay } })

  const t = performance.now()
  const p2p = await spawnChild('floors/server.js', ['libp2p-echo', '127.0.0.1'])
  f.libp2pStartMs = performance.now() - t
  try {
    f.libp2pRtt = await libp2pRoundTrip(p2p.ready, b.n.floorRtt, b.budget(3_000))
    f.libp2pOneWay = await libp2pOneWay(p2p.ready, b.n.floorOneWay)
  } finally {
    await p2p.stop()
  }
  b.add({ scenario: 'floor: libp2p stream round trip p50 / p99', lanchat: '', floor: fmtLatency(f.libp2pRtt), target: '', note: `${f.libp2pRtt.n} echoes on one stream (TCP+Noise+yamux)`, values: { p50: f.libp2pRtt.p50, p99: f.libp2pRtt.p99 } })
  b.add({ scenario: 'floor: libp2p one way', lanchat: '', floor: fmtRate(f.libp2pOneWay), target: '', note: 'one send() per 100-byte frame, with backpressure', values: { rate: f.libp2pOneWay } })

  const dir = tempDir('lanchat-bench-floor-')
  const durable = await spawnChild('floors/server.js', ['libp2p-echo', '127.0.0.1', dir])
  const outbox = new FloorOutbox(dir)
  try {
    f.durableRtt = await libp2pRoundTrip(durable.ready, Math.round(b.n.floorRtt / 3), b.budget(3_000), outbox)
    f.durableOneWay = await libp2pOneWay(durable.ready, b.n.floorOneWay)
  } finally {
    outbox.close()
    await durable.stop()
  }
  b.add({ scenario: 'floor: durable round trip p50 / p99', lanchat: '', floor: fmtLatency(f.durableRtt), target: '', note: `${f.durableRtt.n}; libp2p echo + sender commit before send + receiver commit before answer (WAL, synchronous FULL)`, values: { p50: f.durableRtt.p50, p99: f.durableRtt.p99 } })
  b.add({ scenario: 'floor: durable one way (group commit)', lanchat: '', floor: fmtRate(f.durableOneWay), target: '', note: 'receiver commits each arriving chunk of frames in one transaction', values: { rate: f.durableOneWay } })

  const relay = await spawnChild('floors/server.js', ['classic-relay', '127.0.0.1'])
  try {
    const classic = await classicRelay(relay.ready, relay.pid, b.n.floorRtt, b.budget(3_000))
    f.classicRtt = classic.rtt
    f.classicCpuUs = classic.serverCpuUsPerMessage
  } finally {
    await relay.stop()
  }
  b.add({ scenario: 'baseline: classic relay A->server->B->server->A p50 / p99', lanchat: '', floor: fmtLatency(f.classicRtt), target: '', note: `${f.classicRtt.n} round trips over plain TCP; server CPU ${fmtMs(f.classicCpuUs / 1000)} per message`, values: { p50: f.classicRtt.p50, p99: f.classicRtt.p99, serverCpuUs: f.classicCpuUs } })
}
