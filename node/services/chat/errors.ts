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

/** Thrown (and the channel aborted) when a peer does not read and more than `maxWriteBufferBytes` wait to be written to it. */
export class WriteBufferFullError extends Error {
  static name = 'WriteBufferFullError'
  name = 'WriteBufferFullError'
  constructor (message = 'The peer does not read; too many bytes wait to be written') { super(message) }
}
