/**
 * mDNS on the office LAN, as a libp2p service that is also a peer discovery.
 * @libp2p/mdns does the discovery itself: it answers every PTR query for
 * `_p2p._udp.local` with a PTR plus one TXT `dnsaddr=<multiaddr>/p2p/<id>`
 * per LAN address, and turns every answer it hears (to anyone's query) into
 * a peer. What lanchat adds is *when* queries go out, so that the traffic
 * grows linearly with the hosts on the segment instead of with their square:
 *
 * - @libp2p/mdns's own timer (a query from every host every 10 s, each
 *   answered by every host: 6n + 6n² datagrams a minute) is set to never;
 * - instead one query per interval goes out for the whole segment: a host
 *   that hears a query (its own socket listens for them) puts its own off a
 *   whole interval (node/daemon/mdns-schedule.ts), every host answers it
 *   (@libp2p/mdns), and every host hears every answer;
 * - the interval is MDNS_QUERY_INTERVAL_MS while no index server is reachable
 *   and MDNS_QUERY_INTERVAL_WITH_INDEX_MS while one is;
 * - @libp2p/mdns is started once our LAN addresses are known: its start-up
 *   query makes every host answer, ourselves included, so the others find a
 *   new host at once.
 *
 * Per interval the segment carries about 1 query + n answers. Every answer
 * heard is reported as a `sighting` (libp2p's own `peer:discovery` fires only
 * for peers new to its peer store), so the owner can keep dialing a peer that
 * keeps answering. The wire is @libp2p/mdns's, so daemons of any lanchat
 * version find each other.
 *
 * @example
 * ```ts
 * const node = await createLibp2p({ ..., services: { mdns: lanMdns() } })
 * node.services.mdns.addEventListener('sighting', (evt) => { redial.seen(evt.detail) })
 * node.services.mdns.setIndexReachable(true)
 * ```
 */
import { peerDiscoverySymbol, serviceCapabilities, start, stop } from '@libp2p/interface'
import { mdns } from '@libp2p/mdns'
import { isPrivate } from '@libp2p/utils'
import multicastDNS from 'multicast-dns'
import { QuerySchedule } from './mdns-schedule.js'
import { MDNS_RECORD_TTL_S } from './options.js'
import type { Libp2pEvents, Logger, PeerDiscovery, PeerDiscoveryEvents, PeerId, PeerInfo, Startable, TypedEventTarget } from '@libp2p/interface'
import type { MulticastDNSComponents } from '@libp2p/mdns'

/** The service name of @libp2p/mdns (its default, written out: our queries ask for it). */
export const SERVICE_TAG = '_p2p._udp.local'

/** @libp2p/mdns's own query timer, which our schedule replaces: the longest a Node timer can wait (24.8 days). */
const NEVER_MS = 2 ** 31 - 1

export interface Sighting extends PeerInfo {
  /** how long the answer is good for, ms: MDNS_RECORD_TTL_S from @libp2p/mdns (0 would be a goodbye, which it does not send) */
  ttlMs: number
}

export interface LanMdnsEvents extends PeerDiscoveryEvents {
  /** every answer from another host (not only its first) */
  sighting: CustomEvent<Sighting>
}

export interface LanMdnsInit {
  /** @default MDNS_QUERY_INTERVAL_MS */
  queryIntervalMs?: number
  /** @default MDNS_QUERY_INTERVAL_WITH_INDEX_MS */
  queryIntervalWithIndexMs?: number
  /** UDP port @default 5353 */
  port?: number
}

export interface LanMdnsComponents extends MulticastDNSComponents {
  peerId: PeerId
  /** libp2p's events: `self:peer:update` tells that our addresses are known (or changed) */
  events: TypedEventTarget<Libp2pEvents>
}

export class LanMdns extends EventTarget implements Startable {
  readonly [Symbol.toStringTag] = 'lanchat/mdns'
  readonly [serviceCapabilities]: string[] = ['@libp2p/peer-discovery']
  readonly [peerDiscoverySymbol] = this
  private readonly components: LanMdnsComponents
  private readonly log: Logger
  private readonly port: number
  /** @libp2p/mdns: answers queries, turns answers into peers */
  private readonly discovery: PeerDiscovery
  private readonly schedule: QuerySchedule
  /** our socket: sends the scheduled queries, hears everyone's */
  private socket?: multicastDNS.MulticastDNS
  /** @libp2p/mdns starting (once our LAN addresses are known) */
  private started?: Promise<void>
  private queryTimer?: ReturnType<typeof setTimeout>
  private readonly ownQueryIds = new Set<number>()

  constructor (components: LanMdnsComponents, init: LanMdnsInit = {}) {
    super()
    this.components = components
    this.log = components.logger.forComponent('lanchat:mdns')
    this.port = init.port ?? 5353
    this.discovery = mdns({ interval: NEVER_MS, serviceTag: SERVICE_TAG, port: this.port })(components)
    this.schedule = new QuerySchedule({ intervalMs: init.queryIntervalMs, intervalWithIndexMs: init.queryIntervalWithIndexMs })
  }

  async start (): Promise<void> {
    if (this.socket != null) return
    const socket = this.socket = multicastDNS({ port: this.port })
    socket.on('query', (query) => { this.onQuery(query) })
    socket.on('warning', (err: Error) => { this.log('mdns warning: %e', err) })
    socket.on('error', (err: Error) => { this.log.error('mdns error: %e', err) })
    this.discovery.addEventListener('peer', this.onPeer)
    this.components.events.addEventListener('self:peer:update', this.onSelfUpdate)
  }

  afterStart (): void {
    this.begin()
  }

  private readonly onSelfUpdate = (): void => { this.begin() }

  /** Once we have a LAN address: start @libp2p/mdns (its start-up query is our announcement), then follow the schedule. */
  private begin (): void {
    if (this.started != null || this.socket == null) return
    if (!this.components.addressManager.getAddresses().some(a => isPrivate(a))) return
    this.started = start(this.discovery).catch((err: Error) => { this.log.error('@libp2p/mdns did not start: %e', err) })
    this.arm(this.schedule.queried(Date.now()))
  }

  async stop (): Promise<void> {
    const socket = this.socket
    if (socket == null) return
    this.socket = undefined
    this.components.events.removeEventListener('self:peer:update', this.onSelfUpdate)
    this.discovery.removeEventListener('peer', this.onPeer)
    clearTimeout(this.queryTimer)
    if (this.started != null) {
      await this.started
      await stop(this.discovery)
      this.started = undefined
    }
    await new Promise<void>(resolve => { socket.destroy(() => { resolve() }) })
  }

  /** While an index server is reachable, ask less often. */
  setIndexReachable (reachable: boolean): void {
    this.arm(this.schedule.indexReachable(reachable, Date.now()))
  }

  private arm (at: number): void {
    clearTimeout(this.queryTimer)
    if (at === Infinity) return
    this.queryTimer = setTimeout(() => { this.query() }, Math.max(0, at - Date.now()))
    this.queryTimer.unref?.()
  }

  /** The PTR query @libp2p/mdns would send, with an id of ours so we know it when it comes back. */
  private query (): void {
    const socket = this.socket
    if (socket == null) return
    const id = Math.floor(Math.random() * 0xffff) + 1
    this.ownQueryIds.add(id)
    if (this.ownQueryIds.size > 8) this.ownQueryIds.delete(this.ownQueryIds.values().next().value as number)
    socket.query({ id, questions: [{ name: SERVICE_TAG, type: 'PTR' }] })
    this.arm(this.schedule.queried(Date.now()))
  }

  /** Someone asked for all of us: the answers will reach us too, so our own query can wait a whole interval. */
  private onQuery (query: multicastDNS.QueryPacket): void {
    if (this.started == null || this.ownQueryIds.has(query.id)) return
    if (!query.questions.some(q => q.name === SERVICE_TAG && q.type === 'PTR')) return
    this.arm(this.schedule.queried(Date.now()))
  }

  /** An answer @libp2p/mdns heard (its TTL is always MDNS_RECORD_TTL_S). */
  private readonly onPeer = (evt: CustomEvent<PeerInfo>): void => {
    const { id, multiaddrs } = evt.detail
    if (id.equals(this.components.peerId)) return
    this.dispatchEvent(new CustomEvent<Sighting>('sighting', { detail: { id, multiaddrs, ttlMs: MDNS_RECORD_TTL_S * 1000 } }))
    this.dispatchEvent(new CustomEvent<PeerInfo>('peer', { detail: { id, multiaddrs } }))
  }
}

/** The service factory, for `createLibp2p({ services: { mdns: lanMdns() } })`. */
export function lanMdns (init: LanMdnsInit = {}): (components: LanMdnsComponents) => LanMdns {
  return (components) => new LanMdns(components, init)
}
