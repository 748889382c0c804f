/**
 * How a program finds and talks to the daemon of a profile: `api.json`
 * (where the API listens) and `api-token` (the bearer secret) in the profile
 * directory, and {@link ApiClient}, a small client of the local HTTP API
 * that the CLI, tests and the web client opener share.
 *
 * @example
 * ```ts
 * const client = ApiClient.fromProfile(defaultProfileDir())
 * const contacts = await client.get<Contact[]>('/api/contacts')
 * const close = client.events(event => { console.log(event.type) })
 * ```
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { EventSourceParserStream } from 'eventsource-parser/stream'
import { ApiError } from '../types.js'
import type { DaemonEvent } from '../types.js'
import { rememberedName } from '../store/db.js'
import { API_INFO_FILE, TOKEN_FILE } from '../profile-files.js'
import { DaemonNotRunningError, DaemonUnreachableError } from './errors.js'

/** How long one request may take before the CLI gives up on the daemon (a send waits for at most a short delivery deadline). */
export const REQUEST_TIMEOUT_MS = 30_000
/** Longest event the client buffers while parsing the event stream (a 64 KiB chat body JSON-escaped fits). */
export const MAX_EVENT_CHARS = 1024 * 1024

export interface ApiInfo {
  url: string
  port: number
  pid: number
}

/** `~/.lanchat`, the profile used when no --profile is given (runtime/platform.ts). */
export { defaultProfileDir } from '../../runtime/platform.js'

/**
 * Reads `<profile>/api.json`. Undefined when it is missing, not what the
 * daemon writes, or points anywhere but this machine's loopback: all mean
 * "no daemon to talk to".
 */
export function readApiInfo (profileDir: string): ApiInfo | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(join(profileDir, API_INFO_FILE), 'utf8'))
  } catch {
    return undefined
  }
  const { url, port, pid } = (raw ?? {}) as Partial<ApiInfo>
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return undefined
  if (typeof pid !== 'number' || !Number.isInteger(pid)) return undefined
  if (url !== `http://127.0.0.1:${port}` && url !== `http://localhost:${port}`) return undefined
  return { url, port, pid }
}

/** False only when the pid surely names no process (a daemon that crashed and left api.json behind). */
/** No daemon for this profile: the error, with the name the profile remembers (so the hint does not ask for --name again). */
function notRunning (profileDir: string): DaemonNotRunningError {
  return new DaemonNotRunningError(profileDir, rememberedName(profileDir))
}

function processExists (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

export interface ApiClientInit {
  /** `http://127.0.0.1:PORT` */
  url: string
  token: string
  /** named in the "no daemon is running" error */
  profileDir?: string
}

export interface EventHandlers {
  /** the stream is open: events published from now on will arrive */
  onOpen?: () => void
  /** the stream ended without close() being called; `err` says why when it failed */
  onEnd?: (err?: Error) => void
}

export class ApiClient {
  readonly url: string
  readonly profileDir: string | undefined
  private readonly token: string

  constructor (init: ApiClientInit) {
    this.url = init.url
    this.token = init.token
    this.profileDir = init.profileDir
  }

  /** A client for the daemon of `profileDir`; throws DaemonNotRunningError when there is plainly none. */
  static fromProfile (profileDir: string): ApiClient {
    const info = readApiInfo(profileDir)
    if (info === undefined || !processExists(info.pid)) throw notRunning(profileDir)
    let token: string
    try {
      token = readFileSync(join(profileDir, TOKEN_FILE), 'utf8').trim()
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notRunning(profileDir)
      throw new Error(`cannot read ${join(profileDir, TOKEN_FILE)}: ${(err as Error).message}`)
    }
    return new ApiClient({ url: info.url, token, profileDir })
  }

  async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value))
    }
    const search = params.size > 0 ? `?${params.toString()}` : ''
    return await this.request<T>('GET', path + search)
  }

  /** `timeoutMs`: longer than REQUEST_TIMEOUT_MS for a request that does long work (offering files hashes them first) */
  async post<T>(path: string, body: unknown, opts: { timeoutMs?: number } = {}): Promise<T> {
    return await this.request<T>('POST', path, body, opts.timeoutMs)
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    return await this.request<T>('PUT', path, body)
  }

  /**
   * Subscribes to GET /api/events and calls `onEvent` for each event.
   * Returns a function that closes the stream (after which no handler runs).
   */
  events (onEvent: (event: DaemonEvent) => void, handlers: EventHandlers = {}): () => void {
    const closer = new AbortController()
    const run = async (): Promise<void> => {
      const res = await this.fetch('/api/events', { headers: { accept: 'text/event-stream' }, signal: closer.signal })
      if (!res.ok || res.body === null) throw await this.failure(res)
      handlers.onOpen?.()
      const messages = res.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream({ maxBufferSize: MAX_EVENT_CHARS }))
        .getReader()
      while (true) {
        const { done, value } = await messages.read()
        if (done || closer.signal.aborted) return
        onEvent(JSON.parse(value.data) as DaemonEvent)
      }
    }
    run().then(
      () => { if (!closer.signal.aborted) handlers.onEnd?.() },
      (err: Error) => { if (!closer.signal.aborted) handlers.onEnd?.(err) }
    )
    return () => { closer.abort() }
  }

  private async request<T>(method: string, path: string, body?: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<T> {
    const res = await this.fetch(path, {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {})
    })
    if (!res.ok) throw await this.failure(res)
    if (res.status === 204) return undefined as T
    try {
      return await res.json() as T
    } catch {
      throw new DaemonUnreachableError(`the daemon at ${this.url} answered ${method} ${path} with something that is not JSON`)
    }
  }

  /** fetch with the token; a refused connection means the daemon is gone */
  private async fetch (path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response> {
    try {
      return await fetch(this.url + path, { ...init, headers: { ...init.headers, authorization: `Bearer ${this.token}` } })
    } catch (err) {
      const code = ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code
      if (code === 'ECONNREFUSED') throw this.profileDir != null ? notRunning(this.profileDir) : new DaemonNotRunningError(this.url)
      if ((err as Error).name === 'TimeoutError') {
        throw new DaemonUnreachableError(`the daemon at ${this.url} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`)
      }
      if ((err as Error).name === 'AbortError') throw err
      throw new DaemonUnreachableError(`cannot reach the daemon at ${this.url}: ${code ?? (err as Error).message}`)
    }
  }

  /** the API's own error, as an ApiError with its status, code and sentence */
  private async failure (res: Response): Promise<Error> {
    const text = await res.text().catch(() => '')
    try {
      const { error } = JSON.parse(text) as { error?: { code?: unknown, message?: unknown } }
      if (typeof error?.code === 'string' && typeof error.message === 'string') {
        return new ApiError(res.status, error.code, error.message)
      }
    } catch {}
    return new ApiError(res.status, 'http_error', `the daemon at ${this.url} answered with HTTP status ${res.status}`)
  }
}
