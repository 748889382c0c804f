/**
 * The relay client as the delivery chain's RelayPort (node/delivery/ports.ts):
 * the daemon wires it, so delivery knows no libp2p and the index client knows
 * no delivery.
 */
import { RelayRefusedError } from '../services/index-client/errors.js'
import { ackEnvelopes, ackExpired, deposit, depositShared, fetchEnvelopes, fetchExpired, refuseEnvelopes } from '../services/index-client/relay-client.js'
import type { RelayPort } from '../delivery/ports.js'
import type { Libp2p, PeerId } from '@libp2p/interface'

/** The relay as the delivery chain's RelayPort: every call goes to the index server this client is logged in to. */
export function relayPort (libp2p: Libp2p, index: { readonly connected: boolean, readonly indexPeerId?: PeerId }): RelayPort {
  const peer = (): PeerId => {
    const id = index.indexPeerId
    if (id == null) throw new RelayRefusedError('NOT_LOGGED_IN', 'no session with an index server')
    return id
  }
  return {
    available: () => index.connected && index.indexPeerId != null,
    deposit: async (envelope, options) => { await deposit(libp2p, peer(), envelope, options) },
    depositShared: async (shared, options) => await depositShared(libp2p, peer(), shared, options),
    fetch: async (max) => await fetchEnvelopes(libp2p, peer(), max),
    ack: async (ids) => { await ackEnvelopes(libp2p, peer(), ids) },
    refuse: async (ids) => { await refuseEnvelopes(libp2p, peer(), ids) },
    fetchExpired: async (max) => await fetchExpired(libp2p, peer(), max),
    ackExpired: async (ids) => { await ackExpired(libp2p, peer(), ids) }
  }
}
