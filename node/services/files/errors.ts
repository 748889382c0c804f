/**
 * Errors of the file service. Match on `.name`, never on the message.
 */
import type { Status } from '../../../protocols/files/pb/files.js'

/** Thrown by `fetch()` when the sender answers the Fetch with anything but OK (the transfer is unknown there, cancelled, changed). */
export class FetchRefusedError extends Error {
  static name = 'FetchRefusedError'
  name = 'FetchRefusedError'
  readonly status: Status
  constructor (status: Status, message = `the sender refused: ${status}`) {
    super(message)
    this.status = status
  }
}

/**
 * Thrown when a file cannot be served or taken as offered; carries the wire
 * status to tell the other side (CHANGED at a sender whose file changed,
 * CORRUPT at a receiver whose check failed, DISK_FULL, UNKNOWN, ...).
 */
export class TransferStoppedError extends Error {
  static name = 'TransferStoppedError'
  name = 'TransferStoppedError'
  readonly status: Status
  constructor (status: Status, message: string) {
    super(message)
    this.status = status
  }
}

/** Thrown when the peer broke the protocol (a frame out of order, data past the end of a file, a bad first frame). */
export class FilesProtocolError extends Error {
  static name = 'FilesProtocolError'
  name = 'FilesProtocolError'
  constructor (message = 'The peer broke the file protocol') { super(message) }
}

/** Thrown when a file stream closed before its exchange finished. */
export class FilesStreamClosedError extends Error {
  static name = 'FilesStreamClosedError'
  name = 'FilesStreamClosedError'
  constructor (message = 'The file stream closed', options?: ErrorOptions) { super(message, options) }
}
