/**
 * The directory's words on the wire and from people: presence status to
 * and from the protobuf enum, PeerId bytes to a string, and whether a text a
 * person typed is a PeerId.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { Status } from '../../protocols/directory/pb/directory.js'
import { peerIdFromBytes } from '../../protocols/shared/peer-ids.js'
import type { PresenceStatus } from '../types.js'

export function statusFromWire (s: Status | string): PresenceStatus {
  switch (s) {
    case Status.ONLINE: return 'online'
    case Status.AWAY: return 'away'
    case Status.BUSY: return 'busy'
    default: return 'offline'
  }
}

export function statusToWire (s: PresenceStatus): Status {
  switch (s) {
    case 'online': return Status.ONLINE
    case 'away': return Status.AWAY
    case 'busy': return Status.BUSY
    default: return Status.OFFLINE
  }
}

export function peerIdString (bytes: Uint8Array): string | undefined {
  try {
    return peerIdFromBytes(bytes).toString()
  } catch {
    return undefined
  }
}

/** The PeerId in canonical form when `text` is one, else undefined. */
export function asPeerId (text: string): string | undefined {
  if (!/^(12D3Koo|Qm|16Uiu2)[1-9A-HJ-NP-Za-km-z]{30,60}$/.test(text)) return undefined
  try {
    return peerIdFromString(text).toString()
  } catch {
    return undefined
  }
}

