/**
 * What every subcommand shares: its description, strict option parsing with
 * --profile/--help (and --json where it lists something), and the context it
 * runs in.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { ParseArgsOptionsConfig } from 'node:util'
import { UsageError } from './errors.js'
import { ApiClient, defaultProfileDir } from './api-client.js'

/** Where a command reads and writes: the process's streams, or a test's. */
export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream
}

export interface CommandContext {
  positionals: string[]
  values: Record<string, string | boolean | undefined>
  json: boolean
  profileDir: string
  /** the client for this profile's daemon; throws DaemonNotRunningError when there is none */
  client: () => ApiClient
  io: Io
  /** writes one line to stdout */
  out: (line: string) => void
}

export interface Command {
  name: string
  /** one line for `lanchat --help` */
  summary: string
  /** the usage lines and options, shown by `lanchat NAME --help` */
  help: string
  /** whether the command takes --json */
  json: boolean
  /** options besides --profile, --help and --json */
  options?: ParseArgsOptionsConfig
  run: (ctx: CommandContext) => Promise<number>
}

/** The common options, as they read in every help text. */
export const COMMON_HELP = `  --profile DIR   the daemon's profile directory (default ~/.lanchat)
  -h, --help      show this help`
export const JSON_HELP = '  --json          print one JSON document on stdout and nothing else'

/** node:util's parse errors are long and name the fix for a different case; keep the first sentence. */
function reason (err: Error): string {
  const first = err.message.split(/\.\s/)[0].replace(/\.$/, '')
  return first.charAt(0).toLowerCase() + first.slice(1)
}

export function parseCommand (command: Command, argv: string[], io: Io): CommandContext | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        profile: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...(command.json ? { json: { type: 'boolean' } } : {}),
        ...command.options
      }
    })
  } catch (err) {
    throw new UsageError(reason(err as Error), command.name)
  }
  const values = parsed.values as Record<string, string | boolean | undefined>
  if (values.help === true) return 'help'
  const profileDir = typeof values.profile === 'string' ? resolve(values.profile) : defaultProfileDir()
  let client: ApiClient | undefined
  return {
    positionals: parsed.positionals,
    values,
    json: values.json === true,
    profileDir,
    client: () => (client ??= ApiClient.fromProfile(profileDir)),
    io,
    out: line => { io.stdout.write(line + '\n') }
  }
}
