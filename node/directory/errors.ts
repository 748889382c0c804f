/**
 * What the person can get wrong about people (block, forget), each a class
 * with a message a person can read; the API maps each to its HTTP status
 * and code in one table (node/api/errors.ts).
 */

/** Thrown when the person tries to block themselves. */
export class BlockSelfError extends Error {
  static name = 'BlockSelfError'
  name = 'BlockSelfError'
  constructor (message = 'you cannot block yourself') { super(message) }
}

/** Thrown when the person tries to forget a colleague registered at the index server (who stays in the directory). */
export class VerifiedContactError extends Error {
  static name = 'VerifiedContactError'
  name = 'VerifiedContactError'
  constructor (name: string) { super(`${name} is registered at the index server and stays in the directory; to stop hearing from them, run lanchat block ${name}`) }
}

/** Thrown when my status text breaks its rule (the reason, from protocols/names.ts, is the message). */
export class StatusTextError extends Error {
  static name = 'StatusTextError'
  name = 'StatusTextError'
}
