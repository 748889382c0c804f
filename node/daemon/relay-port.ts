/**
 * The relay client as the delivery chain's RelayPort (node/delivery/ports.ts):
 * the daemon wires it, so delivery knows no libp2p and the index client knows
 * no delivery.
 */
import { RELAY_MAX_STREAMS } from '../../protocols/constants.js'
import { RelayRefusedError } from '../services/index-client/errors.js'
import { ackEnvelopes, ackExpired, deposit, depositShared, fetchEnvelopes, fetchExpired, refuseEnvelopes } from '../services/index-client/relay-client.js'
import type { RelayPort } from '../delivery/ports.js'
import type { Libp2p, PeerId } from '@libp2p/interface'

/** Deposits in flight at once: the index takes RELAY_MAX_STREAMS relay streams per connection, and fetches need one too. */
const DEPOSITS_AT_ONCE = RELAY_MAX_STREAMS - 1

/** Runs at most `n` of the functions given at once; the others wait their turn, in order. */
function limiter (n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: Array<() => void> = []
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>(resolve => { waiting.push(resolve) })
    running++
    try {
      return await fn()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}

/** The relay as the delivery chain's RelayPort: every call goes to the index server this client is logged in to. */
export function relayPort (libp2p: Libp2p, index: { readonly connected: boolean, readonly indexPeerId?: PeerId }): RelayPort {
  const peer = (): PeerId => {
    const id = index.indexPeerId
    if (id == null) throw new RelayRefusedError('NOT_LOGGED_IN', 'no session with an index server')
    return id
  }
  // deposits from many drains at once (a group's members) must not exceed the index's streams per connection
  const slots = limiter(DEPOSITS_AT_ONCE)
  return {
    available: () => index.connected && index.indexPeerId != null,
    deposit: async (envelope, options) => { await slots(async () => { await deposit(libp2p, peer(), envelope, options) }) },
    depositShared: async (shared, options) => await slots(async () => await depositShared(libp2p, peer(), shared, options)),
    fetch: async (max) => await fetchEnvelopes(libp2p, peer(), max),
    ack: async (ids) => { await ackEnvelopes(libp2p, peer(), ids) },
    refuse: async (ids) => { await refuseEnvelopes(libp2p, peer(), ids) },
    fetchExpired: async (max) => await fetchExpired(libp2p, peer(), max),
    ackExpired: async (ids) => { await ackExpired(libp2p, peer(), ids) }
  }
}
