/**
 * PeerIds on the wire are multihash bytes; these helpers turn untrusted
 * bytes into a PeerId without throwing anything but MalformedError.
 */
import { peerIdFromMultihash } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import * as Digest from 'multiformats/hashes/digest'
import { MAX_ADDR_BYTES, MAX_ADDRS } from '../constants.js'
import { MalformedError } from '../errors.js'
import type { PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export function peerIdFromBytes (bytes: Uint8Array): PeerId {
  try {
    const id = peerIdFromMultihash(Digest.decode(bytes))
    if (id.type !== 'Ed25519') throw new Error(`${id.type} keys are not used by lanchat`)
    return id
  } catch (err) {
    throw new MalformedError(`not a valid PeerId: ${(err as Error).message}`)
  }
}

export function peerIdToBytes (id: PeerId): Uint8Array<ArrayBuffer> {
  return id.toMultihash().bytes as Uint8Array<ArrayBuffer>
}

/** Decodes announced addresses, dropping any that are too long or do not parse. */
export function addrsFromBytes (list: Uint8Array[]): Multiaddr[] {
  const out: Multiaddr[] = []
  for (const bytes of list.slice(0, MAX_ADDRS)) {
    if (bytes.length > MAX_ADDR_BYTES) continue
    try {
      out.push(multiaddr(bytes))
    } catch {}
  }
  return out
}

export function addrsToBytes (list: Multiaddr[]): Array<Uint8Array<ArrayBuffer>> {
  return list.map(a => a.bytes as Uint8Array<ArrayBuffer>).filter(b => b.length <= MAX_ADDR_BYTES).slice(0, MAX_ADDRS)
}
