/**
 * Client side of the relay protocol: deposit an envelope for someone offline,
 * fetch what waits for me, ack what I stored. One stream per exchange, one
 * deadline per exchange; the stream is aborted on any failure.
 */
import { MAX_RELAY_FRAME_BYTES, MAX_RELAY_REQUEST_BYTES, MAX_RELAY_SHARED_REQUEST_BYTES, RELAY_PROTOCOL, RELAY_TIMEOUT_MS } from '../../../protocols/constants.js'
import { encodeFrame, readFrame } from '../../../protocols/frames.js'
import { RelayRequest, RelayResponse } from '../../../protocols/relay/pb/relay.js'
import { RelayRefusedError } from './errors.js'
import type { DepositShared, Envelope, Expired } from '../../../protocols/relay/pb/relay.js'
import type { AbortOptions, Libp2p, PeerId, Stream } from '@libp2p/interface'

export async function relayExchange (libp2p: Libp2p, indexPeerId: PeerId, request: RelayRequest, options: AbortOptions = {}): Promise<RelayResponse> {
  const signal = options.signal ?? AbortSignal.timeout(RELAY_TIMEOUT_MS)
  let stream: Stream | undefined
  try {
    stream = await libp2p.dialProtocol(indexPeerId, RELAY_PROTOCOL, { signal })
    const bytes = encodeFrame(RelayRequest, request)
    if (bytes.length > (request.depositShared != null ? MAX_RELAY_SHARED_REQUEST_BYTES : MAX_RELAY_REQUEST_BYTES)) throw new RelayRefusedError('TOO_LARGE', 'the request is larger than the relay takes')
    stream.send(bytes)
    const response = await readFrame(stream, RelayResponse, MAX_RELAY_FRAME_BYTES, { signal })
    await stream.close({ signal })
    if (response.refused != null) {
      throw new RelayRefusedError(response.refused.reason, response.refused.message)
    }
    return response
  } catch (err) {
    stream?.abort(err as Error)
    throw err
  }
}

/** Deposits one envelope; resolves once the index has committed it. */
export async function deposit (libp2p: Libp2p, indexPeerId: PeerId, envelope: Envelope, options: AbortOptions = {}): Promise<{ duplicate: boolean }> {
  const response = await relayExchange(libp2p, indexPeerId, { deposit: { envelope } }, options)
  if (response.stored == null) throw new RelayRefusedError('BAD_REQUEST', 'the index server answered a deposit with something else')
  return { duplicate: response.stored.duplicate }
}

/** One group body for several recipients (each envelope's payload: its key wrap); resolves with the ids stored and refused. */
export async function depositShared (libp2p: Libp2p, indexPeerId: PeerId, shared: DepositShared, options: AbortOptions = {}): Promise<{ stored: string[], refused: string[] }> {
  const response = await relayExchange(libp2p, indexPeerId, { depositShared: shared }, options)
  if (response.shared == null) throw new RelayRefusedError('BAD_REQUEST', 'the index server answered a shared deposit with something else')
  return { stored: response.shared.stored.map(s => s.id), refused: response.shared.refused.map(r => r.id) }
}

export async function fetchEnvelopes (libp2p: Libp2p, indexPeerId: PeerId, max: number, options: AbortOptions = {}): Promise<{ envelopes: Envelope[], more: boolean }> {
  const response = await relayExchange(libp2p, indexPeerId, { fetch: { max } }, options)
  if (response.batch == null) throw new RelayRefusedError('BAD_REQUEST', 'the index server answered a fetch with something else')
  return response.batch
}

export async function ackEnvelopes (libp2p: Libp2p, indexPeerId: PeerId, ids: string[], options: AbortOptions = {}): Promise<number> {
  const response = await relayExchange(libp2p, indexPeerId, { ack: { ids } }, options)
  return response.acked?.count ?? 0
}

/** Tells the relay that these envelopes of mine failed my checks: it drops them and tells their senders. */
export async function refuseEnvelopes (libp2p: Libp2p, indexPeerId: PeerId, ids: string[], options: AbortOptions = {}): Promise<number> {
  const response = await relayExchange(libp2p, indexPeerId, { refuse: { ids } }, options)
  return response.acked?.count ?? 0
}

/** Notes of my messages the relay dropped before their recipients took them. */
export async function fetchExpired (libp2p: Libp2p, indexPeerId: PeerId, max: number, options: AbortOptions = {}): Promise<{ expired: Expired[], more: boolean }> {
  const response = await relayExchange(libp2p, indexPeerId, { fetchExpired: { max } }, options)
  if (response.expiredBatch == null) throw new RelayRefusedError('BAD_REQUEST', 'the index server answered a fetch of expired notes with something else')
  return response.expiredBatch
}

/** I recorded these notes: the relay may forget them. */
export async function ackExpired (libp2p: Libp2p, indexPeerId: PeerId, ids: string[], options: AbortOptions = {}): Promise<number> {
  const response = await relayExchange(libp2p, indexPeerId, { ackExpired: { ids } }, options)
  return response.acked?.count ?? 0
}
