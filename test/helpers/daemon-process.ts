/**
 * Runs the real `lanchat daemon` (dist/, built by `npm test`) as a child
 * process on 127.0.0.1 (--listen 127.0.0.1, --no-mdns, --index to a test
 * index server), talks to it through its local API, and stops it by PID.
 */
import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { resolve } from 'node:path'
import { ApiClient } from '../../node/cli/api-client.js'
import { RUNTIME_FLAGS } from '../../runtime/node-version.js'
import { ROOT, tempDir } from './index-process.js'
import { waitForEvent } from './wait.js'
import type { ChatMessage, Contact, DaemonEvent, DaemonStatus, SendResult } from '../../node/types.js'
import type { ChildProcess } from 'node:child_process'

export const LANCHAT_BIN = resolve(ROOT, 'dist/node/bin/lanchat.js')

const running = new Set<ChildProcess>()

export async function stopAllDaemons (): Promise<void> {
  await Promise.all([...running].map(async p => {
    p.kill('SIGCONT')
    await exitOf(p, 'SIGKILL')
  }))
}

async function exitOf (proc: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (proc.exitCode != null || proc.signalCode != null) return proc.exitCode
  return await new Promise(resolve => {
    proc.once('exit', (code) => { running.delete(proc); resolve(code) })
    proc.kill(signal)
  })
}

export interface DaemonOptions {
  name: string
  /** UDP port of the index server on 127.0.0.1; omitted = no index reachable (a closed port) */
  indexPort?: number
  /** --index HOST:PORT, or 'broadcast' for none (LAN test bed); overrides indexPort */
  index?: string
  /** run inside this network namespace (LAN test bed); the API is reached through a stdio bridge */
  netns?: string
  /** --listen address @default 127.0.0.1 */
  listen?: string
  /** mDNS on @default false */
  mdns?: boolean
  /** --port: 'default' leaves it out (the daemon's default port, or any free one when taken) @default 0 */
  port?: number | 'default'
  profileDir?: string
  args?: string[]
  /** extra environment, e.g. LANCHAT_FAILPOINTS for crash tests */
  env?: Record<string, string>
  /** a command the daemon runs under (it must exec its arguments), e.g. `unshare -m sh -c 'mount ... && exec "$@"' sh` for a small disk */
  wrap?: string[]
}

/** What tests use of the local API: ApiClient in this namespace, the stdio bridge in another. */
export interface ApiLike {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>
  post<T>(path: string, body: unknown): Promise<T>
  put<T>(path: string, body: unknown): Promise<T>
  events(onEvent: (event: DaemonEvent) => void, handlers?: { onOpen?: () => void, onEnd?: (err?: Error) => void }): () => void
}

/** The API through test/fixtures/api-bridge.mjs, run inside the daemon's namespace. */
class BridgeApi implements ApiLike {
  private readonly proc: ChildProcess
  private readonly pending = new Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>()
  private next = 0
  private listeners: Array<{ onEvent: (e: DaemonEvent) => void, onOpen?: () => void, onEnd?: (err?: Error) => void }> = []
  private opened = false

  constructor (netns: string, profileDir: string) {
    this.proc = spawn('ip', ['netns', 'exec', netns, process.execPath, resolve(ROOT, 'test/fixtures/api-bridge.mjs'), profileDir], { stdio: ['pipe', 'pipe', 'pipe'] })
    running.add(this.proc)
    this.proc.on('exit', () => { running.delete(this.proc) })
    let buffer = ''
    this.proc.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString()
      let nl: number
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buffer.slice(0, nl))
        buffer = buffer.slice(nl + 1)
        if (msg.open === true) {
          this.opened = true
          for (const l of this.listeners) l.onOpen?.()
        } else if (msg.event != null) {
          for (const l of this.listeners) l.onEvent(msg.event)
        } else if (msg.end != null) {
          for (const l of this.listeners) l.onEnd?.(new Error(msg.end))
        } else {
          const p = this.pending.get(msg.id)
          this.pending.delete(msg.id)
          if (msg.error != null) p?.reject(Object.assign(new Error(msg.error.message), msg.error))
          else p?.resolve(msg.result)
        }
      }
    })
  }

  private async call<T> (method: string, path: string, query?: unknown, body?: unknown): Promise<T> {
    const id = this.next++
    return await new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.proc.stdin!.write(`${JSON.stringify({ id, method, path, query, body })}\n`)
    })
  }

  async get<T> (path: string, query?: Record<string, string | number | undefined>): Promise<T> { return await this.call<T>('GET', path, query) }
  async post<T> (path: string, body: unknown): Promise<T> { return await this.call<T>('POST', path, undefined, body) }
  async put<T> (path: string, body: unknown): Promise<T> { return await this.call<T>('PUT', path, undefined, body) }

  events (onEvent: (event: DaemonEvent) => void, handlers: { onOpen?: () => void, onEnd?: (err?: Error) => void } = {}): () => void {
    const listener = { onEvent, ...handlers }
    this.listeners.push(listener)
    if (this.opened) handlers.onOpen?.()
    return () => {
      this.listeners = this.listeners.filter(l => l !== listener)
      this.proc.kill('SIGKILL')
    }
  }
}

export class DaemonProcess extends EventEmitter<{ event: [DaemonEvent] }> {
  readonly name: string
  readonly profileDir: string
  proc!: ChildProcess
  peerId = ''
  apiUrl = ''
  api!: ApiLike
  events: DaemonEvent[] = []
  private output = ''
  private closeEvents?: () => void
  private opts: DaemonOptions

  constructor (opts: DaemonOptions) {
    super()
    this.opts = opts
    this.name = opts.name
    this.profileDir = opts.profileDir ?? tempDir(`lanchat-${opts.name}-`)
  }

  /** stderr so far */
  stderr (): string {
    return this.output
  }

  /** Sets the extra daemon arguments of the next start (e.g. --group-fanout-max 2). */
  setArgs (args: string[]): this {
    this.opts.args = args
    return this
  }

  /** Sets the environment of the next start (e.g. another failpoint). */
  setEnv (env: Record<string, string>): this {
    this.opts.env = env
    return this
  }

  /**
   * Starts the daemon; resolves once its API answers and its event stream is
   * open (each within `readyMs`; defaults 20 s and 10 s). With `gate` the
   * process is spawned at once but holds (a shell waiting for a line on its
   * stdin) until the gate resolves, then execs the daemon: many daemons
   * spawned one by one (a fork can take 20-200 ms on a busy machine) then all
   * start within milliseconds.
   */
  async start (opts: { waitForIndex?: boolean, readyMs?: number, gate?: Promise<void> } = {}): Promise<this> {
    const readyMs = opts.readyMs ?? 20_000
    const index = this.opts.index === 'broadcast'
      ? []
      : ['--index', this.opts.index ?? (this.opts.indexPort != null ? `127.0.0.1:${this.opts.indexPort}` : '127.0.0.1:9')]
    const args = [...RUNTIME_FLAGS.lanchat, LANCHAT_BIN, 'daemon', '--profile', this.profileDir, '--name', this.name, ...index,
      '--listen', this.opts.listen ?? '127.0.0.1', ...(this.opts.port === 'default' ? [] : ['--port', String(this.opts.port ?? 0)]), '--api-port', '0', ...(this.opts.mdns === true ? [] : ['--no-mdns']), ...(this.opts.args ?? [])]
    this.output = ''
    // held: `sh` reads one line, then becomes the daemon (same PID)
    const daemon = [...(this.opts.wrap ?? []), process.execPath, ...args]
    const command = opts.gate != null ? ['sh', '-c', 'read go && exec "$@"', 'sh', ...daemon] : daemon
    const stdio: Array<'ignore' | 'pipe'> = [opts.gate != null ? 'pipe' : 'ignore', 'pipe', 'pipe']
    this.proc = this.opts.netns != null
      ? spawn('ip', ['netns', 'exec', this.opts.netns, ...command], { stdio, env: { ...process.env, ...this.opts.env } })
      : spawn(command[0], command.slice(1), { stdio, env: { ...process.env, ...this.opts.env } })
    running.add(this.proc)
    this.proc.on('exit', () => { running.delete(this.proc) })
    this.proc.stderr!.on('data', (d: Buffer) => { this.output += d.toString(); this.emit('stderr' as any) })
    if (opts.gate != null) {
      await opts.gate
      this.proc.stdin!.end('go\n')
    }
    const ready = await this.line(/lanchat daemon ready: \S+ \((\S+)\), api (http:\/\/127\.0\.0\.1:\d+)/, readyMs)
    this.peerId = ready[1]
    this.apiUrl = ready[2]
    this.api = this.opts.netns != null ? new BridgeApi(this.opts.netns, this.profileDir) : ApiClient.fromProfile(this.profileDir)
    const opened = Promise.withResolvers<void>()
    this.closeEvents = this.api.events((event) => {
      this.events.push(event)
      this.emit('event', event)
    }, { onOpen: () => { opened.resolve() }, onEnd: (err) => { opened.reject(err ?? new Error('the event stream ended')) } })
    const streamMs = opts.readyMs ?? 10_000
    const timer = setTimeout(() => { opened.reject(new Error(`${this.name}: the event stream did not open in ${streamMs} ms`)) }, streamMs)
    try {
      await opened.promise
    } finally {
      clearTimeout(timer)
    }
    if (opts.waitForIndex !== false && (this.opts.indexPort != null || this.opts.index != null)) await this.line(/logged in to the index server/, readyMs)
    return this
  }

  /** Waits for a line on stderr (since the last start) matching `re`. */
  async line (re: RegExp, ms = 15_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + ms
    for (;;) {
      const m = re.exec(this.output)
      if (m != null) return m
      if (this.proc.exitCode != null || this.proc.signalCode != null) throw new Error(`${this.name} exited (${String(this.proc.exitCode ?? this.proc.signalCode)}) before ${String(re)}:\n${this.output}`)
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${String(re)} from ${this.name}:\n${this.output}`)
      await waitForEvent(this, 'stderr', () => true, left).catch(() => {})
    }
  }

  /** Waits for an event (already seen since `since`, or coming). */
  async event (match: (e: DaemonEvent) => boolean, ms = 15_000, since = 0): Promise<DaemonEvent> {
    const seen = this.events.slice(since).find(match)
    if (seen != null) return seen
    const [e] = await waitForEvent<[DaemonEvent]>(this, 'event', match, ms)
    return e
  }

  /** Resolves with the history with `name` once it holds every id (checked now, then at each new message). */
  async received (name: string, ids: string[], ms = 20_000): Promise<ChatMessage[]> {
    const deadline = Date.now() + ms
    for (;;) {
      const since = this.events.length
      const history = await this.history(name)
      const have = new Set(history.map(m => m.id))
      if (ids.every(id => have.has(id))) return history
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`${this.name} did not receive ${ids.filter(id => !have.has(id)).length} of ${ids.length} messages from ${name} in ${ms} ms`)
      await this.event(e => e.type === 'message', left, since).catch(() => {})
    }
  }

  /** Resolves with the contact `name` once `match` holds for it (checked now, then at each presence event). */
  async sees (name: string, match: (c: Contact) => boolean, ms = 20_000): Promise<Contact> {
    const deadline = Date.now() + ms
    for (;;) {
      const since = this.events.length
      const contact = (await this.contacts()).find(c => c.name === name)
      if (contact != null && match(contact)) return contact
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`${this.name} did not see ${name} as expected in ${ms} ms (last: ${JSON.stringify(contact)})`)
      await this.event(e => e.type === 'presence' && e.contact.name === name, left, since).catch(() => {})
    }
  }

  async send (to: string, body: string): Promise<SendResult> {
    return await this.api.post<SendResult>('/api/messages', { to, body })
  }

  /** The whole conversation with `name`, oldest first: pages of 1000 back to the first message. */
  async history (name: string): Promise<ChatMessage[]> {
    const all: ChatMessage[] = []
    let before: number | undefined
    for (;;) {
      const page = await this.api.get<ChatMessage[]>('/api/messages', { with: name, limit: 1000, before })
      all.unshift(...page)
      if (page.length < 1000) return all
      before = Math.min(...page.map(m => m.sentAt))
    }
  }

  async contacts (): Promise<Contact[]> {
    return await this.api.get<Contact[]>('/api/contacts')
  }

  async status (): Promise<DaemonStatus> {
    return await this.api.get<DaemonStatus>('/api/status')
  }

  /** Resolves when the process has exited (e.g. killed by a failpoint). */
  async exited (ms = 20_000): Promise<void> {
    if (this.proc.exitCode != null || this.proc.signalCode != null) return
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`${this.name} did not exit within ${ms} ms`)) }, ms)
      this.proc.once('exit', () => { clearTimeout(timer); resolve() })
    })
    this.closeEvents?.()
  }

  /** SIGTERM (clean logout), wait for exit. */
  async stop (): Promise<number | null> {
    this.closeEvents?.()
    return await exitOf(this.proc, 'SIGTERM')
  }

  async kill (): Promise<void> {
    this.closeEvents?.()
    await exitOf(this.proc, 'SIGKILL')
  }
}

/** Runs the lanchat CLI with args; resolves with its exit code and output. */
export async function runCli (args: string[], opts: { input?: string, timeoutMs?: number, netns?: string } = {}): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const proc = opts.netns != null
    ? spawn('ip', ['netns', 'exec', opts.netns, process.execPath, ...RUNTIME_FLAGS.lanchat, LANCHAT_BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(process.execPath, [...RUNTIME_FLAGS.lanchat, LANCHAT_BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  running.add(proc)
  let stdout = ''
  let stderr = ''
  proc.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
  proc.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
  proc.stdin.end(opts.input ?? '')
  const timer = setTimeout(() => { proc.kill('SIGKILL') }, opts.timeoutMs ?? 20_000)
  const code = await new Promise<number | null>(resolve => { proc.on('exit', c => { resolve(c) }) })
  clearTimeout(timer)
  running.delete(proc)
  return { code, stdout, stderr }
}
