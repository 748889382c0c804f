/**
 * One logged-in user: the index stream is the session. Frames to the user go
 * through {@link Session.send}, which refuses to queue without bound behind a
 * reader that does not keep up.
 */
import { encodeFrame } from '../protocols/frames.js'
import { IndexFrame, Status } from '../protocols/directory/pb/directory.js'
import { MAX_SESSION_WRITE_BUFFER_BYTES } from './options.js'
import type { User } from '../protocols/directory/pb/directory.js'
import type { Connection, Stream } from '@libp2p/interface'

export interface SessionInit {
  peerId: string
  peerIdBytes: Uint8Array<ArrayBuffer>
  name: string
  addrs: Array<Uint8Array<ArrayBuffer>>
  status: Status
  statusText: string
  stream: Stream
  connection: Connection
  now: number
}

export class Session {
  readonly peerId: string
  readonly peerIdBytes: Uint8Array<ArrayBuffer>
  readonly name: string
  readonly stream: Stream
  readonly connection: Connection
  addrs: Array<Uint8Array<ArrayBuffer>>
  status: Status
  statusText: string
  /** when the client last echoed a heartbeat (or logged in) */
  lastEcho: number
  /** a Goodbye arrived: the close that follows is a clean logout */
  saidGoodbye = false
  /** the session is over (ended, or replaced by a newer one of the same peer) */
  ended = false
  /** when the last snapshot went out (at login, or answering Resync) */
  snapshotAt = 0
  /** a Resync that came too soon after the last snapshot, waiting its turn */
  resyncTimer?: ReturnType<typeof setTimeout>

  constructor (init: SessionInit) {
    this.peerId = init.peerId
    // copies: the given bytes are views into the decrypted chunk they came in (a 64 KiB
    // buffer), which a session kept for hours would keep alive (~40 KiB per peer measured)
    this.peerIdBytes = init.peerIdBytes.slice()
    this.name = init.name
    this.addrs = init.addrs.map(a => a.slice())
    this.status = init.status
    this.statusText = init.statusText
    this.stream = init.stream
    this.connection = init.connection
    this.lastEcho = init.now
  }

  toUser (now: number): User {
    return { name: this.name, peerId: this.peerIdBytes, addrs: this.addrs, status: this.status, statusText: this.statusText, lastSeen: now }
  }

  /** Sends pre-encoded frame bytes; false when the session is closed or too far behind (the caller ends it). */
  sendBytes (bytes: Uint8Array): boolean {
    if (this.ended || this.stream.writeStatus !== 'writable') return false
    if (this.stream.writeBufferLength > MAX_SESSION_WRITE_BUFFER_BYTES) return false
    try {
      this.stream.send(bytes)
      return true
    } catch {
      return false
    }
  }

  send (frame: IndexFrame): boolean {
    return this.sendBytes(encodeFrame(IndexFrame, frame))
  }
}

export { Status }
