/**
 * Direct vs the classic relay on the LAN test bed (test/lan/testbed.ts): one
 * network namespace per host (index, alice, bob) on a bridge, so every hop
 * crosses a real (virtual) Ethernet link. lanchat: alice (in an agent
 * process) sends to bob's daemon directly. Classic: alice -> server on the
 * index host -> bob -> server -> alice. The issue asks for a switched-LAN
 * delay on each link (netem); this kernel has no sch_netem, so the links
 * have no added delay, and the 0.2 ms case is computed from what was
 * measured (direct crosses 2 host links per round trip, classic 4).
 */
import { DaemonProcess } from '../../test/helpers/daemon-process.js'
import { startIndex, tempDir } from '../../test/helpers/index-process.js'
import { Lan, unavailable } from '../../test/lan/testbed.js'
import { spawnChild } from '../lib/procs.js'
import { fmtLatency, fmtMs } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'
import type { Latency } from '../lib/stats.js'

/** One-way delay a switched LAN adds per host link (the example). */
const LINK_DELAY_MS = 0.2

/** Adds LINK_DELAY_MS on every host's link with netem; false when the kernel has no netem. */
async function delayLinks (lan: Lan): Promise<boolean> {
  try {
    for (const host of ['idx', 'alice', 'bob']) {
      await lan.exec(host, 'tc', ['qdisc', 'add', 'dev', 'eth0', 'root', 'netem', 'delay', `${LINK_DELAY_MS}ms`])
    }
    return true
  } catch {
    return false
  }
}

export async function lan (b: Bench): Promise<void> {
  const why = unavailable()
  if (why != null) {
    b.note(`LAN test bed not run: ${why}`)
    return
  }
  const net = await Lan.create(['idx', 'alice', 'bob'])
  try {
    const netem = await delayLinks(net)
    const bed = netem ? `${LINK_DELAY_MS} ms per link (netem)` : 'no added delay'
    const index = await startIndex({ netns: net.ns('idx'), host: net.ip('idx'), args: ['--login-rate', '100000', '--new-name-rate', '100000'] })
    const bob = await new DaemonProcess({ name: 'bob', netns: net.ns('bob'), index: `${net.ip('idx')}:${index.udpPort}`, listen: net.ip('bob') }).start()
    const direct = JSON.parse((await spawnChild('lan/agent.js', ['lanchat-direct', tempDir('lanchat-bench-lan-'), `${net.ip('idx')}:${index.udpPort}`, net.ip('alice'), bob.peerId, String(b.n.lanRtt)], { netns: net.ns('alice'), timeoutMs: 60_000 })).ready) as Latency
    await bob.stop()
    await index.stop()

    const server = await spawnChild('floors/server.js', ['classic-relay', net.ip('idx')], { netns: net.ns('idx') })
    const answerer = await spawnChild('lan/agent.js', ['classic-answer', server.ready], { netns: net.ns('bob') })
    const classic = JSON.parse((await spawnChild('lan/agent.js', ['classic-rtt', server.ready, String(b.n.lanRtt * 3)], { netns: net.ns('alice'), timeoutMs: 60_000 })).ready) as Latency
    await answerer.stop()
    await server.stop()

    const ratio = direct.p50 / classic.p50
    b.add({
      scenario: `LAN bed, ${bed}: direct vs classic p50 / p99`,
      lanchat: fmtLatency(direct),
      floor: `${fmtLatency(classic)} classic`,
      ratio,
      target: netem ? 'direct < classic' : '',
      met: netem ? direct.p50 < classic.p50 : undefined,
      note: `3 namespaces on a bridge (idx, alice, bob); ${direct.n} direct sends -> delivered (Noise, both commits) vs ${classic.n} plain-TCP round trips through a forwarding server`,
      values: { directP50: direct.p50, directP99: direct.p99, classicP50: classic.p50, classicP99: classic.p99 }
    })
    if (netem) return
    const d = direct.p50 + 2 * LINK_DELAY_MS
    const c = classic.p50 + 4 * LINK_DELAY_MS
    b.add({
      scenario: `LAN, ${LINK_DELAY_MS} ms per link (computed): direct vs classic p50`,
      lanchat: fmtMs(d),
      floor: `${fmtMs(c)} classic`,
      ratio: d / c,
      target: 'direct < classic',
      met: d < c,
      note: `not measured: this kernel has no netem; measured p50 + ${LINK_DELAY_MS} ms per host link crossed (direct 2 per round trip, classic 4)`,
      values: { directMs: d, classicMs: c, linkDelayMs: LINK_DELAY_MS, netem: netem ? 1 : 0 }
    })
  } finally {
    await net.destroy()
  }
}
