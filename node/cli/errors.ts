/**
 * Conditions the CLI turns into one plain line on stderr (main.ts decides
 * the exit code by `.name`).
 */

/** Thrown when the command line is wrong: unknown flag, missing NAME, bad value. Exit code 2. */
export class UsageError extends Error {
  static name = 'UsageError'
  name = 'UsageError'
  /** the subcommand whose --help to point at, or undefined for `lanchat --help` */
  readonly command: string | undefined
  constructor (message: string, command?: string) {
    super(message)
    this.command = command
  }
}

/**
 * Thrown when no daemon answers for a profile: no api.json, a dead pid, or a
 * refused connection. Exit code 1. The hint names --name only when the
 * profile remembers none (`name`: the remembered one).
 */
export class DaemonNotRunningError extends Error {
  static name = 'DaemonNotRunningError'
  name = 'DaemonNotRunningError'
  readonly profileDir: string
  constructor (profileDir: string, name?: string, message = `no daemon is running for profile ${profileDir}${name != null ? ` (${name})` : ''}; start it with: lanchat daemon --profile ${profileDir}${name != null ? '' : ' --name NAME'}`) {
    super(message)
    this.profileDir = profileDir
  }
}

/** Thrown when the daemon is there but the exchange with it failed (timeout, reset, an answer that is not JSON). Exit code 1. */
export class DaemonUnreachableError extends Error {
  static name = 'DaemonUnreachableError'
  name = 'DaemonUnreachableError'
  constructor (message = 'the daemon did not answer') { super(message) }
}
