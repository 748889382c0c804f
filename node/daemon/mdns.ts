/**
 * mDNS on the office LAN, as a libp2p service that is also a peer discovery:
 * the wire of @libp2p/mdns (a PTR query for `_p2p._udp.local`, answered with
 * a PTR plus one TXT `dnsaddr=<multiaddr>/p2p/<id>` per LAN address), so
 * daemons of either kind find each other, but with traffic that grows
 * linearly with the hosts on the segment instead of with their square:
 *
 * - one query per interval for the whole segment: a host that hears another
 *   host's query pushes its own back a whole interval (RFC 6762 7.3,
 *   duplicate question suppression); intervals are jittered so timers drift
 *   apart;
 * - every host answers that query once, by multicast, after a random
 *   20-120 ms (RFC 6762 6), so every host hears every answer; never twice
 *   within a second, never its own query;
 * - the interval is MDNS_QUERY_INTERVAL_MS while no index server is reachable
 *   and MDNS_QUERY_INTERVAL_WITH_INDEX_MS while one is (the index then gives
 *   the directory; mDNS only keeps the LAN mesh in repair);
 * - a starting host announces itself (so the others find it at once) and a
 *   stopping one says goodbye (TTL 0).
 *
 * Per interval the segment carries about 1 query + n answers (every host
 * receives them all): linear in n. Every answer heard is reported as a
 * `sighting` (libp2p's own `peer:discovery` fires only for peers new to its
 * peer store), so the owner can keep dialing a peer that keeps answering.
 *
 * @example
 * ```ts
 * const node = await createLibp2p({ ..., services: { mdns: lanMdns() } })
 * node.services.mdns.addEventListener('sighting', (evt) => { redial.seen(evt.detail) })
 * node.services.mdns.setIndexReachable(true)
 * ```
 */
import { peerDiscoverySymbol, serviceCapabilities } from '@libp2p/interface'
import { logger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { isPrivate } from '@libp2p/utils'
import { CODE_P2P, multiaddr } from '@multiformats/multiaddr'
import multicastDNS from 'multicast-dns'
import { MDNS_ANSWER_DELAY_MS, MDNS_QUERY_INTERVAL_MS, MDNS_QUERY_INTERVAL_WITH_INDEX_MS, MDNS_RECORD_TTL_S } from './options.js'
import type { ComponentLogger, Libp2pEvents, Logger, PeerDiscoveryEvents, PeerId, PeerInfo, Startable, TypedEventTarget } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { Answer, StringAnswer, TxtAnswer } from 'dns-packet'

/** The service name @libp2p/mdns uses: kept, so older lanchat daemons and we find each other. */
export const SERVICE_TAG = '_p2p._udp.local'

export interface Sighting extends PeerInfo {
  /** how long the answer is good for, ms (0: the peer said goodbye) */
  ttlMs: number
}

export interface LanMdnsEvents extends PeerDiscoveryEvents {
  /** every answer from another host (not only its first), goodbyes included */
  sighting: CustomEvent<Sighting>
}

export interface LanMdnsInit {
  /** @default MDNS_QUERY_INTERVAL_MS */
  queryIntervalMs?: number
  /** @default MDNS_QUERY_INTERVAL_WITH_INDEX_MS */
  queryIntervalWithIndexMs?: number
  /** the longest random delay before answering a query @default MDNS_ANSWER_DELAY_MS */
  answerDelayMs?: number
  /** UDP port @default 5353 */
  port?: number
}

export interface LanMdnsComponents {
  peerId: PeerId
  addressManager: { getAddresses(): Multiaddr[] }
  /** libp2p's events: `self:peer:update` tells that our addresses are known (or changed) */
  events: TypedEventTarget<Libp2pEvents>
  logger?: ComponentLogger
}

/** A random label of 32 letters: this host's instance name in the service. */
function instanceName (): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from({ length: 32 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')
}

export class LanMdns extends EventTarget implements Startable {
  readonly [Symbol.toStringTag] = 'lanchat/mdns'
  readonly [serviceCapabilities]: string[] = ['@libp2p/peer-discovery']
  readonly [peerDiscoverySymbol] = this
  /** queries and answers sent and heard, for tests and the benchmark */
  readonly counts = { queriesSent: 0, queriesHeard: 0, answersSent: 0, answersHeard: 0 }
  private readonly components: LanMdnsComponents
  private readonly log: Logger
  private readonly opts: Required<LanMdnsInit>
  private readonly name = instanceName()
  private mdns?: multicastDNS.MulticastDNS
  private withIndex = false
  private begun = false
  private nextQueryAt = 0
  private queryTimer?: ReturnType<typeof setTimeout>
  private answerTimer?: ReturnType<typeof setTimeout>
  private announceTimer?: ReturnType<typeof setTimeout>
  private lastAnswerAt = 0
  private readonly ownQueryIds = new Set<number>()

  constructor (components: LanMdnsComponents, init: LanMdnsInit = {}) {
    super()
    this.components = components
    this.log = components.logger?.forComponent('lanchat:mdns') ?? logger('lanchat:mdns')
    this.opts = {
      queryIntervalMs: init.queryIntervalMs ?? MDNS_QUERY_INTERVAL_MS,
      queryIntervalWithIndexMs: init.queryIntervalWithIndexMs ?? MDNS_QUERY_INTERVAL_WITH_INDEX_MS,
      answerDelayMs: init.answerDelayMs ?? MDNS_ANSWER_DELAY_MS,
      port: init.port ?? 5353
    }
  }

  async start (): Promise<void> {
    if (this.mdns != null) return
    const mdns = this.mdns = multicastDNS({ port: this.opts.port })
    mdns.on('query', (query) => { this.onQuery(query) })
    mdns.on('response', (response) => { this.onResponse(response) })
    mdns.on('warning', (err: Error) => { this.log('mdns warning: %e', err) })
    mdns.on('error', (err: Error) => { this.log.error('mdns error: %e', err) })
    this.components.events.addEventListener('self:peer:update', this.onSelfUpdate)
  }

  afterStart (): void {
    this.begin()
  }

  /** Once our addresses are known: announce ourselves (twice, a second apart: RFC 6762 8.3), ask who is there. */
  private begin (): void {
    if (this.begun || this.mdns == null || this.records(MDNS_RECORD_TTL_S).length < 2) return
    this.begun = true
    this.announce()
    this.query()
    this.announceTimer = setTimeout(() => { this.announce() }, 1_000)
    this.announceTimer.unref?.()
  }

  private readonly onSelfUpdate = (): void => { this.begin() }

  async stop (): Promise<void> {
    const mdns = this.mdns
    if (mdns == null) return
    this.mdns = undefined
    this.begun = false
    this.components.events.removeEventListener('self:peer:update', this.onSelfUpdate)
    clearTimeout(this.queryTimer)
    clearTimeout(this.answerTimer)
    clearTimeout(this.announceTimer)
    // goodbye: the same records with TTL 0 (RFC 6762 10.1)
    await new Promise<void>(resolve => { this.send(mdns, this.records(0), resolve) })
    await new Promise<void>(resolve => { mdns.destroy(() => { resolve() }) })
  }

  /** While an index server is reachable, ask less often. */
  setIndexReachable (reachable: boolean): void {
    if (this.withIndex === reachable) return
    this.withIndex = reachable
    if (this.begun) this.schedule(Math.min(this.nextQueryAt, Date.now() + this.jittered()))
  }

  private get intervalMs (): number {
    return this.withIndex ? this.opts.queryIntervalWithIndexMs : this.opts.queryIntervalMs
  }

  /** The interval with +0..20 % jitter, so hosts that started together drift apart. */
  private jittered (): number {
    return this.intervalMs * (1 + Math.random() * 0.2)
  }

  private schedule (at: number): void {
    clearTimeout(this.queryTimer)
    this.nextQueryAt = at
    this.queryTimer = setTimeout(() => { this.query() }, Math.max(0, at - Date.now()))
    this.queryTimer.unref?.()
  }

  private query (): void {
    const mdns = this.mdns
    if (mdns == null) return
    const id = Math.floor(Math.random() * 0xffff) + 1
    this.ownQueryIds.add(id)
    if (this.ownQueryIds.size > 8) this.ownQueryIds.delete(this.ownQueryIds.values().next().value as number)
    this.counts.queriesSent++
    mdns.query({ id, questions: [{ name: SERVICE_TAG, type: 'PTR' }] })
    this.schedule(Date.now() + this.jittered())
  }

  private onQuery (query: multicastDNS.QueryPacket): void {
    if (!this.begun || !query.questions.some(q => q.name === SERVICE_TAG)) return
    if (this.ownQueryIds.has(query.id)) return
    this.counts.queriesHeard++
    // someone asked for all of us: our own query can wait a whole interval (the answers will be heard)
    this.schedule(Date.now() + this.jittered())
    if (this.answerTimer != null) return
    this.answerTimer = setTimeout(() => {
      this.answerTimer = undefined
      // a second since our last answer at least (RFC 6762 6): a burst of queries gets one answer a second
      if (Date.now() - this.lastAnswerAt < 1_000) return
      this.lastAnswerAt = Date.now()
      this.announce()
    }, 20 + Math.random() * Math.max(0, this.opts.answerDelayMs - 20))
    this.answerTimer.unref?.()
  }

  /** Multicasts our records: an answer, or an announcement. */
  private announce (): void {
    const mdns = this.mdns
    if (mdns == null) return
    const answers = this.records(MDNS_RECORD_TTL_S)
    if (answers.length < 2) return
    this.counts.answersSent++
    this.send(mdns, answers)
  }

  private send (mdns: multicastDNS.MulticastDNS, answers: Answer[], done?: () => void): void {
    if (answers.length < 2) {
      done?.()
      return
    }
    mdns.respond({ answers }, (err?: Error | null) => {
      if (err != null) this.log('mdns send failed: %e', err)
      done?.()
    })
  }

  /** PTR to our instance, and one TXT per LAN address (with our PeerId), as @libp2p/mdns writes them. */
  private records (ttl: number): Answer[] {
    const instance = `${this.name}.${SERVICE_TAG}`
    const answers: Answer[] = [{ name: SERVICE_TAG, type: 'PTR', class: 'IN', ttl, data: instance }]
    for (const addr of this.components.addressManager.getAddresses()) {
      if (!isPrivate(addr)) continue
      const data = `dnsaddr=${addr.toString()}`
      if (data.length > 255 || addr.getComponents().findLast(c => c.code === CODE_P2P) == null) continue
      answers.push({ name: instance, type: 'TXT', class: 'IN', ttl, data })
    }
    return answers
  }

  private onResponse (response: multicastDNS.ResponsePacket): void {
    const ptr = response.answers.find((a): a is StringAnswer => a.type === 'PTR' && a.name === SERVICE_TAG)
    if (ptr == null || ptr.data.startsWith(this.name)) return
    const txt = [...response.answers, ...(response.additionals ?? [])].filter((a): a is TxtAnswer => a.type === 'TXT')
    let addrs: Multiaddr[]
    let id: PeerId
    try {
      addrs = txt.flatMap(a => Array.isArray(a.data) ? a.data : [a.data])
        .map(d => d.toString())
        .filter(d => d.startsWith('dnsaddr='))
        .map(d => multiaddr(d.slice('dnsaddr='.length)))
      const p2p = addrs[0]?.getComponents().findLast(c => c.code === CODE_P2P)?.value
      if (p2p == null) return
      id = peerIdFromString(p2p)
    } catch (err) {
      this.log('unreadable mDNS answer: %e', err)
      return
    }
    if (id.equals(this.components.peerId)) return
    this.counts.answersHeard++
    const multiaddrs = addrs.map(a => a.decapsulateCode(CODE_P2P))
    const ttlMs = (ptr.ttl ?? MDNS_RECORD_TTL_S) * 1000
    this.dispatchEvent(new CustomEvent<Sighting>('sighting', { detail: { id, multiaddrs, ttlMs } }))
    if (ttlMs > 0) this.dispatchEvent(new CustomEvent<PeerInfo>('peer', { detail: { id, multiaddrs } }))
  }
}

/** The service factory, for `createLibp2p({ services: { mdns: lanMdns() } })`. */
export function lanMdns (init: LanMdnsInit = {}): (components: LanMdnsComponents) => LanMdns {
  return (components) => new LanMdns(components, init)
}
