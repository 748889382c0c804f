/**
 * `lanchat doctor`: answers "why can't I see someone?" with checks in order,
 * each in plain words with the fix. The index server sees both ends, so most
 * faults can be told apart: index down or filtered, a peer bound to loopback,
 * a firewall dropping the peer's TCP port, no route between subnets, another
 * identity at a stale address, multicast not crossing.
 */
import { createSocket } from 'node:dgram'
import { connect } from 'node:net'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { BROADCAST_TARGET } from '../services/index-client/client.js'
import { udpLogin } from '../services/index-client/udp-login.js'
import type { Directory } from '../directory/directory.js'
import type { IndexClient } from '../services/index-client/client.js'
import type { DoctorCheck, DoctorReport } from '../types.js'
import type { Libp2p } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** How long one TCP or libp2p probe may take. */
export const PROBE_TIMEOUT_MS = 3_000
/** Most of a peer's addresses probed. */
export const MAX_PROBED_ADDRS = 4

export interface DoctorDeps {
  libp2p: Libp2p<any>
  index: IndexClient
  /** --index, or undefined for broadcast */
  indexTarget?: { host: string, port: number }
  name: string
  agent: string
  directory: Directory
  mdnsEnabled: boolean
  /** when each peer was last announced by mDNS */
  mdnsSeen: Map<string, number>
  /** the index PeerId this profile trusts */
  pinnedIndex?: string
}

type Probe = { ok: true, ms: number } | { ok: false, why: 'refused' | 'timeout' | 'unreachable' | 'other', message: string }

/** Opens (and closes) a plain TCP connection, telling refused, silent and unroutable apart. */
export async function tcpProbe (host: string, port: number, timeoutMs = PROBE_TIMEOUT_MS): Promise<Probe> {
  const started = performance.now()
  return await new Promise(resolve => {
    const socket = connect({ host, port })
    const done = (p: Probe): void => { socket.destroy(); resolve(p) }
    socket.setTimeout(timeoutMs, () => { done({ ok: false, why: 'timeout', message: `no answer within ${timeoutMs / 1000} s` }) })
    socket.once('connect', () => { done({ ok: true, ms: performance.now() - started }) })
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'ECONNREFUSED' ? 'refused' : ['EHOSTUNREACH', 'ENETUNREACH'].includes(err.code ?? '') ? 'unreachable' : 'other'
      done({ ok: false, why, message: err.code ?? err.message })
    })
  })
}

/** The local address this computer uses to reach `host` (no packet is sent). */
async function localAddressToward (host: string): Promise<string | undefined> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4')
  try {
    await new Promise<void>((resolve, reject) => { socket.once('error', reject); socket.connect(9, host, resolve) })
    return socket.address().address
  } catch {
    return undefined
  } finally {
    socket.close()
  }
}

function hostPort (a: Multiaddr): { host: string, port: number } | undefined {
  const parts = a.getComponents()
  const ip = parts.find(c => c.name === 'ip4' || c.name === 'ip6')?.value
  const port = parts.find(c => c.name === 'tcp')?.value
  return ip == null || port == null ? undefined : { host: ip, port: Number(port) }
}

const loopback = (host: string): boolean => host.startsWith('127.') || host === '::1' || host === 'localhost'
/** The index server is on this computer (npm run demo, tests): everyone who logs in there is too, so loopback reaches them. */
const thisComputerOnly = (d: DoctorDeps): boolean => d.indexTarget != null && loopback(d.indexTarget.host)
const millis = (ms: number): string => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`

export async function runDoctor (d: DoctorDeps, name?: string): Promise<DoctorReport> {
  const checks: DoctorCheck[] = []
  const add = (check: DoctorCheck): void => { checks.push(check) }
  await indexChecks(d, add)
  await myAddressChecks(d, add)
  if (name != null) await peerChecks(d, name, add)
  return { target: name ?? null, checks, ok: checks.every(c => c.result !== 'fail') }
}

async function indexChecks (d: DoctorDeps, add: (c: DoctorCheck) => void): Promise<void> {
  const target = d.indexTarget ?? BROADCAST_TARGET
  const where = d.indexTarget != null ? `${d.indexTarget.host}:${d.indexTarget.port}` : `a broadcast on UDP port ${BROADCAST_TARGET.port}`
  const started = performance.now()
  let accepted
  try {
    accepted = await udpLogin(target, { name: d.name, peerId: d.libp2p.peerId, addrs: [], agent: d.agent }, { attempts: 2, attemptTimeoutMs: 1000 })
    if (d.pinnedIndex != null && d.pinnedIndex !== '' && accepted.indexPeerId.toString() !== d.pinnedIndex) {
      add({ check: 'index server over UDP', result: 'fail', detail: `${accepted.from.address}:${accepted.from.port} answered as ${accepted.indexPeerId.toString()}, but this profile trusts ${d.pinnedIndex}`, fix: 'if your office really replaced its index server, restart with lanchat daemon --repin-index; otherwise someone runs a rogue index server on this network' })
      add({ check: 'index server over libp2p', result: 'skip', detail: 'skipped: not the trusted index server' })
      add(d.index.connected ? { check: 'logged in', result: 'ok', detail: `as ${d.name}` } : { check: 'logged in', result: 'fail', detail: 'not logged in to an index server', fix: 'see above' })
      return
    }
    add({ check: 'index server over UDP', result: 'ok', detail: `${accepted.from.address}:${accepted.from.port} answered ${where === `${accepted.from.address}:${accepted.from.port}` ? '' : `${where} `}in ${millis(performance.now() - started)}` })
  } catch (err: any) {
    if (err?.name === 'LoginRejectedError') {
      add({ check: 'index server over UDP', result: 'fail', detail: `the index server answered but refuses this login: ${String(err.message)}`, fix: 'see the reason: choose another --name, or ask the index administrator' })
    } else if (d.indexTarget != null) {
      add({ check: 'index server over UDP', result: 'fail', detail: `no answer from ${where} over UDP`, fix: `check that lanchat-index runs on ${d.indexTarget.host} and that its firewall lets UDP port ${d.indexTarget.port} in` })
    } else {
      add({ check: 'index server over UDP', result: 'fail', detail: `no index server answered ${where}`, fix: 'if the index server is on another subnet (broadcasts do not cross routers) or broadcasts are blocked, start the daemon with --index HOST:PORT' })
    }
  }
  if (accepted == null) {
    add({ check: 'index server over libp2p', result: 'skip', detail: 'skipped: the index server did not answer over UDP' })
  } else {
    const tcp = accepted.dialAddrs.map(hostPort).find(Boolean)
    const probe = tcp != null ? await tcpProbe(tcp.host, tcp.port) : undefined
    if (probe != null && !probe.ok) {
      add({ check: 'index server over libp2p', result: 'fail', detail: `TCP to ${tcp!.host}:${tcp!.port}: ${probe.message}`, fix: `let TCP port ${tcp!.port} in on the index server's firewall` })
    } else {
      try {
        const rtt = await d.libp2p.services.ping.ping(accepted.indexPeerId, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
        add({ check: 'index server over libp2p', result: 'ok', detail: `Noise with ${accepted.indexPeerId.toString()} at ${tcp != null ? `${tcp.host}:${tcp.port}` : '?'}, round trip ${millis(rtt)}` })
      } catch (err) {
        add({ check: 'index server over libp2p', result: 'fail', detail: `TCP works but libp2p does not: ${(err as Error).message}`, fix: 'restart lanchat-index; if it persists, another program may use its TCP port' })
      }
    }
  }
  add(d.index.connected
    ? { check: 'logged in', result: 'ok', detail: `as ${d.name}` }
    : { check: 'logged in', result: 'fail', detail: 'not logged in to an index server', fix: 'see the index checks above; meanwhile only people found by mDNS or known from before are reachable' })
}

async function myAddressChecks (d: DoctorDeps, add: (c: DoctorCheck) => void): Promise<void> {
  const mine = d.libp2p.getMultiaddrs().map(hostPort).filter((x): x is { host: string, port: number } => x != null)
  const shown = [...new Set(mine.map(m => `${m.host}:${m.port}`))].join(', ')
  if (mine.length > 0 && mine.every(m => loopback(m.host)) && thisComputerOnly(d)) {
    add({ check: 'my listen addresses', result: 'ok', detail: `you listen on ${shown}: this computer only, like the index server at ${d.indexTarget!.host}:${d.indexTarget!.port}` })
    return
  }
  if (mine.length === 0 || mine.every(m => loopback(m.host))) {
    add({ check: 'my listen addresses', result: 'fail', detail: `you listen only on ${shown || 'nothing'}: nobody else can reach you`, fix: 'start lanchat daemon without --listen, or with --listen set to your LAN address' })
    return
  }
  const via = d.indexTarget != null ? await localAddressToward(d.indexTarget.host) : undefined
  if (via != null && !loopback(via) && !mine.some(m => m.host === via)) {
    add({ check: 'my listen addresses', result: 'warn', detail: `you listen on ${shown}, but reach the index server from ${via}: people on that network may not reach you`, fix: `start lanchat daemon with --listen ${via}, or without --listen` })
    return
  }
  add({ check: 'my listen addresses', result: 'ok', detail: `you listen on ${shown}` })
}

async function peerChecks (d: DoctorDeps, name: string, add: (c: DoctorCheck) => void): Promise<void> {
  const person = d.directory.resolve(name)
  if (person == null) {
    add({ check: `${name} known`, result: 'fail', detail: `nobody called ${name} is known`, fix: `check the spelling with lanchat who; ${name} must log in to the index server once, or be on this LAN with mDNS` })
    return
  }
  add({ check: `${name} known`, result: 'ok', detail: `${person.name} is ${person.peerId}${person.verified ? '' : ' (unverified: learned from the LAN only)'}` })
  const online = d.directory.isOnline(person.peerId)
  add(online
    ? { check: `${name} online`, result: 'ok', detail: person.indexOnline ? 'online, says the index server' : 'online, says a direct connection' }
    : { check: `${name} online`, result: 'warn', detail: `offline${person.lastSeen > 0 ? `, last seen ${new Date(person.lastSeen).toISOString().replace('T', ' ').slice(0, 16)}` : ''}`, fix: `messages to ${name} are relayed or queued until ${name} is back` })

  const addrs = person.addrs.map(a => { try { return multiaddr(a) } catch { return undefined } }).filter((a): a is Multiaddr => a != null)
  const targets = addrs.map(hostPort).filter((x): x is { host: string, port: number } => x != null)
  if (targets.length === 0) {
    add({ check: `${name}'s addresses`, result: 'fail', detail: `no address is known for ${name}`, fix: `${name} should log in to the index server (or be on this LAN with mDNS)` })
    return
  }
  const shown = [...new Set(targets.map(t => `${t.host}:${t.port}`))]
  const local = thisComputerOnly(d)
  if (targets.every(t => loopback(t.host)) && !local) {
    add({ check: `${name}'s addresses`, result: 'fail', detail: `${name} listens only on ${shown.join(', ')} (loopback): nobody else can reach ${name}`, fix: `${name} should restart lanchat daemon without --listen 127.0.0.1, or with their LAN address` })
    return
  }
  add({ check: `${name}'s addresses`, result: 'ok', detail: `${shown.join(', ')}${targets.every(t => loopback(t.host)) ? ' (this computer only)' : ''}` })

  // loopback reaches the peer only when everyone is on this computer
  const probed = targets.filter(t => local || !loopback(t.host)).slice(0, MAX_PROBED_ADDRS)
  const results = await Promise.all(probed.map(async t => ({ t, probe: await tcpProbe(t.host, t.port) })))
  const reachable = results.find(r => r.probe.ok)
  for (const { t, probe } of results) {
    const at = `${t.host}:${t.port}`
    if (probe.ok) {
      add({ check: `TCP to ${name}`, result: 'ok', detail: `${at} answered in ${millis(probe.ms)}` })
      continue
    }
    const result = reachable != null ? 'warn' : 'fail'
    if (probe.why === 'refused') add({ check: `TCP to ${name}`, result, detail: `${at} refused the connection: nothing listens there`, fix: `${name}'s daemon is stopped or uses another port now; ${name} should start lanchat daemon (it tells the index server its new address)` })
    else if (probe.why === 'unreachable') add({ check: `TCP to ${name}`, result, detail: `no route to ${at}: ${name} is on a network this computer cannot reach`, fix: 'ask whoever runs the network to route between the two subnets, or join the same network' })
    else if (probe.why === 'timeout') add({ check: `TCP to ${name}`, result, detail: `no answer from ${at} within ${PROBE_TIMEOUT_MS / 1000} s`, fix: `a firewall on ${name}'s computer (or between you) drops TCP port ${t.port}: let it in (or allow lanchat)` })
    else add({ check: `TCP to ${name}`, result, detail: `${at}: ${probe.message}`, fix: 'check the network between you' })
  }
  if (reachable == null) return
  const peerId = peerIdFromString(person.peerId)
  const addr = multiaddr(`/${reachable.t.host.includes(':') ? 'ip6' : 'ip4'}/${reachable.t.host}/tcp/${reachable.t.port}/p2p/${person.peerId}`)
  try {
    await d.libp2p.dial(addr, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    add({ check: `Noise with ${name}`, result: 'ok', detail: `${reachable.t.host}:${reachable.t.port} proved it holds ${name}'s key` })
    const rtt = await d.libp2p.services.ping.ping(peerId, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    add({ check: `round trip to ${name}`, result: 'ok', detail: millis(rtt) })
  } catch (err) {
    const e = err as Error
    const other = /unexpected peer|peer id|does not match|EncryptionFailed/i.test(`${e.name} ${e.message}`)
    add(other
      ? { check: `Noise with ${name}`, result: 'fail', detail: `another identity answers at ${reachable.t.host}:${reachable.t.port} (${e.name})`, fix: `${name}'s address is out of date (another lanchat runs there now) or someone impersonates ${name}; ${name} should log in again so the index server has the right address` }
      : { check: `Noise with ${name}`, result: 'fail', detail: `TCP works but the libp2p handshake failed: ${e.message}`, fix: `${name} should restart lanchat daemon` })
  }
  if (!d.mdnsEnabled) add({ check: `${name} seen by mDNS`, result: 'skip', detail: 'mDNS is off here (--no-mdns, or listening on loopback)' })
  else {
    const seen = d.mdnsSeen.get(person.peerId)
    add(seen != null
      ? { check: `${name} seen by mDNS`, result: 'ok', detail: `${Math.round((Date.now() - seen) / 1000)} s ago` }
      : { check: `${name} seen by mDNS`, result: 'warn', detail: `${name} never answered mDNS here`, fix: 'normal across subnets or where multicast is filtered; with an index server it does not matter' })
  }
}

