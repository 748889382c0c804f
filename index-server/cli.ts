/**
 * `lanchat-index`: runs the index server, or an admin subcommand on its data.
 *
 *   lanchat-index [--data DIR] [--host ADDR] [--udp-port N] [--tcp-port N] [--heartbeat-interval MS]
 *   lanchat-index users|status [--data DIR] [--json]
 *   lanchat-index release NAME [--data DIR] [--json]
 */
import { accessSync, constants as fsConstants, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { LeftReason } from '../protocols/directory/pb/directory.js'
import {
  DEFAULT_INDEX_TCP_PORT, DEFAULT_UDP_PORT, HEARTBEAT_INTERVAL_MS, NEW_NAME_RATE_PER_SOURCE_PER_HOUR, RELAY_QUOTA_BYTES,
  RELAY_QUOTA_COUNT, RELAY_RETENTION_MS, RELAY_SENDER_SHARE
} from '../protocols/constants.js'
import { parsePort } from '../runtime/host-port.js'
import { lanchatVersion } from '../runtime/package-files.js'
import { defaultIndexDataDir, PRIVATE_DIR_MODE, STOP_SIGNALS } from '../runtime/platform.js'
import { AdminError, release, status, users } from './admin.js'
import { defaultValues } from './options.js'
import { createIndexServer } from './server.js'
import type { AdminOutput } from './admin.js'
import type { IndexServer } from './server.js'

export const USAGE = `usage:
  lanchat-index [--data DIR] [--host ADDR] [--udp-port N] [--tcp-port N] [--heartbeat-interval MS]
                [--relay-quota N] [--relay-quota-bytes N] [--relay-sender-share S]
                [--relay-retention-days N | --relay-retention-ms MS] [--login-rate N] [--new-name-rate N]
      run the index server (defaults: --data ~/.lanchat-index, --host 0.0.0.0,
      --udp-port ${DEFAULT_UDP_PORT}, --tcp-port ${DEFAULT_INDEX_TCP_PORT}, --heartbeat-interval ${HEARTBEAT_INTERVAL_MS},
      --relay-quota ${RELAY_QUOTA_COUNT} messages and --relay-quota-bytes ${RELAY_QUOTA_BYTES} per recipient,
      --relay-sender-share ${RELAY_SENDER_SHARE} of that quota for any one sender,
      --relay-retention-days ${RELAY_RETENTION_MS / 86_400_000} (or --relay-retention-ms, e.g. for tests),
      --login-rate ${defaultValues.loginRatePerIp} LOGINs per second per source IP,
      --new-name-rate ${NEW_NAME_RATE_PER_SOURCE_PER_HOUR} new names per hour per source IP; its bursts and overall limit scale with it)
  lanchat-index users [--data DIR] [--json]         registered names, PeerIds, first/last seen, online
  lanchat-index release NAME [--data DIR] [--json]  free a name (e.g. after a lost laptop)
  lanchat-index status [--data DIR] [--json]        online count and relay queue per recipient
  lanchat-index --version                           print the version
`

const OPTIONS = {
  data: { type: 'string' },
  host: { type: 'string' },
  'udp-port': { type: 'string' },
  'tcp-port': { type: 'string' },
  'heartbeat-interval': { type: 'string' },
  'relay-quota': { type: 'string' },
  'relay-quota-bytes': { type: 'string' },
  'relay-retention-days': { type: 'string' },
  'relay-sender-share': { type: 'string' },
  'relay-retention-ms': { type: 'string' },
  'login-rate': { type: 'string' },
  'new-name-rate': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' }
} as const

class UsageError extends Error {}

/** parseArgs errors are long; keep the part a person needs. */
export function usageProblem (err: unknown): string {
  const e = err as { code?: string, message: string }
  const option = /'(-[^' ]*)/.exec(e.message)?.[1]
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? ''}`.trim()
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `option ${option ?? ''} needs a value`.replace('  ', ' ')
  return e.message.split('\n')[0]
}

function fail (message: string, code: number): number {
  process.stderr.write(`lanchat-index: ${message}\n`)
  return code
}

/** Runs the CLI; resolves with the exit code (the server itself resolves only after it stops). */
export async function main (argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (err) {
    return fail(`${usageProblem(err)}; run lanchat-index --help`, 2)
  }
  const { values, positionals } = parsed
  if (values.help === true) {
    process.stdout.write(USAGE)
    return 0
  }
  if (values.version === true) {
    process.stdout.write(`lanchat-index ${lanchatVersion()}\n`)
    return 0
  }
  const dataDir = resolve(values.data ?? defaultIndexDataDir())
  const [command, ...rest] = positionals
  try {
    if (command == null || command === 'serve') {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`)
      return await serve(dataDir, values)
    }
    let out: AdminOutput
    if (command === 'users' && rest.length === 0) out = users(dataDir)
    else if (command === 'status' && rest.length === 0) out = status(dataDir)
    else if (command === 'release' && rest.length === 1) out = release(dataDir, rest[0])
    else if (command === 'release') throw new UsageError('release takes exactly one NAME')
    else throw new UsageError(`unknown command "${command}"`)
    process.stdout.write(values.json === true ? `${JSON.stringify(out.json, null, 2)}\n` : `${out.text}\n`)
    return 0
  } catch (err) {
    if (err instanceof UsageError) return fail(`${err.message}; run lanchat-index --help`, 2)
    if (err instanceof AdminError) return fail(err.message, 1)
    return fail(describe(err, dataDir, values), 1)
  }
}

/** Turns start-up failures into one line that says what to do. */
function describe (err: any, dataDir: string, values: Record<string, unknown>): string {
  const text = String(err?.message ?? err)
  if (err?.code === 'EADDRINUSE' && err?.syscall === 'bind') {
    return `UDP port ${String(err.port ?? values['udp-port'] ?? DEFAULT_UDP_PORT)} is already in use (is another lanchat-index running?); stop it or pass --udp-port N`
  }
  if (/EADDRINUSE|address already in use/i.test(text)) {
    return `TCP port ${String(values['tcp-port'] ?? DEFAULT_INDEX_TCP_PORT)} is already in use (is another lanchat-index running?); stop it or pass --tcp-port N`
  }
  if (/EADDRNOTAVAIL|cannot assign requested address/i.test(text)) {
    return `cannot listen on ${String(values.host)}: no network interface has that address; pass --host with one of this machine's addresses`
  }
  if (['EACCES', 'EPERM', 'ENOTDIR', 'EROFS', 'EEXIST', 'ENOENT'].includes(err?.code) || /SQLITE|database/i.test(text)) {
    return `cannot use the data directory ${dataDir} (${err?.code ?? text}); choose a writable one with --data DIR`
  }
  return text
}

function checkDataDir (dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  accessSync(dataDir, fsConstants.W_OK)
}

async function serve (dataDir: string, values: Record<string, string | boolean | undefined>): Promise<number> {
  const udpPort = parsePort(values['udp-port'] as string | undefined, DEFAULT_UDP_PORT)
  const tcpPort = parsePort(values['tcp-port'] as string | undefined, DEFAULT_INDEX_TCP_PORT)
  if (udpPort == null) throw new UsageError('--udp-port takes a number from 0 to 65535')
  if (tcpPort == null) throw new UsageError('--tcp-port takes a number from 0 to 65535')
  const interval = values['heartbeat-interval'] == null ? HEARTBEAT_INTERVAL_MS : Number(values['heartbeat-interval'])
  if (!Number.isInteger(interval) || interval < 100 || interval > 60_000) throw new UsageError('--heartbeat-interval takes milliseconds from 100 to 60000')
  const positive = (flag: string, fallback: number): number => {
    const raw = values[flag] as string | undefined
    if (raw == null) return fallback
    const n = Number(raw)
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} takes a positive number`)
    return n
  }
  const relayQuotaCount = Math.floor(positive('relay-quota', RELAY_QUOTA_COUNT))
  const relayQuotaBytes = Math.floor(positive('relay-quota-bytes', RELAY_QUOTA_BYTES))
  if (values['relay-retention-days'] != null && values['relay-retention-ms'] != null) throw new UsageError('give --relay-retention-days or --relay-retention-ms, not both')
  const relayRetentionMs = values['relay-retention-ms'] != null
    ? Math.floor(positive('relay-retention-ms', RELAY_RETENTION_MS))
    : positive('relay-retention-days', RELAY_RETENTION_MS / 86_400_000) * 86_400_000
  const loginRatePerIp = positive('login-rate', defaultValues.loginRatePerIp)
  const relaySenderShare = positive('relay-sender-share', RELAY_SENDER_SHARE)
  if (relaySenderShare > 1) throw new UsageError('--relay-sender-share takes a share of the quota from 0 to 1 (e.g. 0.25)')
  const newNameRatePerSource = positive('new-name-rate', NEW_NAME_RATE_PER_SOURCE_PER_HOUR)
  // signals are handled from the first moment: one that arrives while the
  // server starts stops it as soon as it is up
  const stopRequested = Promise.withResolvers<string>()
  let signals = 0
  const onSignal = (signal: string): void => {
    if (++signals > 1) {
      process.stderr.write('lanchat-index: stopping now\n')
      process.exit(1)
    }
    stopRequested.resolve(signal)
  }
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal)

  checkDataDir(dataDir)
  const server = await createIndexServer({
    dataDir,
    host: (values.host as string | undefined) ?? '0.0.0.0',
    udpPort,
    tcpPort,
    heartbeatIntervalMs: interval,
    relayQuotaCount,
    relayQuotaBytes,
    relayRetentionMs,
    relaySenderShare,
    newNameRatePerSource,
    loginRatePerIp,
    loginRateGlobal: Math.max(defaultValues.loginRateGlobal, loginRatePerIp)
  })
  try {
    await server.start()
  } catch (err) {
    server.store.close()
    throw err
  }
  const udp = server.udpAddress()
  process.stderr.write(`lanchat-index ready: udp ${udp.address}:${udp.port}, tcp ${server.tcpAddrs().map(String).join(' ')}, peer id ${server.peerId.toString()}, data ${dataDir}\n`)
  logSessions(server)

  const signal = await stopRequested.promise
  process.stderr.write(`lanchat-index: ${signal} received, shutting down\n`)
  try {
    await server.stop()
    return 0
  } catch (err) {
    process.stderr.write(`lanchat-index: error while stopping: ${(err as Error).message}\n`)
    return 1
  }
}

const LEFT: Record<LeftReason, string> = {
  [LeftReason.LEFT_UNSPECIFIED]: 'gone',
  [LeftReason.LOGOUT]: 'logged out',
  [LeftReason.DISCONNECTED]: 'connection closed',
  [LeftReason.TIMEOUT]: 'heartbeat missed',
  [LeftReason.REPLACED]: 'logged in again',
  [LeftReason.RELEASED]: 'name released by the administrator'
}

/** One plain stderr line per login and logout (a journal, e.g. under systemd, shows each as one event). */
function logSessions (server: IndexServer): void {
  server.events.on('user:online', ({ name, peerId }) => { process.stderr.write(`lanchat-index: ${name} online (${peerId})\n`) })
  server.events.on('user:offline', ({ name, reason }) => { process.stderr.write(`lanchat-index: ${name} offline (${LEFT[reason] ?? 'gone'})\n`) })
}
