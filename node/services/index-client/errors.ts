/** Errors of the index client. Match on `.name`. */

/** Thrown when no index server answered a LOGIN in time. */
export class LoginTimeoutError extends Error {
  static name = 'LoginTimeoutError'
  name = 'LoginTimeoutError'
  constructor (message = 'no index server answered the login') { super(message) }
}

/** Thrown when the index server refused the login (UDP REJECT or index-protocol Refused). */
export class LoginRejectedError extends Error {
  static name = 'LoginRejectedError'
  name = 'LoginRejectedError'
  /** the reason code as the protocol names it, e.g. NAME_TAKEN */
  readonly reason: string
  constructor (reason: string, message: string) {
    super(message)
    this.reason = reason
  }
}

/** Thrown when the index stream closed or broke before the snapshot arrived. */
export class SessionClosedError extends Error {
  static name = 'SessionClosedError'
  name = 'SessionClosedError'
  constructor (message = 'the index server closed the session') { super(message) }
}

/** Thrown when the relay refused a deposit, fetch or ack. */
export class RelayRefusedError extends Error {
  static name = 'RelayRefusedError'
  name = 'RelayRefusedError'
  readonly reason: string
  constructor (reason: string, message: string) {
    super(message)
    this.reason = reason
  }
}
