/**
 * Errors of the chat service. Match on `.name`, never on the message.
 */

/** Thrown by `send()` when no Ack for the message arrived within `ackTimeoutMs`. */
export class AckTimeoutError extends Error {
  static name = 'AckTimeoutError'
  name = 'AckTimeoutError'
  constructor (message = 'No ack arrived in time') { super(message) }
}

/** Thrown when the chat stream to a peer closed (or could not be written) before the exchange finished. */
export class ChannelClosedError extends Error {
  static name = 'ChannelClosedError'
  name = 'ChannelClosedError'
  constructor (message = 'The chat channel closed', options?: ErrorOptions) { super(message, options) }
}

/** Thrown by `send()` before writing anything when the body is over `maxBodyBytes` UTF-8 bytes. */
export class BodyTooLargeError extends Error {
  static name = 'BodyTooLargeError'
  name = 'BodyTooLargeError'
  constructor (message = 'The message body is larger than allowed') { super(message) }
}

/** Thrown before writing anything when a message id is empty or too long, or the frame would be over `maxFrameBytes`. */
export class InvalidMessageError extends Error {
  static name = 'InvalidMessageError'
  name = 'InvalidMessageError'
  constructor (message = 'The message is malformed') { super(message) }
}

/** Thrown by a write that would make more than `maxWriteBufferBytes` wait for one peer; nothing is written, the channel stays. */
export class WriteBufferFullError extends Error {
  static name = 'WriteBufferFullError'
  name = 'WriteBufferFullError'
  constructor (message = 'Too many bytes already wait to be written to this peer') { super(message) }
}

/** Thrown (as the abort reason of the channel) when frames wait and the peer has read nothing for `drainTimeoutMs`. */
export class PeerNotReadingError extends Error {
  static name = 'PeerNotReadingError'
  name = 'PeerNotReadingError'
  constructor (message = 'The peer does not read its chat stream') { super(message) }
}
