/**
 * An office on one LAN segment (test/helpers/office.ts): an index host and N
 * daemon hosts on a bridge, default settings (broadcast login, mDNS on), all
 * N daemons launched at once. For N = 12 and 20 (4 and 6 in --quick):
 *
 * - the login storm: logins/s and time to the full directory (every daemon
 *   sees every colleague online and verified), with the index server's CPU
 *   and the LOGIN datagrams it received (retries included);
 * - idle, logged in: CPU per daemon per minute, packets per daemon host per
 *   second, connections per pair, daemon RSS, and mDNS datagrams per second
 *   on the segment (every host receives each of them);
 * - the index host unplugged: mDNS datagrams per second again (daemons then
 *   ask every MDNS_QUERY_INTERVAL_MS instead of every
 *   MDNS_QUERY_INTERVAL_WITH_INDEX_MS).
 *
 * Both mDNS rates are extrapolated to 100 and 500 hosts with the law
 * measured: queries per second on the segment times (1 + answers per query).
 */
import { INDEX_HOST, Office } from '../../test/helpers/office.js'
import type { HostCounters } from '../../test/helpers/office.js'
import { unavailable } from '../../test/lan/testbed.js'
import { fmtMiB, fmtMs, median, settle } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'

/** mDNS on the whole segment over a window. */
interface Mdns {
  queries: number
  answers: number
  seconds: number
}

interface Measured {
  n: number
  withIndex: Mdns
  withoutIndex: Mdns
}

/** Deadline for a whole office to reach the full directory (a loaded 2-core machine starts 20 daemons slowly). */
const FULL_DIRECTORY_DEADLINE_MS = 240_000

/** mDNS queries and answers all hosts sent between two readings. */
function mdnsBetween (before: Map<string, HostCounters>, after: Map<string, HostCounters>, seconds: number): Mdns {
  let queries = 0
  let answers = 0
  for (const [host, c] of after) {
    queries += c.mdnsQueries - (before.get(host)?.mdnsQueries ?? 0)
    answers += c.mdnsAnswers - (before.get(host)?.mdnsAnswers ?? 0)
  }
  return { queries, answers, seconds }
}

async function mdnsDuring (office: Office, ms: number): Promise<Mdns> {
  const before = await office.counters()
  const t = performance.now()
  await settle(ms)
  return mdnsBetween(before, await office.counters(), (performance.now() - t) / 1000)
}

function perS (m: Mdns): number {
  return (m.queries + m.answers) / m.seconds
}

async function storm (b: Bench, office: Office, n: number): Promise<void> {
  await office.startIndex()
  const index0 = office.indexCpuMs()
  await office.launch({ readyMs: FULL_DIRECTORY_DEADLINE_MS })
  const loggedIn = await office.allLoggedIn(FULL_DIRECTORY_DEADLINE_MS)
  const logins = await office.loginDatagrams()
  const indexCpu = office.indexCpuMs() - index0
  let toFull = NaN
  let lacking = ''
  try {
    await office.fullDirectory(FULL_DIRECTORY_DEADLINE_MS - (performance.now() - office.launchedAt))
    toFull = performance.now() - office.launchedAt
  } catch {
    const lack = await office.lacking()
    const entries = [...lack.values()].reduce((a, l) => a + l.length, 0)
    lacking = `; NOT reached within ${FULL_DIRECTORY_DEADLINE_MS / 1000} s of launch: ${lack.size} daemons lacked ${entries} colleagues (${[...lack].map(([d, l]) => `${d}: ${l.join(' ')}`).join('; ')})`
  }
  const daemonCpu = office.cpuMs().reduce((a, c) => a + c, 0)
  b.add({
    scenario: `office login storm, ${n} daemons at once: logins/s`,
    lanchat: `${(n / (loggedIn / 1000)).toFixed(2)} logins/s`,
    floor: '',
    target: '',
    note: `${n} real daemons launched within ${fmtMs(office.launchSpreadMs)}, the last logged in ${fmtMs(loggedIn)} after launch (API ready: median ${fmtMs(median(office.apiReadyMs))}); the index received ${logins} UDP datagrams (${(logins / n).toFixed(1)} per daemon) and used ${fmtMs(indexCpu)} of CPU (${fmtMs(indexCpu / n)} per login) while the daemons used ${fmtMs(daemonCpu)}`,
    values: { n, loginsPerS: n / (loggedIn / 1000), loggedInMs: loggedIn, apiReadyMedianMs: median(office.apiReadyMs), loginDatagrams: logins, indexCpuMs: indexCpu, daemonCpuMs: daemonCpu }
  })
  b.add({
    scenario: `office login storm, ${n} daemons at once: to full directory`,
    lanchat: Number.isNaN(toFull) ? `> ${fmtMs(FULL_DIRECTORY_DEADLINE_MS)}` : fmtMs(toFull),
    floor: '',
    target: '',
    note: `from launch until every daemon sees all ${n - 1} colleagues online and verified (LAN bed: index host + ${n} daemon hosts on one bridge, broadcast login, mDNS on)${lacking}`,
    values: { n, toFullMs: toFull }
  })
}

async function idle (b: Bench, office: Office, n: number, windowMs: number): Promise<Mdns> {
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
  const mdns = mdnsBetween(c0, c1, seconds)
  const counts = [...(await office.connectionsPerPair()).values()]
  const rss = office.rssMiB()
  const connections = counts.reduce((a, c) => a + c, 0)
  b.add({
    scenario: `office idle, ${n} daemons: CPU per daemon per minute (median)`,
    lanchat: fmtMs(median(cpuPerMin)),
    floor: '',
    target: '',
    note: `${windowMs / 1000} s window from ${b.settleMs(10_000) / 1000} s after the full directory; /proc utime+stime of each daemon; max ${fmtMs(Math.max(...cpuPerMin))}`,
    values: { n, medianMs: median(cpuPerMin), maxMs: Math.max(...cpuPerMin) }
  })
  b.add({
    scenario: `office idle, ${n} daemons: packets per daemon host per second (median)`,
    lanchat: `${median(packets).toFixed(1)} /s`,
    floor: '',
    target: '',
    note: `rx + tx on each host's link, same window (index heartbeats, peer pings, mDNS); max ${Math.max(...packets).toFixed(1)}/s. Connections: ${counts.length} of ${n * (n - 1) / 2} pairs connected, ${connections} in all, at most ${Math.max(0, ...counts)} per pair`,
    values: { n, medianPerS: median(packets), maxPerS: Math.max(...packets), pairsConnected: counts.length, connections, maxPerPair: Math.max(0, ...counts) }
  })
  b.add({
    scenario: `daemon RSS with ${n - 1} peers connected (median / max)`,
    lanchat: `${fmtMiB(median(rss))} / ${fmtMiB(Math.max(...rss))}`,
    floor: '',
    target: '< 120 MB',
    met: Math.max(...rss) * 2 ** 20 < 120e6,
    note: `each daemon of the idle office above, after the storm`,
    values: { n, medianMiB: median(rss), maxMiB: Math.max(...rss) }
  })
  return mdns
}

/** Pulls the index host's cable until every daemon noticed, measures mDNS then, plugs it back. */
async function withoutIndex (b: Bench, office: Office, windowMs: number): Promise<Mdns> {
  const marks = office.daemons.map(d => d.events.length)
  await office.lan.linkDown(INDEX_HOST)
  try {
    await Promise.all(office.daemons.map(async (d, i) => await d.event(e => e.type === 'index' && !e.connected, 30_000, marks[i])))
    await settle(b.settleMs(5_000))
    return await mdnsDuring(office, windowMs)
  } finally {
    await office.lan.linkUp(INDEX_HOST)
  }
}

async function one (b: Bench, n: number): Promise<Measured> {
  const office = await Office.open(n)
  try {
    await storm(b, office, n)
    const withIndex = await idle(b, office, n, b.quick ? 5_000 : 60_000)
    const unplugged = await withoutIndex(b, office, b.quick ? 5_000 : 30_000)
    for (const [what, m] of [['index reachable', withIndex], ['index unplugged', unplugged]] as const) {
      b.add({
        scenario: `office, ${n} hosts, ${what}: mDNS datagrams per second on the segment`,
        lanchat: `${perS(m).toFixed(2)} /s`,
        floor: '',
        target: '',
        note: `UDP 5353 datagrams sent by all hosts (nftables counters; each host receives every one): ${m.queries} queries and ${m.answers} answers in ${m.seconds.toFixed(0)} s (${what === 'index reachable' ? 'the idle window' : 'once every daemon noticed'})`,
        values: { n, perS: perS(m), queries: m.queries, answers: m.answers, seconds: m.seconds }
      })
    }
    return { n, withIndex, withoutIndex: unplugged }
  } finally {
    await office.close()
  }
}

/**
 * The law measured: datagrams/s = q·(1 + α·n), with q the queries per second
 * on the whole segment and α the answers each host sends per query (from the
 * larger office). q counts a few queries per window, so it is called flat
 * when it grew less than half as fast as the hosts did between the two sizes
 * (had every host asked on its own, it would have grown as fast); flat, the
 * larger of the two is used; else it is extrapolated in proportion to n.
 */
function extrapolate (b: Bench, what: string, points: Array<{ n: number, m: Mdns }>): void {
  if (points.length < 2) return
  const [p, q] = points
  if (q.m.queries === 0 || p.m.queries === 0) {
    b.note(`mDNS, ${what}: a window saw no query (too short to measure the law: --quick?)`)
    return
  }
  const qp = p.m.queries / p.m.seconds
  const qq = q.m.queries / q.m.seconds
  const growth = qq / qp
  const flat = growth < 1 + (q.n / p.n - 1) / 2
  const alpha = q.m.answers / q.m.queries / q.n
  const queriesAt = (n: number): number => flat ? Math.max(qp, qq) : qq * n / q.n
  const at = (n: number): number => queriesAt(n) * (1 + alpha * n)
  b.add({
    scenario: `mDNS datagrams per second on the segment, ${what}, extrapolated to 100 / 500 hosts`,
    lanchat: `${at(100).toFixed(1)} / ${at(500).toFixed(1)} /s`,
    floor: '',
    target: 'linear in hosts',
    met: flat,
    note: `measured law q·(1 + α·n): queries per second on the segment q = ${qp.toFixed(3)} at ${p.n} hosts, ${qq.toFixed(3)} at ${q.n} (${flat ? 'flat' : 'growing with the hosts'}: x${growth.toFixed(2)} for x${(q.n / p.n).toFixed(2)} hosts); answers per query per host α = ${alpha.toFixed(2)}`,
    values: { qSmall: qp, qLarge: qq, growth, flat: flat ? 1 : 0, alpha, at100: at(100), at500: at(500) }
  })
}

export async function office (b: Bench): Promise<void> {
  const why = unavailable()
  if (why != null) {
    b.note(`office scenario not run: ${why}`)
    return
  }
  const points: Measured[] = []
  for (const n of b.quick ? [4, 6] : [12, 20]) points.push(await one(b, n))
  extrapolate(b, 'index reachable', points.map(p => ({ n: p.n, m: p.withIndex })))
  extrapolate(b, 'index unplugged', points.map(p => ({ n: p.n, m: p.withoutIndex })))
}
