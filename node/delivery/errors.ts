/**
 * What can go wrong when a person sends (or sends again), each a class with
 * a message a person can read; the API maps each to its HTTP status and
 * code in one table (node/api/errors.ts).
 */

/** Thrown when a name or PeerId matches nobody the daemon knows. */
export class UnknownContactError extends Error {
  static name = 'UnknownContactError'
  name = 'UnknownContactError'
  constructor (who: string, hint = 'see lanchat who') { super(`nobody called ${who} is known; ${hint}`) }
}

/** Thrown when a message is sent to someone the person blocked. */
export class BlockedContactError extends Error {
  static name = 'BlockedContactError'
  name = 'BlockedContactError'
  constructor (name: string) { super(`you blocked ${name}; run lanchat unblock ${name} to write to them again`) }
}

/** Thrown when a message to send has no text. */
export class EmptyMessageError extends Error {
  static name = 'EmptyMessageError'
  name = 'EmptyMessageError'
  constructor (message = 'a message needs some text') { super(message) }
}

/** Thrown when a message to send is larger than MAX_CHAT_BODY_BYTES. */
export class MessageTooLargeError extends Error {
  static name = 'MessageTooLargeError'
  name = 'MessageTooLargeError'
  constructor (maxBytes: number) { super(`a message can have at most ${maxBytes / 1024} KiB of text`) }
}

/** Thrown when a message could not be committed to the outbox (e.g. a full disk): nothing was sent. */
export class StorageFailedError extends Error {
  static name = 'StorageFailedError'
  name = 'StorageFailedError'
  constructor (message = 'the message could not be saved (is the disk full?); nothing was sent') { super(message) }
}

/** Thrown when an id names no message of mine. */
export class UnknownMessageError extends Error {
  static name = 'UnknownMessageError'
  name = 'UnknownMessageError'
  constructor (id: string) { super(`you sent no message with the id ${id}; see lanchat history`) }
}

/** Thrown when the person sends to their own name or PeerId. */
export class SendToSelfError extends Error {
  static name = 'SendToSelfError'
  name = 'SendToSelfError'
  constructor (name: string) { super(`you are ${name}: a message cannot be sent to yourself`) }
}
