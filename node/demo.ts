/**
 * `npm run demo`: lanchat on one machine, loopback only. Starts an index
 * server and two daemons (alice, bob) with temporary profiles, shows a
 * conversation, including a message to a stopped bob that is relayed and
 * delivered when he comes back, then leaves everything running so you can
 * try the CLI; Ctrl-C stops all of it and removes the temporary folder.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { ApiClient } from './cli/api-client.js'
import { RUNTIME_FLAGS } from '../runtime/node-version.js'
import type { ChatMessage, Contact, DaemonEvent, SendResult } from './types.js'
import type { ChildProcess } from 'node:child_process'

const here = import.meta.dirname
const INDEX_BIN = resolve(here, '../index-server/bin/lanchat-index.js')
const LANCHAT_BIN = resolve(here, 'bin/lanchat.js')
const children = new Set<ChildProcess>()
/** The demo's profiles (identity keys, databases) and index data: removed when it stops. */
const root = mkdtempSync(join(tmpdir(), 'lanchat-demo-'))

function say (line = ''): void {
  process.stdout.write(`${line}\n`)
}

async function start (args: string[], ready: RegExp, what: string): Promise<{ proc: ChildProcess, match: RegExpExecArray }> {
  const flags = args[0] === INDEX_BIN ? RUNTIME_FLAGS['lanchat-index'] : RUNTIME_FLAGS.lanchat
  const proc = spawn(process.execPath, [...flags, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
  children.add(proc)
  proc.on('exit', () => { children.delete(proc) })
  let err = ''
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`${what} did not start:\n${err}`)) }, 30_000)
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
      const m = ready.exec(err)
      if (m != null) { clearTimeout(timer); resolve(m) }
    })
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${what} exited with ${String(code)}:\n${err}`)) })
  })
  return { proc, match }
}

async function stop (proc: ChildProcess): Promise<void> {
  if (proc.exitCode != null || proc.signalCode != null) return
  await new Promise<void>(resolve => { proc.once('exit', () => { resolve() }); proc.kill('SIGTERM') })
}

async function until<T> (what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await check()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

async function daemon (name: string, profile: string, udpPort: number): Promise<{ proc: ChildProcess, api: ApiClient }> {
  const { proc } = await start([LANCHAT_BIN, 'daemon', '--profile', profile, '--name', name, '--index', `127.0.0.1:${udpPort}`,
    '--listen', '127.0.0.1', '--port', '0', '--api-port', '0', '--no-mdns'], /logged in to the index server/, `${name}'s daemon`)
  return { proc, api: ApiClient.fromProfile(profile) }
}

const online = async (api: ApiClient, name: string, want: boolean): Promise<true | undefined> =>
  (await api.get<Contact[]>('/api/contacts')).some(c => c.name === name && c.online === want) ? true : undefined

async function main (): Promise<void> {
  const profiles = { alice: join(root, 'alice'), bob: join(root, 'bob') }
  say('lanchat demo (everything on 127.0.0.1, nothing leaves this machine)')
  say(`  profiles and data in ${root} (removed when the demo stops)`)
  const index = await start([INDEX_BIN, '--data', join(root, 'index'), '--host', '127.0.0.1', '--udp-port', '0', '--tcp-port', '0'],
    /lanchat-index ready: udp 127\.0\.0\.1:(\d+)/, 'the index server')
  const udpPort = Number(index.match[1])
  say(`  index server ready on udp 127.0.0.1:${udpPort}`)
  const alice = await daemon('alice', profiles.alice, udpPort)
  let bob = await daemon('bob', profiles.bob, udpPort)
  say('  alice and bob are logged in')
  await until('alice to see bob', async () => await online(alice.api, 'bob', true))
  say()

  const show = (who: string, r: SendResult, body: string): void => { say(`${who}: ${body}    [${r.state}]`) }
  const hi = 'Hi Bob! Lunch at noon?'
  show('alice -> bob', await alice.api.post<SendResult>('/api/messages', { to: 'bob', body: hi }), hi)
  const yes = 'Sure, see you there.'
  show('bob -> alice', await bob.api.post<SendResult>('/api/messages', { to: 'alice', body: yes }), yes)
  say()

  say('bob closes his laptop (his daemon stops)...')
  await stop(bob.proc)
  await until('alice to see bob offline', async () => await online(alice.api, 'bob', false))
  const later = 'Bob, the meeting moved to 3pm.'
  const relayed = await alice.api.post<SendResult>('/api/messages', { to: 'bob', body: later })
  show('alice -> bob', relayed, later)
  say('  (bob is offline: the index server keeps it for him)')
  say()

  say('bob comes back...')
  bob = await daemon('bob', profiles.bob, udpPort)
  const got = await until('bob to receive the relayed message', async () =>
    (await bob.api.get<ChatMessage[]>('/api/messages', { with: 'alice' })).find(m => m.id === relayed.id))
  say(`  bob received: "${got.body}" (sent ${new Date(got.sentAt).toLocaleTimeString()})`)
  await until('alice to see it delivered', async () => {
    const m = (await alice.api.get<ChatMessage[]>('/api/messages', { with: 'bob' })).find(x => x.id === relayed.id)
    return m?.state === 'delivered' || m?.state === 'read' ? m : undefined
  })
  say('  alice now sees it as delivered')
  say()

  const cli = relative(process.cwd(), LANCHAT_BIN) || LANCHAT_BIN
  say('Both daemons keep running. In another terminal, try:')
  say(`  node ${cli} who --profile ${profiles.alice}`)
  say(`  node ${cli} chat bob --profile ${profiles.alice}`)
  say(`  node ${cli} chat alice --profile ${profiles.bob}`)
  say(`  node ${cli} history bob --json --profile ${profiles.alice}`)
  // listen for Ctrl-C before saying so: a signal with no listener yet would end the demo without its clean-up
  const stopRequested = new Promise<void>(resolve => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  const events: Array<() => void> = [alice.api.events((e: DaemonEvent) => {
    if (e.type === 'message' && e.message.direction === 'in') say(`  (alice got a message from ${e.message.from}: ${e.message.body})`)
  })]
  say('Press Ctrl-C to stop everything.')
  await stopRequested
  for (const close of events) close()
  say('\nstopping...')
}

async function shutdown (): Promise<void> {
  await Promise.all([...children].map(stop))
  rmSync(root, { recursive: true, force: true })
  say(`removed ${root}`)
}

main().then(shutdown, async (err) => {
  process.stderr.write(`demo failed: ${(err as Error).message}\n`)
  await shutdown()
  process.exitCode = 1
})
