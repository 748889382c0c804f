/**
 * Errors of the presence service. Match on `.name`, never on the message.
 */

/** Thrown (as the abort reason of the stream) when a peer sends a Presence frame that breaks a rule, e.g. a bad name. */
export class InvalidPresenceError extends Error {
  static name = 'InvalidPresenceError'
  name = 'InvalidPresenceError'
  constructor (message = 'The presence frame is invalid') { super(message) }
}

/** Thrown (as the abort reason of the stream) when a peer does not read its presence stream and more than `maxWriteBufferBytes` wait. */
export class PresenceBacklogError extends Error {
  static name = 'PresenceBacklogError'
  name = 'PresenceBacklogError'
  constructor (message = 'The peer does not read its presence stream') { super(message) }
}
