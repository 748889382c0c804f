/**
 * The checks a recipient makes on a relayed envelope, as one pure function
 * beside the seal: it must open with my key (sealed to me, untampered),
 * carry a valid signature of its sender, be addressed to me (all in
 * openSealed), keep its id inside and out, and have been deposited by the
 * key that signed it (the index server sets the depositor from Noise, so a
 * third party cannot replay someone else's envelope as its own).
 *
 * @example
 * ```ts
 * const { sender, content } = openEnvelope(envelope, myKey, myPeerId) // or throws EnvelopeRefusedError
 * ```
 */
import { peerIdFromBytes } from '../shared/peer-ids.js'
import { openSealed } from './seal.js'
import type { Envelope } from './pb/relay.js'
import type { SealedContent } from './seal.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

/** Thrown when a relayed envelope fails a check; the message says which, in words (`cause` keeps the underlying error's name). */
export class EnvelopeRefusedError extends Error {
  static name = 'EnvelopeRefusedError'
  name = 'EnvelopeRefusedError'
}

export interface OpenedEnvelope {
  /** the PeerId (string) that signed and deposited it */
  sender: string
  content: SealedContent
}

export function openEnvelope (env: Envelope, selfKey: PrivateKey, self: PeerId): OpenedEnvelope {
  let content: SealedContent
  let depositor: string
  try {
    depositor = peerIdFromBytes(env.sender).toString()
    content = openSealed(env.payload, selfKey, self)
  } catch (err) {
    throw new EnvelopeRefusedError(`it failed its checks (${(err as Error).name})`, { cause: err })
  }
  const sender = peerIdFromBytes(content.from).toString()
  if (content.id !== env.id) throw new EnvelopeRefusedError('its id was changed')
  if (sender !== depositor) throw new EnvelopeRefusedError('it was deposited by someone other than its signer')
  return { sender, content }
}
