/**
 * What can go wrong when a person sends, accepts, rejects or cancels files,
 * each a class with a message a person can act on. Match on `.name`; the
 * API maps them to HTTP statuses in one place (node/api/errors.ts).
 */

/** Thrown when a transfer id is not known here. */
export class UnknownTransferError extends Error {
  static name = 'UnknownTransferError'
  name = 'UnknownTransferError'
  constructor (id: string) { super(`no file transfer ${id}; see \`lanchat files\``) }
}

/** Thrown when a transfer is not in a state that allows what was asked (accepting a sent one, cancelling a finished one). */
export class TransferStateError extends Error {
  static name = 'TransferStateError'
  name = 'TransferStateError'
}

/** Thrown when a path given to send does not exist or cannot be read. */
export class UnreadablePathError extends Error {
  static name = 'UnreadablePathError'
  name = 'UnreadablePathError'
}

/** Thrown when what was given to send holds no file (an empty folder, only symlinks). */
export class NothingToSendError extends Error {
  static name = 'NothingToSendError'
  name = 'NothingToSendError'
  constructor (message = 'nothing to send: the folders hold no regular file (symlinks are not sent)') { super(message) }
}

/** Thrown when an offer would hold more files or bytes than an offer may, or a path that cannot be sent as it is. */
export class OfferLimitError extends Error {
  static name = 'OfferLimitError'
  name = 'OfferLimitError'
}
