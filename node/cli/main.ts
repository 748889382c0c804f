/**
 * The `lanchat` command line: `lanchat daemon ...` runs the peer daemon;
 * every other command talks to the running daemon of a profile through its
 * local HTTP API. Results go to stdout (with --json, exactly one JSON
 * document); problems are one plain line on stderr starting "lanchat: ".
 * Exit codes: 0 done, 1 failed, 2 wrong usage.
 *
 * @example
 * ```sh
 * lanchat who --profile ~/.lanchat-alice
 * lanchat send bob "lunch at noon?"
 * ```
 */
import { ApiError } from '../types.js'
import { parseCommand } from './command.js'
import type { Command, Io } from './command.js'
import { block, forget, unblock } from './block.js'
import { chat } from './chat.js'
import { doctor } from './doctor.js'
import { accept, cancel, files, reject, sendFile, trust } from './files.js'
import { UsageError } from './errors.js'
import { group, groups } from './groups.js'
import { history } from './history.js'
import { resend } from './resend.js'
import { search } from './search.js'
import { send } from './send.js'
import { status } from './status.js'
import { open } from './open.js'
import { lanchatVersion } from './version.js'
import { who } from './who.js'

const COMMANDS: Command[] = [who, send, resend, history, search, status, chat, groups, group, doctor, open, block, unblock, forget, sendFile, files, accept, reject, cancel, trust]

const HELP = `usage: lanchat <command> [options]

  daemon     run the peer daemon of a profile (lanchat daemon --help)
${COMMANDS.map(c => `  ${c.name.padEnd(9)}  ${c.summary}`).join('\n')}

Every command takes --profile DIR (default ~/.lanchat) and --help.
lanchat --version prints the version.`

const processIo: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }

/** Runs one command line (without "node lanchat") and resolves with the exit code. */
export async function main (argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv
  try {
    if (name === 'daemon') {
      // loaded only when needed: the other commands must not pay for libp2p
      const { daemonCommand } = await import('../daemon/run.js')
      return await daemonCommand(rest)
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`lanchat ${lanchatVersion()}\n`)
      return 0
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(HELP + '\n')
      return 0
    }
    if (name === undefined) throw new UsageError('a command is missing')
    const command = COMMANDS.find(c => c.name === name)
    if (command === undefined) {
      throw new UsageError(name.startsWith('-') ? `the command comes first, before options like ${name}` : `there is no command "${name}"`)
    }
    const ctx = parseCommand(command, rest, io)
    if (ctx === 'help') {
      io.stdout.write(command.help + '\n')
      return 0
    }
    return await command.run(ctx)
  } catch (err) {
    return report(err, io)
  }
}

/** one or two plain lines on stderr, and the exit code */
function report (err: unknown, io: Io): number {
  const e = err instanceof Error ? err : new Error(String(err))
  if (e.name === UsageError.name) {
    const command = (e as UsageError).command
    io.stderr.write(`lanchat: ${e.message}\nrun lanchat ${command !== undefined ? `${command} ` : ''}--help\n`)
    return 2
  }
  // DaemonNotRunningError, DaemonUnreachableError and the API's own errors already read as a sentence
  io.stderr.write(`lanchat: ${e.message}\n`)
  if (e.name !== ApiError.name && (process.env.DEBUG ?? '').includes('lanchat')) io.stderr.write(`${e.stack ?? ''}\n`)
  return 1
}
