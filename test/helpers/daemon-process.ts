/**
 * Runs the real `lanchat daemon` (dist/, built by `npm test`) as a child
 * process on 127.0.0.1 (--listen 127.0.0.1, --no-mdns, --index to a test
 * index server), talks to it through its local API, and stops it by PID.
 */
import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { resolve } from 'node:path'
import { ApiClient } from '../../node/cli/profile.js'
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
  profileDir?: string
  args?: string[]
}

export class DaemonProcess extends EventEmitter<{ event: [DaemonEvent] }> {
  readonly name: string
  readonly profileDir: string
  proc!: ChildProcess
  peerId = ''
  apiUrl = ''
  api!: ApiClient
  events: DaemonEvent[] = []
  private output = ''
  private closeEvents?: () => void
  private readonly opts: DaemonOptions

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

  /** Starts the daemon; resolves once its API answers and its event stream is open. */
  async start (opts: { waitForIndex?: boolean } = {}): Promise<this> {
    const index = this.opts.indexPort != null ? ['--index', `127.0.0.1:${this.opts.indexPort}`] : ['--index', '127.0.0.1:9']
    const args = [LANCHAT_BIN, 'daemon', '--profile', this.profileDir, '--name', this.name, ...index,
      '--listen', '127.0.0.1', '--port', '0', '--api-port', '0', '--no-mdns', ...(this.opts.args ?? [])]
    this.output = ''
    this.proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(this.proc)
    this.proc.on('exit', () => { running.delete(this.proc) })
    this.proc.stderr!.on('data', (d: Buffer) => { this.output += d.toString(); this.emit('stderr' as any) })
    const ready = await this.line(/lanchat daemon ready: \S+ \((\S+)\), api (http:\/\/127\.0\.0\.1:\d+)/, 20_000)
    this.peerId = ready[1]
    this.apiUrl = ready[2]
    this.api = ApiClient.fromProfile(this.profileDir)
    const opened = Promise.withResolvers<void>()
    this.closeEvents = this.api.events((event) => {
      this.events.push(event)
      this.emit('event', event)
    }, { onOpen: () => { opened.resolve() }, onEnd: (err) => { opened.reject(err ?? new Error('the event stream ended')) } })
    const timer = setTimeout(() => { opened.reject(new Error(`${this.name}: the event stream did not open in 10 s`)) }, 10_000)
    try {
      await opened.promise
    } finally {
      clearTimeout(timer)
    }
    if (opts.waitForIndex !== false && this.opts.indexPort != null) await this.line(/logged in to the index server/, 20_000)
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

  async send (to: string, body: string): Promise<SendResult> {
    return await this.api.post<SendResult>('/api/messages', { to, body })
  }

  async history (name: string): Promise<ChatMessage[]> {
    return await this.api.get<ChatMessage[]>('/api/messages', { with: name, limit: 1000 })
  }

  async contacts (): Promise<Contact[]> {
    return await this.api.get<Contact[]>('/api/contacts')
  }

  async status (): Promise<DaemonStatus> {
    return await this.api.get<DaemonStatus>('/api/status')
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
export async function runCli (args: string[], opts: { input?: string, timeoutMs?: number } = {}): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const proc = spawn(process.execPath, [LANCHAT_BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
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
