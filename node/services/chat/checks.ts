/**
 * The checks every chat message passes: on the way out `send()` refuses what
 * the receiver would refuse, before anything is written; on the way in the
 * service answers a bad message itself, before the daemon sees it.
 */
import { encode as lpEncode } from 'it-length-prefixed'
import { MAX_MESSAGE_ID_CHARS, MAX_NAME_CHARS } from '../../../protocols/constants.js'
import { validMessageId } from '../../../protocols/ids.js'
import { AckStatus, ChatFrame } from '../../../protocols/chat/pb/chat.js'
import { BodyTooLargeError, InvalidMessageError } from './errors.js'
import type { Message } from '../../../protocols/chat/pb/chat.js'

export interface MessageLimits {
  maxBodyBytes: number
  maxFrameBytes: number
}

/** A message id has 1 to MAX_MESSAGE_ID_CHARS characters (protocols/ids.ts). */
export const validId = validMessageId

/** The status to ack an incoming message with when it is refused, or undefined when the daemon should store it. */
export function incomingProblem (message: Message, limits: MessageLimits): AckStatus | undefined {
  // names longer than any valid name would only bloat the history
  if (!validId(message.id) || [...message.from].length > MAX_NAME_CHARS || [...message.to].length > MAX_NAME_CHARS) return AckStatus.INVALID
  if (Buffer.byteLength(message.body, 'utf8') > limits.maxBodyBytes) return AckStatus.TOO_LARGE
  return undefined
}

/** Encodes an outgoing message frame (length-prefixed), or throws what the receiver would answer. */
export function encodeOutgoing (message: Message, limits: MessageLimits): Uint8Array {
  if (!validId(message.id)) throw new InvalidMessageError(`a message id has 1 to ${MAX_MESSAGE_ID_CHARS} characters`)
  const bodyBytes = Buffer.byteLength(message.body, 'utf8')
  if (bodyBytes > limits.maxBodyBytes) throw new BodyTooLargeError(`the body has ${bodyBytes} bytes; at most ${limits.maxBodyBytes} are allowed`)
  const payload = ChatFrame.encode({ message })
  if (payload.byteLength > limits.maxFrameBytes) throw new InvalidMessageError(`the message frame has ${payload.byteLength} bytes; at most ${limits.maxFrameBytes} are allowed`)
  return lpEncode.single(payload).subarray()
}
