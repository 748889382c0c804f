/**
 * The daemon as its local API and CLI see it: plain data types and the
 * {@link DaemonApi} facade. The HTTP API (node/api/) is built on this
 * interface only, so it can be tested with a stub and the daemon core can
 * change behind it.
 */

/** A person's presence as shown to others. "offline" is never set by a user. */
export type PresenceStatus = 'online' | 'away' | 'busy' | 'offline'

/** What a user may set with `lanchat status`. */
export type SettableStatus = 'online' | 'away' | 'busy'

/**
 * Where a message stands.
 * Outgoing: queued (in the local outbox) -> relayed (stored at the index server)
 * -> delivered (in the recipient's history) -> read (the recipient saw it);
 * or relayed -> expired (the index server dropped it before the recipient took
 * it, see ExpiryReason; send it again to try once more).
 * Incoming: received -> read (I saw it and a read receipt went back).
 */
export type MessageState = 'queued' | 'relayed' | 'expired' | 'delivered' | 'read' | 'received'

/**
 * Why a relayed message expired: it waited longer than the relay keeps
 * anything (retention), an administrator released the recipient's name
 * (released), or the recipient's daemon could not accept it (refused).
 */
export type ExpiryReason = 'retention' | 'released' | 'refused'

/**
 * How far I trust a person: verified (the index server binds their name to
 * their key), lan (found by mDNS on my segment; name unverified), accepted
 * (a stranger I wrote to), request (a stranger who only wrote to me),
 * blocked. The first three make the people list.
 */
export type Trust = 'verified' | 'lan' | 'accepted' | 'request' | 'blocked'

/** Which list of people: GET /api/contacts?list=... (`all`: the three together) */
export type ContactList = 'people' | 'requests' | 'blocked' | 'all'

export interface Contact {
  /**
   * The name to show and to address them by. A verified person's registered
   * name; anyone else's own name only when it follows the name rules and
   * looks like nobody's with a better claim; otherwise "unverified-" and the
   * end of the PeerId. Unique among everyone the daemon knows.
   */
  name: string
  /** the identity: what the person really is, whatever the name */
  peerId: string
  online: boolean
  status: PresenceStatus
  statusText: string
  /** false when the name was learned only from mDNS/direct presence and never confirmed by the index server */
  verified: boolean
  trust: Trust
  /** the name this person gives itself, when it follows the name rules ('' otherwise); differs from `name` when that name is someone else's */
  claimedName: string
  /** ms since epoch when last seen online, 0 if never */
  lastSeen: number
  /** incoming messages not yet read */
  unread: number
}

export interface ChatMessage {
  id: string
  /** the sender's shown name (see Contact.name) */
  from: string
  /** the recipient's shown name */
  to: string
  body: string
  /**
   * ms since epoch, the sender's clock, but never later than the message
   * arrived here nor more than MAX_BACKDATE_MS (8 days) before that: a sender
   * cannot bury a message years back in my history
   */
  sentAt: number
  state: MessageState
  direction: 'in' | 'out'
  /** the other person of the conversation: the sender of an incoming message, the recipient of mine */
  peerId: string
  /** whether that person's name is verified by the index server now */
  verified: boolean
  /** ms since epoch when this daemon stored the message (incoming: when it arrived) */
  receivedAt: number
  /** why it expired (only on state "expired") */
  reason?: ExpiryReason
}

export interface DaemonStatus {
  name: string
  peerId: string
  status: SettableStatus
  statusText: string
  /** libp2p listen multiaddrs */
  listen: string[]
  index: {
    /** HOST:PORT the daemon logs in to, or null when it looks by broadcast */
    address: string | null
    connected: boolean
    peerId: string | null
  }
  /** messages waiting in the outbox */
  queued: number
  version: string
}

/** Realtime events for the API's event stream (CLI `chat`, web UI). */
export type DaemonEvent =
  | { type: 'message', message: ChatMessage }
  | { type: 'state', id: string, peer: string, peerId: string, state: MessageState, reason?: ExpiryReason }
  /** someone's presence, name or trust changed (also for requests and blocked ones: `contact.trust` says which list) */
  | { type: 'presence', contact: Contact }
  /** someone started or stopped typing to me, or (with `group`, a group id) in a group of mine */
  | { type: 'typing', name: string, peerId: string, verified: boolean, on: boolean, group?: string }
  | { type: 'index', connected: boolean }
  | { type: 'status', status: DaemonStatus }
  /** a person and the conversation with them were forgotten (lanchat forget) */
  | { type: 'forgotten', peerId: string }
  /** something a person should know: a dropped forged message, a changed identity */
  | { type: 'warning', text: string }
  /** a file transfer was offered (either way) or changed state */
  | { type: 'file', transfer: FileTransfer }
  /** bytes moved on an active transfer (at most a few times a second per transfer) */
  | { type: 'file-progress', id: string, direction: 'in' | 'out', peerId: string, bytesDone: number, size: number, bytesPerSecond: number }
  /** a group I am (or was) in changed: created, members, admins, name; `group.member` false once I left or was removed */
  | { type: 'group', group: GroupInfo }
  /** a post in a group: mine (as sent) or someone's (as stored) */
  | { type: 'group-message', message: GroupMessage }
  /** one of my posts moved forward at a member */
  | { type: 'group-state', progress: GroupProgress }

/** What GET /api/search and `lanchat search` take. */
export interface SearchRequest {
  /** the words to find (all of them), or a "phrase in quotes" */
  text: string
  /** only the conversation with this person (shown name or PeerId) */
  with?: string
  /** only this group's conversation */
  group?: string
  /** ms since epoch: only messages sent before / after */
  before?: number
  after?: number
  limit?: number
}

/** One message that matched a search. */
export interface SearchResult {
  id: string
  /** the conversation it is in: the other person's shown name */
  conversation: string
  /** that person's PeerId */
  peerId: string
  /** who wrote it (shown name) */
  from: string
  direction: 'in' | 'out'
  sentAt: number
  body: string
  /** an excerpt of the body around the first match */
  snippet: string
  /** where the matches are in `snippet`: [start, end) string offsets */
  matches: Array<[number, number]>
  /** set on a post in a group: the group's id (`conversation` is then the group's name and `peerId` the sender's) */
  groupId?: string
}

/** A group as `lanchat groups --json` and GET /api/groups show it. */
export interface GroupInfo {
  /** 32 hex characters (\`everyone\` for the everyone room) */
  id: string
  name: string
  /** shown names, in the record's order */
  members: string[]
  admins: string[]
  /** the record's version: 1 when created, +1 per change */
  version: number
  memberPeerIds: string[]
  adminPeerIds: string[]
  /** I am a member now (false: I left or was removed; the history stays) */
  member: boolean
  /** incoming posts not yet read */
  unread: number
}

/** One post of a group's history. */
export interface GroupMessage {
  id: string
  /** the sender's shown name */
  from: string
  /** the group's name */
  group: string
  groupId: string
  body: string
  /** the sender's clock, ms (an incoming one clamped as a 1:1 message's) */
  sentAt: number
  /** mine: queued | relayed | delivered (all current members have it) | read (all read it); theirs: received | read */
  state: MessageState
  direction: 'in' | 'out'
  /** the sender's PeerId */
  peerId: string
  /** ms since epoch when this daemon stored it */
  receivedAt: number
  /** mine, in a history: how far it got, member by member (as the latest `group-state` event) */
  progress?: GroupProgress
}

/** Where one of my posts is, member by member. */
export interface GroupProgress {
  id: string
  group: string
  groupId: string
  state: MessageState
  /** the members it is for (everyone but me, as they were when I sent it, less those who left since) */
  members: number
  delivered: number
  read: number
  perMember: Array<{ name: string, peerId: string, state: 'queued' | 'relayed' | 'delivered' | 'read' }>
}

/** What `lanchat send --group` and POST /api/groups/messages answer. */
export interface GroupSendResult {
  id: string
  state: MessageState
  members: number
  delivered: number
}

export interface SendResult {
  id: string
  state: MessageState
}

/** One step of `lanchat doctor`: what was checked, what was found, what to do. */
export interface DoctorCheck {
  /** what was checked, e.g. "index server over UDP" */
  check: string
  /** ok; fail (this breaks chat); warn (may break it); skip (could not be checked) */
  result: 'ok' | 'fail' | 'warn' | 'skip'
  /** what was found, in plain words */
  detail: string
  /** what to do about a fail or warn */
  fix?: string
}

export interface DoctorReport {
  /** the person checked, or null for the index server and this computer */
  target: string | null
  checks: DoctorCheck[]
  /** true when no check failed */
  ok: boolean
}

/**
 * Where a file transfer stands. Outgoing: pending (the person is offline: the
 * offer waits on this computer) -> offered -> sending (paused while the link
 * is down or either daemon restarts) -> done; or rejected, cancelled, failed.
 * Incoming: offered -> accepted (waiting for the sender to be reachable) ->
 * receiving (paused likewise) -> done; or rejected, cancelled, failed.
 */
export type FileState = 'offered' | 'pending' | 'accepted' | 'sending' | 'receiving' | 'paused' | 'done' | 'rejected' | 'cancelled' | 'failed'

/** One file of a transfer. */
export interface TransferFile {
  /** its relative path in the transfer ("photos/2026/a.jpg"), as sent (outgoing) or as it lands (incoming, sanitised) */
  name: string
  size: number
  /** waiting; done (arrived, verified, in place / sent and confirmed); skipped (the receiver already had it) */
  state: 'waiting' | 'done' | 'skipped'
  /** incoming and done: where it landed, relative to `dir` (differs from `name` when a file of that name was there already) */
  path?: string
}

/** A file transfer as the API, the CLI and the web client see it. */
export interface FileTransfer {
  id: string
  direction: 'in' | 'out'
  /** the other person's shown name */
  peer: string
  peerId: string
  /** whether that name is verified by the index server */
  verified: boolean
  files: TransferFile[]
  /** bytes of all files */
  size: number
  /** bytes verified at the receiver (incoming) or sent (outgoing), skipped files included */
  bytesDone: number
  state: FileState
  /** why it is paused, rejected, cancelled or failed: a code (e.g. offline, link_lost, disk_full, corrupt, changed, by_sender, by_receiver, too_large) */
  reason?: string
  /** the same in words a person can read */
  detail?: string
  /** incoming: the folder the files land in */
  dir?: string
  /** ms since epoch */
  createdAt: number
  updatedAt: number
  /** while moving: recent bytes per second */
  bytesPerSecond?: number
  /** outgoing: file bytes this daemon put on the wire for it since the daemon started (a resumed transfer sends only what the receiver lacks) */
  bytesSent?: number
}

/** What offering files to a group answers: one transfer per member. */
export interface GroupFileOffer {
  group: string
  transfers: Array<{ id: string, peer: string, peerId: string, state: FileState }>
}

/** What the file API takes and answers (the daemon's FileTransfers, node/files/transfers.ts, implements it). */
export interface FilesApi {
  /** offers files and folders (paths on this computer, or with `upload` what the web client uploaded) to a person; resolves once the offer was made (offered) or waits for them (pending) */
  send(to: string, paths: string[], opts?: { upload?: string }): Promise<{ id: string, state: FileState }>
  /** offers the same files to each member of a named group (me left out): one transfer per member */
  sendToGroup(group: string, paths: string[], opts?: { upload?: string }): Promise<GroupFileOffer>
  /** every transfer, newest first */
  list(): FileTransfer[]
  get(id: string): FileTransfer
  /** accepts an incoming offer (into `dir`, default the downloads folder); also resumes one paused by a full disk */
  accept(id: string, dir?: string): Promise<FileTransfer>
  reject(id: string): Promise<FileTransfer>
  /** stops a transfer either way; the other side is told */
  cancel(id: string): Promise<FileTransfer>
  /** files from this person are accepted without asking (or not) */
  trust(who: string, files: boolean): { peerId: string, name: string, files: boolean }
  /** opens the folder a received transfer landed in on the desktop, when there is one; says where it is either way */
  open(id: string): Promise<{ path: string, opened: boolean, why?: string }>
  /** a staging folder for files the web client uploads to offer them */
  createUpload(): Promise<{ id: string }>
  /** writes one uploaded file at its relative path in the staging folder */
  putUpload(id: string, path: string, body: AsyncIterable<Uint8Array>): Promise<{ path: string, size: number }>
}

/** Thrown by DaemonApi methods for a caller's mistake; `status` is the HTTP status to answer with. */
export class ApiError extends Error {
  static name = 'ApiError'
  name = 'ApiError'
  readonly status: number
  readonly code: string
  constructor (status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** A change to a named group (lanchat group add|remove|admin|rename|leave). */
export type GroupChange =
  | { action: 'add' | 'remove' | 'admin', people: string[] }
  | { action: 'rename', name: string }
  | { action: 'leave' }

/** Named groups, as local clients use them; a group is named by its name or id. Domain errors: node/groups/errors.ts. */
export interface GroupsApi {
  /** the groups I am in, by name */
  groups(): GroupInfo[]
  /** one group (also one I left), with its members */
  group(group: string): GroupInfo
  /** creates a group with me as its admin and these people (shown names or PeerIds) */
  createGroup(name: string, members: string[]): GroupInfo
  changeGroup(group: string, change: GroupChange): GroupInfo
  /** commits my post for every other member, answers with the state reached within a short deadline */
  sendGroup(group: string, body: string): Promise<GroupSendResult>
  /** the group's history, oldest first; at most `limit` (the newest ones) */
  groupHistory(group: string, opts?: { limit?: number, before?: number }): GroupMessage[]
  /** marks posts read (all, or `ids`) and sends read receipts to their senders; returns how many changed */
  markGroupRead(group: string, ids?: string[]): number
  /** tells the group's online members that I am (not) typing (groups above the fan-out limit: nobody, for now) */
  groupTyping(group: string, on: boolean): void
}

export interface DaemonApi extends GroupsApi {
  status(): DaemonStatus
  /** one list of people the daemon knows (default: the people list), online first, then by name */
  contacts(list?: ContactList): Contact[]
  /**
   * Commits the message to the outbox, then tries direct -> relay. Resolves
   * with the state reached within a short deadline (delivery continues in
   * the background). Throws ApiError 404 unknown contact, 413 body too large,
   * 400 empty body.
   */
  send(to: string, body: string): Promise<SendResult>
  /** sends a new message with the text of one of mine (e.g. one that expired) to the same person; 404 for an id that is not mine */
  resend(id: string): Promise<SendResult>
  /** blocks a person (by shown name or PeerId, known or not): nothing from them is shown, stored or connected */
  block(who: string): Contact
  /** unblocks a person blocked before */
  unblock(who: string): Contact
  /** drops a person who is not verified, and the whole conversation with them; returns how many messages went */
  forget(who: string): { peerId: string, messages: number }
  /** conversation with `name`, oldest first; at most `limit` (the newest ones) */
  history(name: string, opts?: { limit?: number, before?: number }): ChatMessage[]
  /** messages that contain every word of the query, newest first (ApiError 400 for a query that cannot be searched) */
  search(request: SearchRequest): SearchResult[]
  /** marks incoming messages from `name` read (all, or `ids`) and sends read receipts; returns how many changed */
  markRead(name: string, ids?: string[]): number
  /** tells `name` that I am (not) typing */
  typing(name: string, on: boolean): void
  setStatus(status: SettableStatus, text?: string): DaemonStatus
  /** checks, in order, why I (or `name`) cannot be reached: index, addresses, TCP, Noise, round trip, mDNS */
  doctor(name?: string): Promise<DoctorReport>
  /** subscribe to realtime events; returns an unsubscribe function */
  subscribe(listener: (event: DaemonEvent) => void): () => void
  /** file transfers (issue 16) */
  readonly files: FilesApi
}
