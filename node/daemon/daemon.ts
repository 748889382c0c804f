/**
 * The peer daemon: one libp2p node (TCP, Noise, yamux, identify, ping, chat,
 * presence, mDNS) plus the index client, the delivery chain, the profile
 * database and the local API. It implements {@link DaemonApi}, which is all
 * the HTTP API and the CLI see.
 *
 * @example
 * ```ts
 * const daemon = await Daemon.create({ profileDir: '/tmp/alice', name: 'alice', index: { host: '127.0.0.1', port: 47470 }, mdns: false })
 * await daemon.start()
 * await daemon.send('bob', 'hello')
 * await daemon.stop()
 * ```
 */
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { peerIdFromString } from '@libp2p/peer-id'
import { cleanStatusText, nameProblem, statusTextProblem } from '../../protocols/names.js'
import { Delivery } from '../delivery/delivery.js'
import { hitToApi } from '../delivery/view.js'
import { FileTransfers } from '../files/transfers.js'
import { Uploads } from '../files/uploads.js'
import { filesApi } from '../files/api.js'
import { FileStore } from '../store/files.js'
import { StatusTextError } from '../directory/errors.js'
import { Directory } from '../directory/directory.js'
import { statusFromWire, statusToWire } from '../directory/wire.js'
import type { IndexClient } from '../services/index-client/client.js'
import { serveGroupProtocol } from '../groups/exchange.js'
import type { Groups } from '../groups/groups.js'
import { ContactStore } from '../store/contacts.js'
import { openProfileDatabase, settingsStore } from '../store/db.js'
import { MessageStore } from '../store/messages.js'
import { SearchIndex } from '../store/search.js'
import { DEFAULT_SEARCH_LIMIT } from '../store/search-limits.js'
import { daemonGroups } from './group-ports.js'
import { runDoctor } from './doctor.js'
import { followIndex } from './follow-index.js'
import { indexLink } from './index-link.js'
import { LanPeers } from './lan-peers.js'
import { feedPeerStore } from './peer-addrs.js'
import { People } from './people.js'
import { createDaemonNode, usesMdns } from './node.js'
import { AGENT, VERSION } from './options.js'
import { openProfile } from './profile.js'
import { relayPort } from './relay-port.js'
import { filesGroups, filesPeers } from './files-peers.js'
import type { DaemonNode, Gate } from './node.js'
import type { DaemonInit } from './options.js'
import type { Profile } from './profile.js'
import type { Settings } from '../store/db.js'
import type { FilesApi } from '../types.js'
import type { ChatMessage, Contact, ContactList, DaemonApi, DaemonEvent, DaemonStatus, DoctorReport, GroupChange, GroupInfo, GroupMessage, GroupSendResult, SearchRequest, SearchResult, SendResult, SettableStatus } from '../types.js'
import type { DatabaseSync } from 'node:sqlite'

/** Thrown when the daemon cannot start for a reason the person can fix. */
export class DaemonStartError extends Error {
  static name = 'DaemonStartError'
  name = 'DaemonStartError'
}

export interface DaemonEvents {
  event: [DaemonEvent]
  /** the daemon cannot go on (e.g. the index server refused the name) */
  fatal: [Error]
  /** a plain operational line for stderr */
  notice: [string]
}

export class Daemon extends EventEmitter<DaemonEvents> implements DaemonApi {
  readonly profile: Profile
  readonly libp2p: DaemonNode
  readonly messages: MessageStore
  private readonly searchIndex: SearchIndex
  readonly directory: Directory
  readonly index: IndexClient
  readonly delivery: Delivery
  readonly namedGroups: Groups
  private readonly init: DaemonInit
  private readonly db: DatabaseSync
  private readonly settings: Settings
  private name: string
  private myStatus: SettableStatus
  private myText: string
  private readonly mdnsEnabled: boolean
  /** mDNS, the mesh of connections on the LAN segment, one connection per pair */
  private readonly lan: LanPeers
  private readonly people: People
  /** file transfers both ways (node/files/) */
  private readonly transfers: FileTransfers
  /** what the API and the CLI see of them */
  readonly files: FilesApi

  private constructor (init: DaemonInit, profile: Profile, db: DatabaseSync, libp2p: DaemonNode, name: string, gate: Gate) {
    super()
    this.setMaxListeners(100)
    this.init = init
    this.profile = profile
    this.db = db
    this.libp2p = libp2p
    this.settings = settingsStore(db)
    this.name = name
    this.mdnsEnabled = usesMdns(init)
    this.myStatus = (this.settings.get('status') as SettableStatus | undefined) ?? 'online'
    this.myText = this.settings.get('status_text') ?? ''
    this.messages = new MessageStore(db)
    this.searchIndex = new SearchIndex(db)
    this.directory = new Directory(new ContactStore(db), libp2p.peerId.toString(), () => this.name)
    gate.blocked = (peerId) => this.directory.isBlocked(peerId)
    this.lan = new LanPeers(libp2p, libp2p.services.mdns, this.directory, () => this.index.indexPeerId)
    this.index = indexLink(libp2p, profile.key, init, name, this.settings, { status: statusToWire(this.myStatus), statusText: this.myText }, line => { this.emit('notice', line) })
    const relay = relayPort(libp2p, this.index)
    const emit = (event: DaemonEvent): void => {
      if (event.type === 'warning') this.warn(event.text)
      else this.emit('event', event)
    }
    this.delivery = new Delivery({
      self: libp2p.peerId,
      key: profile.key,
      selfName: () => this.name,
      messages: this.messages,
      directory: this.directory,
      chat: libp2p.services.chat,
      relay,
      emit,
      groupRelayed: async (env) => await this.namedGroups.onRelayed(env.payload)
    })
    this.namedGroups = daemonGroups({
      node: libp2p, key: profile.key, db, directory: this.directory, messages: this.messages, relay, selfName: () => this.name,
      payReceipts: peerId => { this.delivery.payReceipts(peerId) }, emit, fanoutMax: init.groupFanoutMax
    })
    this.people = new People({ directory: this.directory, messages: this.messages, node: libp2p, emit: (event) => { this.emit('event', event) } })
    const uploads = new Uploads(join(profile.dir, 'uploads'))
    this.transfers = new FileTransfers({
      self: libp2p.peerId,
      selfName: () => this.name,
      wire: libp2p.services.files,
      peers: filesPeers(this.directory),
      store: new FileStore(db),
      downloads: init.downloads ?? join(profile.dir, 'downloads'),
      uploads,
      groups: filesGroups(this.namedGroups, libp2p.peerId.toString()),
      emit: (event) => { this.emit('event', event) },
      maxOfferFiles: init.maxOfferFiles,
      maxOfferBytes: init.maxOfferBytes
    })
    this.files = filesApi(this.transfers, uploads)
    this.wire()
  }

  /** Opens the profile and builds the (unstarted) node. */
  static async create (init: DaemonInit): Promise<Daemon> {
    const profile = await openProfile(init.profileDir)
    let db: DatabaseSync | undefined
    try {
      db = openProfileDatabase(profile.dir, line => { process.stderr.write(`lanchat: ${line}\n`) })
      const settings = settingsStore(db)
      const name = init.name ?? settings.get('name')
      if (name == null) throw new DaemonStartError('this profile has no name yet; start it once with --name NAME')
      // a name this profile already uses was accepted before (perhaps under older rules): the index server decides about it
      const problem = name === settings.get('name') ? undefined : nameProblem(name)
      if (problem != null) throw new DaemonStartError(`the name "${name}" cannot be used: ${problem}`)
      settings.set('name', name)
      const gate: Gate = { blocked: () => false }
      const libp2p = await createDaemonNode(init, profile.key, gate)
      return new Daemon(init, profile, db, libp2p, name, gate)
    } catch (err) {
      db?.close()
      profile.release()
      throw err
    }
  }

  private wire (): void {
    const { chat: chatService, presence: presenceService } = this.libp2p.services
    const delivery = this.delivery.chatHandlers()
    chatService.setHandlers({
      ...delivery,
      // a group item rides the chat stream as a message with `group` and `item` set: the groups take it
      onMessage: (peer, message) => message.group !== '' && message.item.length > 0 ? this.namedGroups.onChatItem(peer.toString(), message) : delivery.onMessage(peer, message),
      onAck: (peer, ack) => { delivery.onAck(peer, ack); this.namedGroups.onAck(peer.toString(), ack.id, ack.status) },
      onReceipt: (peer, ids) => { delivery.onReceipt(peer, ids); this.namedGroups.onReceipt(peer.toString(), ids) },
      onChannel: (peer) => { delivery.onChannel(peer); void this.namedGroups.peerOnline(peer.toString()) },
      onTyping: (peer, on, group) => {
        if (group !== '') { this.namedGroups.onTyping(peer.toString(), group, on); return }
        const person = this.directory.byPeer(peer.toString())
        if (person != null && !person.blocked) this.emit('event', { type: 'typing', name: this.directory.show(person).name, peerId: person.peerId, verified: person.verified, on })
      }
    })
    presenceService.setHandlers({
      onPresence: (peer, p) => { this.directory.applyPresence(peer.toString(), p.name, statusFromWire(p.status), p.statusText) },
      onGone: (peer) => { this.directory.presenceGone(peer.toString()) }
    })
    const unread = (): Map<string, number> => this.messages.unreadByPeer()
    this.directory.on('change', (person) => {
      this.emit('event', { type: 'presence', contact: this.directory.contact(person, unread().get(person.peerId) ?? 0) })
    })
    this.directory.on('online', (person) => {
      this.delivery.peerOnline(person.peerId)
      void this.namedGroups.peerOnline(person.peerId)
      this.transfers.kick(person.peerId)
    })
    this.index.on('connected', () => { this.namedGroups.indexUp() })
    this.libp2p.services.files.setHandlers(this.transfers.handlers())
    this.directory.on('warning', (text) => { this.warn(text) })

    followIndex({
      index: this.index,
      node: this.libp2p,
      directory: this.directory,
      delivery: this.delivery,
      lan: this.lan,
      target: this.init.index,
      myName: () => this.name,
      pinnedIndex: () => this.settings.get('index_peer_id'),
      notice: (line) => { this.emit('notice', line) },
      warn: (text) => { this.warn(text) },
      emit: (event) => { this.emit('event', event) },
      fatal: (message) => { this.emit('fatal', new DaemonStartError(message)) }
    })
  }

  /** A warning for the person: on stderr and to local clients. */
  private warn (text: string): void {
    this.emit('notice', `warning: ${text}`)
    this.emit('event', { type: 'warning', text })
  }

  async start (): Promise<void> {
    this.lan.start()
    await this.libp2p.start()
    // the addresses the profile kept, before the outbox and the group fan-out try them
    await feedPeerStore(this.libp2p.peerStore, this.directory)
    this.libp2p.services.presence.setSelf({ name: this.name, status: statusToWire(this.myStatus), statusText: this.myText })
    this.delivery.start()
    await serveGroupProtocol(this.libp2p, (request, from) => this.namedGroups.answer(request, from))
    this.namedGroups.start()
    this.transfers.start()
    this.index.start()
  }

  async stop (): Promise<void> {
    await this.index.stop()
    await this.delivery.stop()
    await this.namedGroups.stop()
    await this.transfers.stop()
    this.lan.stop()
    await this.libp2p.stop()
    this.messages.writeStates()
    this.db.close()
    this.profile.release()
  }

  // ---------------------------------------------------------------- DaemonApi

  status (): DaemonStatus {
    const index = this.init.index
    return {
      name: this.name,
      peerId: this.libp2p.peerId.toString(),
      status: this.myStatus,
      statusText: this.myText,
      listen: this.libp2p.getMultiaddrs().map(String),
      index: {
        address: index != null ? `${index.host}:${index.port}` : null,
        connected: this.index.connected,
        peerId: this.index.indexPeerId?.toString() ?? null
      },
      queued: this.messages.queuedCount(),
      version: VERSION
    }
  }

  contacts (list: ContactList = 'people'): Contact[] {
    return this.directory.contacts(this.messages.unreadByPeer(), list)
  }

  async send (to: string, body: string): Promise<SendResult> {
    return await this.delivery.send(to, body)
  }

  async resend (id: string): Promise<SendResult> {
    return await this.delivery.resend(id)
  }

  block (who: string): Contact {
    return this.people.block(who)
  }

  unblock (who: string): Contact {
    return this.people.unblock(who)
  }

  forget (who: string): { peerId: string, messages: number } {
    return this.people.forget(who)
  }

  history (name: string, opts: { limit?: number, before?: number } = {}): ChatMessage[] {
    return this.messages.history(this.people.person(name).peerId, opts.limit ?? 100, opts.before).map(m => this.delivery.view(m))
  }

  search (request: SearchRequest): SearchResult[] {
    const peerId = request.with != null ? this.people.person(request.with).peerId : undefined
    // --group: that group's posts; --with: that conversation; neither: both, newest first
    const posts = request.with == null ? this.namedGroups.search({ text: request.text, group: request.group, before: request.before, after: request.after, limit: request.limit }) : []
    if (request.group != null) return posts
    const messages = this.messageHits(request, peerId)
    return [...messages, ...posts].sort((a, b) => b.sentAt - a.sentAt).slice(0, request.limit ?? DEFAULT_SEARCH_LIMIT)
  }

  private messageHits (request: SearchRequest, peerId: string | undefined): SearchResult[] {
    const hits = this.searchIndex.search({ text: request.text, peerId, before: request.before, after: request.after, limit: request.limit })
    return hits.map(h => hitToApi(this.directory, h))
  }

  markRead (name: string, ids?: string[]): number {
    return this.delivery.markRead(this.people.person(name).peerId, ids)
  }

  typing (name: string, on: boolean): void {
    const { peerId, blocked } = this.people.person(name)
    if (blocked || !this.directory.isOnline(peerId)) return
    void this.libp2p.services.chat.sendTyping(peerIdFromString(peerId), on).catch(() => {})
  }

  setStatus (status: SettableStatus, text?: string): DaemonStatus {
    const problem = text == null ? undefined : statusTextProblem(text)
    if (problem != null) throw new StatusTextError(problem)
    this.myStatus = status
    // what everyone else will see (control characters become spaces), so I see the same
    if (text != null) this.myText = cleanStatusText(text)
    this.settings.set('status', status)
    this.settings.set('status_text', this.myText)
    this.index.setPresence({ status: statusToWire(status), statusText: this.myText })
    this.libp2p.services.presence.setSelf({ name: this.name, status: statusToWire(status), statusText: this.myText })
    const now = this.status()
    this.emit('event', { type: 'status', status: now })
    return now
  }

  async doctor (name?: string): Promise<DoctorReport> {
    return await runDoctor({
      libp2p: this.libp2p,
      index: this.index,
      indexTarget: this.init.index,
      name: this.name,
      agent: AGENT,
      directory: this.directory,
      mdnsEnabled: this.mdnsEnabled,
      mdnsSeen: this.lan.seen,
      pinnedIndex: this.settings.get('index_peer_id')
    }, name)
  }

  // ---------------------------------------------------------------- groups (node/groups/groups.ts)

  groups (): GroupInfo[] { return this.namedGroups.list() }
  group (group: string): GroupInfo { return this.namedGroups.info(group) }
  createGroup (name: string, members: string[]): GroupInfo { return this.namedGroups.create(name, members) }
  changeGroup (group: string, change: GroupChange): GroupInfo { return this.namedGroups.change(group, change) }
  async sendGroup (group: string, body: string): Promise<GroupSendResult> { return await this.namedGroups.send(group, body) }
  groupHistory (group: string, opts: { limit?: number, before?: number } = {}): GroupMessage[] { return this.namedGroups.history(group, opts) }
  markGroupRead (group: string, ids?: string[]): number { return this.namedGroups.markRead(group, ids) }
  groupTyping (group: string, on: boolean): void { this.namedGroups.typing(group, on) }

  subscribe (listener: (event: DaemonEvent) => void): () => void {
    this.on('event', listener)
    return () => { this.off('event', listener) }
  }
}
