/**
 * The daemon's peers on its LAN segment: what mDNS answers (every answer, by
 * node/daemon/mdns.ts) keeps a connection to each peer on the segment, dialed
 * and redialed with backoff while it keeps answering (node/daemon/redial.ts);
 * at most one connection per pair is kept (node/daemon/connections.ts), and
 * a connection whose peer stops answering pings is dropped
 * (node/daemon/liveness.ts). With no index server those connections carry
 * presence, so every daemon on a segment sees every other one.
 *
 * Also: the addresses mDNS gives update the directory, peers known only from
 * mDNS are bounded in the peer store (MAX_MDNS_STRANGERS), and mDNS asks less
 * often while the index server is reachable.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { ConnectionDedup } from './connections.js'
import { Liveness } from './liveness.js'
import { MAX_MDNS_STRANGERS, MDNS_DIAL_TIMEOUT_MS } from './options.js'
import { Redial } from './redial.js'
import type { Directory } from '../directory/directory.js'
import type { LanMdns, Sighting } from './mdns.js'
import type { Connection, Libp2p, PeerId } from '@libp2p/interface'

export class LanPeers {
  /** when each peer last answered mDNS (for `lanchat doctor`) */
  readonly seen = new Map<string, number>()
  readonly dedup: ConnectionDedup
  private readonly libp2p: Libp2p
  private readonly mdns?: LanMdns
  private readonly directory: Directory
  private readonly redial: Redial
  private readonly liveness: Liveness

  /** `indexPeer` tells which connection is the index server's (its heartbeat watches it). */
  constructor (libp2p: Libp2p<{ ping: { ping(peer: PeerId, options?: { signal?: AbortSignal }): Promise<number> } }>, mdns: LanMdns | undefined, directory: Directory, indexPeer: () => PeerId | undefined) {
    this.libp2p = libp2p
    this.mdns = mdns
    this.directory = directory
    const self = libp2p.peerId.toString()
    this.dedup = new ConnectionDedup({ self, connections: peer => libp2p.getConnections(peer) })
    this.redial = new Redial({
      self,
      connected: id => libp2p.getConnections(peerIdFromString(id)).some(c => c.status === 'open'),
      dial: async (_, addrs) => { await libp2p.dial(addrs, { signal: AbortSignal.timeout(MDNS_DIAL_TIMEOUT_MS) }) }
    })
    this.liveness = new Liveness({
      connections: () => libp2p.getConnections(),
      skip: peer => indexPeer()?.equals(peer) === true,
      ping: async (c, options) => await libp2p.services.ping.ping(c.remotePeer, options)
    })
  }

  start (): void {
    this.libp2p.addEventListener('connection:open', this.onOpen)
    this.liveness.start()
    if (this.mdns == null) return
    this.mdns.addEventListener('sighting', this.onSighting)
    this.redial.start()
  }

  stop (): void {
    this.libp2p.removeEventListener('connection:open', this.onOpen)
    this.mdns?.removeEventListener('sighting', this.onSighting)
    this.redial.stop()
    this.liveness.stop()
  }

  /** While an index server is reachable mDNS asks less often (it only keeps the LAN mesh in repair then). */
  indexReachable (reachable: boolean): void {
    this.mdns?.setIndexReachable(reachable)
  }

  private readonly onOpen = (evt: CustomEvent<Connection>): void => {
    this.dedup.opened(evt.detail)
  }

  private readonly onSighting = (evt: Event): void => {
    const s = (evt as CustomEvent<Sighting>).detail
    const id = s.id.toString()
    this.seen.delete(id)
    if (s.ttlMs > 0) this.seen.set(id, Date.now())
    this.forgetStrangers()
    // an mDNS answer itself (not identify, not a dial) is what puts a peer on my segment
    if (s.ttlMs > 0) this.directory.seenOnLan(id, s.multiaddrs.map(String))
    this.redial.seen(s)
  }

  /**
   * An mDNS flood (many fake peers) must not grow the peer store without
   * bound: keep at most MAX_MDNS_STRANGERS peers that are neither contacts
   * nor connected, forgetting the one heard longest ago first.
   */
  private forgetStrangers (): void {
    const strangers = [...this.seen.keys()].filter(id => this.directory.byPeer(id) == null)
    for (const id of strangers.slice(0, Math.max(0, strangers.length - MAX_MDNS_STRANGERS))) {
      this.seen.delete(id)
      const peer = peerIdFromString(id)
      if (this.libp2p.getConnections(peer).length === 0) void this.libp2p.peerStore.delete(peer).catch(() => {})
    }
  }
}
