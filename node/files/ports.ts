/**
 * What the file transfer engine (transfers.ts) needs of the rest of the
 * daemon, each as a narrow port, so tests can drive it with two engines on
 * real libp2p nodes and stubs for the rest.
 */
import type { FileStore } from '../store/files.js'
import type { Uploads } from './uploads.js'
import type { DaemonEvent } from '../types.js'
import type { FilesService } from '../services/files/index.js'
import type { PeerId } from '@libp2p/interface'

/** The file protocol (node/services/files). */
export type FilesWire = Pick<FilesService, 'offer' | 'notice' | 'fetch'>

/** Who a person is and whether they can be reached now. */
export interface FilesPeers {
  /** a name or PeerId given by the person at the keyboard */
  resolve(who: string): { peerId: string, name: string } | undefined
  /** how a PeerId is shown */
  show(peerId: string): { name: string, verified: boolean }
  isOnline(peerId: string): boolean
  isBlocked(peerId: string): boolean
  /** someone offers files: a stranger becomes a request as when they write (false: blocked, or the requests are full) */
  learn(peerId: string, claimedName: string): boolean
}

/** The groups I am in, as far as offering files to one goes (each member gets the offer). */
export interface FilesGroups {
  /** a named group I am a member of: its name and its members (me left out); throws UnknownGroupError / GroupMemberError */
  members(group: string): { name: string, members: Array<{ peerId: string, name: string }> }
}

export interface FileTransfersDeps {
  self: PeerId
  selfName(): string
  wire: FilesWire
  peers: FilesPeers
  store: FileStore
  /** the profile's downloads folder: where accepted files land unless `accept --to DIR` */
  downloads: string
  emit(event: DaemonEvent): void
  /** named groups (node/groups): offering to a group offers to each member; none: groups are refused */
  groups?: FilesGroups
  /** staging folders of files uploaded by the web client (uploads.ts); none: uploads are refused */
  uploads?: Uploads
  /** limits for offers made and taken */
  maxOfferFiles?: number
  maxOfferBytes?: number
}
