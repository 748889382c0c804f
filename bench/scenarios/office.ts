/**
 * An office on one LAN segment (test/helpers/office.ts): an index host and N
 * daemon hosts on a bridge, default settings (broadcast login, mDNS on), all
 * N daemons launched at once. For N = 12 and 20 (4 and 6 in --quick):
 * logins/s and time to the full directory (everyone sees every colleague
 * online and verified); then, idle: CPU per daemon per minute, packets per
 * host per second, mDNS datagrams on the segment per second (every host
 * receives all of them), connections per pair, daemon RSS. The mDNS rate
 * is fitted as a + b·n + c·n² through the sizes measured (c = 0 with two)
 * and extrapolated to 100 and 500 hosts.
 */
import { Office } from '../../test/helpers/office.js'
import { unavailable } from '../../test/lan/testbed.js'
import { fmtMiB, fmtMs, median, settle } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'

interface Measured {
  n: number
  mdnsPerS: number
}

/** Deadline for a whole office to reach the full directory. */
const FULL_DIRECTORY_DEADLINE_MS = 180_000

async function one (b: Bench, n: number, windowMs: number): Promise<Measured> {
  const office = await Office.open(n)
  try {
    await office.launch({ readyMs: 120_000 })
    const loggedIn = await office.allLoggedIn(FULL_DIRECTORY_DEADLINE_MS)
    await office.fullDirectory(FULL_DIRECTORY_DEADLINE_MS)
    const toFull = performance.now() - office.launchedAt
    b.add({
      scenario: `office login storm, ${n} daemons at once: to full directory`,
      lanchat: fmtMs(toFull),
      floor: '',
      target: '',
      note: `LAN bed, index host + ${n} daemon hosts on one bridge, broadcast login, mDNS on, launched within ${fmtMs(office.launchSpreadMs)}; API ready median ${fmtMs(median(office.apiReadyMs))}; all logged in after ${fmtMs(loggedIn)} (${(n / (loggedIn / 1000)).toFixed(1)} logins/s); full = every daemon sees every colleague online and verified`,
      values: { n, toFullMs: toFull, loggedInMs: loggedIn, loginsPerS: n / (loggedIn / 1000), apiReadyMedianMs: median(office.apiReadyMs), launchSpreadMs: office.launchSpreadMs }
    })
    await settle(b.settleMs(10_000))
    const cpu0 = office.cpuMs()
    const c0 = await office.counters()
    const t0 = performance.now()
    await settle(windowMs)
    const cpu1 = office.cpuMs()
    const c1 = await office.counters()
    const seconds = (performance.now() - t0) / 1000
    const cpuPerMin = cpu1.map((c, i) => (c - cpu0[i]) / seconds * 60)
    const packets = office.names.map(h => ((c1.get(h)?.packets ?? 0) - (c0.get(h)?.packets ?? 0)) / seconds)
    let mdns = 0
    for (const [host, c] of c1) mdns += c.mdnsSent - (c0.get(host)?.mdnsSent ?? 0)
    const mdnsPerS = mdns / seconds
    const pairs = await office.connectionsPerPair()
    const counts = [...pairs.values()]
    const rss = office.rssMiB()
    const pairsTotal = n * (n - 1) / 2
    b.add({
      scenario: `office idle, ${n} daemons: CPU per daemon per minute (median)`,
      lanchat: fmtMs(median(cpuPerMin)),
      floor: '',
      target: '',
      note: `${windowMs / 1000} s window, ${b.settleMs(10_000) / 1000} s after the full directory; /proc utime+stime of each daemon; max ${fmtMs(Math.max(...cpuPerMin))}`,
      values: { n, medianMs: median(cpuPerMin), maxMs: Math.max(...cpuPerMin) }
    })
    b.add({
      scenario: `office idle, ${n} daemons: packets per daemon host per second (median)`,
      lanchat: `${median(packets).toFixed(1)} /s`,
      floor: '',
      target: '',
      note: `rx + tx on each host's link over the same window; max ${Math.max(...packets).toFixed(1)}/s; connections per pair: max ${Math.max(0, ...counts)}, ${counts.length} of ${pairsTotal} pairs connected, ${counts.reduce((a, c) => a + c, 0)} connections`,
      values: { n, medianPerS: median(packets), maxPerS: Math.max(...packets), maxPerPair: Math.max(0, ...counts), pairsConnected: counts.length, connections: counts.reduce((a, c) => a + c, 0) }
    })
    b.add({
      scenario: `office idle, ${n} hosts: mDNS datagrams per second on the segment`,
      lanchat: `${mdnsPerS.toFixed(2)} /s`,
      floor: '',
      target: '',
      note: 'UDP 5353 datagrams sent by all hosts (nftables counters), over the same window; each host receives every one of them',
      values: { n, perS: mdnsPerS }
    })
    b.add({
      scenario: `daemon RSS with ${n - 1} peers (median)`,
      lanchat: fmtMiB(median(rss)),
      floor: '',
      target: '< 120 MB',
      met: Math.max(...rss) * 2 ** 20 < 120e6,
      note: `each daemon of the idle office above; max ${fmtMiB(Math.max(...rss))}`,
      values: { n, medianMiB: median(rss), maxMiB: Math.max(...rss) }
    })
    return { n, mdnsPerS }
  } finally {
    await office.close()
  }
}

/** Fits y = b·n + c·n² through two points and extrapolates. */
function extrapolate (b: Bench, points: Measured[]): void {
  if (points.length < 2) return
  const [p, q] = points
  // y/n = b + c·n: a line through (n, y/n)
  const c = (q.mdnsPerS / q.n - p.mdnsPerS / p.n) / (q.n - p.n)
  const k = p.mdnsPerS / p.n - c * p.n
  const at = (n: number): number => k * n + c * n * n
  b.add({
    scenario: 'mDNS datagrams per second on the segment, extrapolated to 100 / 500 hosts',
    lanchat: `${at(100).toFixed(1)} / ${at(500).toFixed(1)} /s`,
    floor: '',
    target: 'linear in hosts',
    met: Math.abs(c * 500 * 500) < Math.abs(k * 500),
    note: `fitted through ${p.n} and ${q.n} hosts: ${k.toFixed(4)}·n + ${c.toFixed(5)}·n² per second`,
    values: { linear: k, quadratic: c, at100: at(100), at500: at(500) }
  })
}

export async function office (b: Bench): Promise<void> {
  const why = unavailable()
  if (why != null) {
    b.note(`office scenario not run: ${why}`)
    return
  }
  const sizes = b.quick ? [4, 6] : [12, 20]
  const windowMs = b.quick ? 5_000 : 60_000
  const points: Measured[] = []
  for (const n of sizes) points.push(await one(b, n, windowMs))
  extrapolate(b, points)
}
