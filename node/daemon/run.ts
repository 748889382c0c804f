/**
 * `lanchat daemon`: runs a person's peer daemon until SIGINT, SIGTERM or SIGHUP.
 *
 *   lanchat daemon [--profile DIR] [--name NAME] [--index HOST:PORT] [--listen ADDR]
 *                  [--port N] [--api-port N] [--no-mdns]
 *
 * Operational lines go to stderr; a rejected login or a start-up problem ends
 * the process with one plain line and a non-zero code.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_API_PORT, DEFAULT_PEER_TCP_PORT, DEFAULT_UDP_PORT, GROUP_FANOUT_MAX_MEMBERS } from '../../protocols/constants.js'
import { parseHostPort, parsePort } from '../../runtime/host-port.js'
import { STOP_SIGNALS } from '../../runtime/platform.js'
import { MAX_OFFER_BYTES, MAX_OFFER_FILES } from '../../protocols/constants.js'
import { createApi, listenApi } from '../api/index.js'
import { Daemon } from './daemon.js'
import { defaultValues } from './options.js'

export const DAEMON_USAGE = `usage: lanchat daemon [--profile DIR] [--name NAME] [--index HOST:PORT] [--listen ADDR]
                      [--port N] [--api-port N] [--no-mdns] [--repin-index] [--group-fanout-max N]
                      [--downloads DIR] [--max-offer-files N] [--max-offer-bytes N]
  --profile DIR      profile directory (default ~/.lanchat)
  --name NAME        your name (needed the first time; remembered after)
  --index HOST:PORT  the index server (default: find it by broadcast on the LAN, UDP port ${DEFAULT_UDP_PORT})
  --listen ADDR      IP address to listen on for peers (default 0.0.0.0)
  --port N           TCP port for peers (default ${DEFAULT_PEER_TCP_PORT}, or any free port when taken)
  --api-port N       local API port on 127.0.0.1 (default ${DEFAULT_API_PORT}, or any free port when taken; 0 = any)
  --no-mdns          do not look for peers by mDNS (never used when listening on loopback)
  --repin-index      trust a new index server (the profile pins the first one it logs in to)
  --group-fanout-max N  named groups of more than N members (default ${GROUP_FANOUT_MAX_MEMBERS}) post through a gossip room
                     instead of to each member (lower it to try large groups with a few people)
  --downloads DIR    where accepted files land (default PROFILE/downloads)
  --max-offer-files N  most files one incoming offer may hold (default ${MAX_OFFER_FILES})
  --max-offer-bytes N  most bytes one incoming offer may hold (default ${MAX_OFFER_BYTES}, 64 GiB)
`

const OPTIONS = {
  profile: { type: 'string' },
  name: { type: 'string' },
  index: { type: 'string' },
  listen: { type: 'string' },
  port: { type: 'string' },
  'api-port': { type: 'string' },
  'no-mdns': { type: 'boolean' },
  'repin-index': { type: 'boolean' },
  'group-fanout-max': { type: 'string' },
  downloads: { type: 'string' },
  'max-offer-files': { type: 'string' },
  'max-offer-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

function say (line: string): void {
  process.stderr.write(`lanchat: ${line}\n`)
}

/**
 * A daemon whose output went away (`lanchat daemon 2>&1 | tee log`, and the
 * tee ended) keeps running: its lines are dropped (EPIPE), not fatal.
 */
function surviveLostOutput (): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {})
}

function addressInUse (err: any): boolean {
  return /EADDRINUSE|address already in use/i.test(String(err?.message ?? err))
}

function startProblem (err: any, values: Record<string, unknown>): string {
  const text = String(err?.message ?? err)
  if (/EADDRINUSE|address already in use/i.test(text)) return `TCP port ${String(values.port)} is already in use; pass another --port N`
  if (/EADDRNOTAVAIL|cannot assign requested address/i.test(text)) return `cannot listen on ${String(values.listen)}: no network interface has that address; pass --listen with one of this machine's addresses`
  if (['EACCES', 'EPERM', 'ENOTDIR', 'EROFS', 'EEXIST'].includes(err?.code)) return `cannot use the profile directory (${String(err.code)}: ${String(err.path ?? '')}); choose another with --profile DIR`
  return text
}

export async function daemonCommand (argv: string[]): Promise<number> {
  let values
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }))
  } catch (err: any) {
    const option = /'(-[^' ]*)/.exec(err.message)?.[1]
    say(`${err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `unknown option ${option ?? ''}` : err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? `option ${option ?? ''} needs a value` : String(err.message).split('\n')[0]}; run lanchat daemon --help`)
    return 2
  }
  if (values.help === true) {
    process.stdout.write(DAEMON_USAGE)
    return 0
  }
  const index = values.index == null ? undefined : parseHostPort(values.index, DEFAULT_UDP_PORT)
  if (values.index != null && index == null) {
    say(`--index takes HOST:PORT (e.g. 192.168.1.10:${DEFAULT_UDP_PORT}), not "${values.index}"; run lanchat daemon --help`)
    return 2
  }
  const apiPort = parsePort(values['api-port'], DEFAULT_API_PORT)
  const port = parsePort(values.port, DEFAULT_PEER_TCP_PORT)
  if (apiPort == null || port == null) {
    say(`${apiPort == null ? '--api-port' : '--port'} takes a number from 0 to 65535; run lanchat daemon --help`)
    return 2
  }
  const maxOfferFiles = values['max-offer-files'] == null ? undefined : Number(values['max-offer-files'])
  const maxOfferBytes = values['max-offer-bytes'] == null ? undefined : Number(values['max-offer-bytes'])
  for (const [flag, n] of [['--max-offer-files', maxOfferFiles], ['--max-offer-bytes', maxOfferBytes]] as const) {
    if (n != null && (!Number.isSafeInteger(n) || n < 1)) {
      say(`${flag} takes a whole number of at least 1; run lanchat daemon --help`)
      return 2
    }
  }
  const fanout = values['group-fanout-max']
  if (fanout != null && !(/^[0-9]{1,4}$/.test(fanout) && Number(fanout) >= 1 && Number(fanout) <= GROUP_FANOUT_MAX_MEMBERS)) {
    say(`--group-fanout-max takes a number from 1 to ${GROUP_FANOUT_MAX_MEMBERS}; run lanchat daemon --help`)
    return 2
  }
  surviveLostOutput()
  const listen = values.listen ?? defaultValues.listen
  const portExplicit = values.port != null

  // a signal during start-up stops the daemon once it is up
  const stopRequested = Promise.withResolvers<string>()
  let signals = 0
  const onSignal = (signal: string): void => {
    if (++signals > 1) process.exit(1)
    stopRequested.resolve(signal)
  }
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal)

  const init = {
    profileDir: resolve(values.profile ?? defaultValues.profileDir),
    name: values.name,
    index,
    listen,
    portExplicit,
    apiPort,
    apiPortExplicit: values['api-port'] != null,
    mdns: values['no-mdns'] !== true,
    repinIndex: values['repin-index'] === true,
    ...(values.downloads != null ? { downloads: resolve(values.downloads) } : {}),
    maxOfferFiles,
    maxOfferBytes,
    ...(fanout != null ? { groupFanoutMax: Number(fanout) } : {})
  }
  const fatal = Promise.withResolvers<Error>()
  // "ready" only once the first login is decided: accepted, or no index server
  // reachable (the daemon then runs without one); a refusal is fatal instead
  const loginDecided = Promise.withResolvers<void>()
  const open = async (p2pPort: number): Promise<Daemon> => {
    const d = await Daemon.create({ ...init, port: p2pPort })
    d.on('fatal', (err) => { fatal.resolve(err) })
    d.on('notice', (line) => { say(line) })
    d.index.once('connected', () => { loginDecided.resolve() })
    d.index.once('disconnected', () => { loginDecided.resolve() })
    return d
  }
  let daemon: Daemon
  try {
    daemon = await open(port)
  } catch (err) {
    say(startProblem(err, { ...values, port, listen }))
    return 1
  }
  let boundPort = 0
  let api: ReturnType<typeof createApi> | undefined
  try {
    try {
      await daemon.start()
    } catch (err) {
      // the default port is taken (by another program, or by a daemon that started in the same instant): any free port, as --help says
      if (portExplicit || !addressInUse(err)) throw err
      await daemon.stop().catch(() => {})
      daemon = await open(0)
      await daemon.start()
    }
    api = createApi({ daemon, token: daemon.profile.token, allowedPort: () => boundPort })
    boundPort = await listenApi(api, { port: apiPort, fallback: values['api-port'] == null })
    daemon.profile.writeApiInfo(boundPort)
  } catch (err) {
    say(startProblem(err, { ...values, port, listen }))
    await api?.close().catch(() => {})
    await daemon.stop().catch(() => {})
    return 1
  }
  const stopped = stopRequested.promise.then(signal => ({ signal, error: undefined }))
  const failed = fatal.promise.then(error => ({ signal: undefined, error }))
  if (await Promise.race([loginDecided.promise.then(() => true), stopped.then(() => false), failed.then(() => false)])) {
    const status = daemon.status()
    process.stderr.write(`lanchat daemon ready: ${status.name} (${status.peerId}), api http://127.0.0.1:${boundPort}, p2p ${status.listen.join(' ')}\n`)
  }

  const outcome = await Promise.race([stopped, failed])
  if (outcome.error != null) say(outcome.error.message)
  else say(`${outcome.signal ?? 'signal'} received, logging out`)
  await api.close().catch(() => {})
  await daemon.stop().catch((err) => { say(`error while stopping: ${(err as Error).message}`) })
  return outcome.error != null ? 1 : 0
}
