/**
 * Typed errors of the wire contract. Match on `.name`, never on the message.
 */

/** Thrown when a datagram is shorter than the fixed header. */
export class DatagramTooShortError extends Error {
  static name = 'DatagramTooShortError'
  name = 'DatagramTooShortError'
  constructor (message = 'Datagram is shorter than the header') { super(message) }
}

/** Thrown when a datagram is larger than MAX_DATAGRAM_BYTES. */
export class DatagramTooLargeError extends Error {
  static name = 'DatagramTooLargeError'
  name = 'DatagramTooLargeError'
  constructor (message = 'Datagram is larger than allowed') { super(message) }
}

/** Thrown when a datagram does not start with LOGIN_MAGIC. */
export class BadMagicError extends Error {
  static name = 'BadMagicError'
  name = 'BadMagicError'
  constructor (message = 'Datagram does not start with the lanchat magic') { super(message) }
}

/** Thrown when a datagram carries a wire version this code does not speak. */
export class UnsupportedVersionError extends Error {
  static name = 'UnsupportedVersionError'
  name = 'UnsupportedVersionError'
  readonly version: number
  readonly nonce: Uint8Array
  constructor (version: number, nonce: Uint8Array, message = `Unsupported wire version ${version}`) {
    super(message)
    this.version = version
    this.nonce = nonce
  }
}

/** Thrown when a LOGIN datagram is not padded to LOGIN_DATAGRAM_BYTES. */
export class UnpaddedLoginError extends Error {
  static name = 'UnpaddedLoginError'
  name = 'UnpaddedLoginError'
  constructor (message = 'LOGIN datagram is shorter than the fixed login size') { super(message) }
}

/** Thrown when bytes do not decode as the expected protobuf, or a field breaks a rule. */
export class MalformedError extends Error {
  static name = 'MalformedError'
  name = 'MalformedError'
  constructor (message = 'Malformed input') { super(message) }
}

/** Thrown when a length-prefixed frame announces more bytes than its protocol allows. */
export class FrameTooLargeError extends Error {
  static name = 'FrameTooLargeError'
  name = 'FrameTooLargeError'
  constructor (message = 'Frame is larger than allowed') { super(message) }
}
