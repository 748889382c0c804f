/**
 * The web client's session and event stream, without a browser: the page's
 * own modules (session.ts, api.ts, connection.ts) against a stand-in fetch
 * and storage, with the clock in the test's hands. The login code leaves the
 * address bar; a good code stores a secret, a refused one keeps the old; the
 * secret goes in a header, never with cookies; events arrive however the
 * bytes are cut; a dropped or silent stream is opened again after a growing
 * backoff; a refused session is forgotten and the page stops asking.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SSE_KEEPALIVE_MS } from '../../node/api/constants.js'
import type { DaemonEvent, DaemonStatus } from '../../node/types.js'
import { api } from '../../node/web/src/api.js'
import { connect } from '../../node/web/src/connection.js'
import { sessionSecret, takeLoginCode } from '../../node/web/src/session.js'
import type { Action } from '../../node/web/src/store.js'

const KEY = 'lanchat.session'
const me = { name: 'alice' } as unknown as DaemonStatus

/** A call the page made: what it asked for and with which credentials. */
interface Call { method: string, path: string, authorization: string | undefined, credentials: RequestCredentials | undefined, body: string | undefined }

let store: Map<string, string>
let calls: Call[]
/** how the stand-in daemon answers GET /api/events next: a status, a network failure, or a stream the test writes to */
let nextEvents: Array<number | 'down' | 'stream'>
let streams: Array<ReadableStreamDefaultController<Uint8Array>>
let actions: Action[]
let close: (() => void) | undefined

function json (status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

function standInFetch (path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  calls.push({ method: init.method ?? 'GET', path, authorization: headers.get('authorization') ?? undefined, credentials: init.credentials, body: init.body as string | undefined })
  if (path === '/api/events') {
    const next = nextEvents.shift() ?? 'down'
    if (next === 'down') return Promise.reject(new TypeError('Failed to fetch'))
    if (typeof next === 'number') return Promise.resolve(json(next, { error: { code: 'x', message: 'refused' } }))
    const body = new ReadableStream<Uint8Array>({ start: controller => { streams.push(controller) } })
    init.signal?.addEventListener('abort', () => { try { streams.at(-1)?.error(new DOMException('aborted', 'AbortError')) } catch {} })
    return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }))
  }
  if (path === '/api/status') return Promise.resolve(json(200, me))
  if (path === '/api/contacts?list=all') return Promise.resolve(json(200, []))
  return Promise.resolve(json(404, { error: { code: 'not_found', message: 'no' } }))
}

function write (text: string): void {
  streams.at(-1)?.enqueue(new TextEncoder().encode(text))
}

function types (): string[] {
  return actions.map(a => a.type)
}

function eventCalls (): Call[] {
  return calls.filter(c => c.path === '/api/events')
}

beforeEach(() => {
  vi.useFakeTimers()
  store = new Map()
  calls = []
  nextEvents = []
  streams = []
  actions = []
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => { store.set(k, v) },
    removeItem: (k: string) => { store.delete(k) }
  })
  vi.stubGlobal('fetch', vi.fn(standInFetch))
})

afterEach(() => {
  close?.()
  close = undefined
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('logging in from the link', () => {
  it('the code is taken out of the address bar, and only the fragment goes', () => {
    const replaced: string[] = []
    vi.stubGlobal('location', { hash: '#code=abc_DEF-1', pathname: '/', search: '' })
    vi.stubGlobal('history', { state: null, replaceState: (_s: unknown, _t: string, url: string) => { replaced.push(url) } })
    expect(takeLoginCode()).toBe('abc_DEF-1')
    expect(replaced).toEqual(['/'])

    vi.stubGlobal('location', { hash: '', pathname: '/', search: '' })
    expect(takeLoginCode()).toBeUndefined()
    expect(replaced).toEqual(['/'])
  })

  it('a good code stores the secret; the request carries the code and no cookie', async () => {
    vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit) => {
      calls.push({ method: init.method ?? 'GET', path, authorization: undefined, credentials: init.credentials, body: init.body as string })
      return json(201, { secret: 'new-secret', expiresAt: 1 })
    }))
    await api.logIn('good')
    expect(calls).toEqual([{ method: 'POST', path: '/api/session', authorization: undefined, credentials: 'omit', body: '{"code":"good"}' }])
    expect(sessionSecret()).toBe('new-secret')
  })

  it('a refused code keeps the session this browser had: a made-up link cannot log anyone out', async () => {
    store.set(KEY, 'old-secret')
    vi.stubGlobal('fetch', vi.fn(async () => json(403, { error: { code: 'login_code_invalid', message: 'no' } })))
    await expect(api.logIn('made-up')).rejects.toThrow('this login link no longer works; run lanchat open again')
    expect(sessionSecret()).toBe('old-secret')
  })
})

describe('the event stream', () => {
  it('opens with the session in a header and no cookies, syncs, and delivers events however the bytes are cut', async () => {
    store.set(KEY, 's1')
    nextEvents = ['stream']
    close = connect({ dispatch: a => { actions.push(a) } })
    await vi.advanceTimersByTimeAsync(0)
    expect(eventCalls()).toEqual([{ method: 'GET', path: '/api/events', authorization: 'Session s1', credentials: 'omit', body: undefined }])
    expect(calls.every(c => c.authorization === 'Session s1' && c.credentials === 'omit')).toBe(true)
    expect(types()).toEqual(['synced'])

    const typing: DaemonEvent = { type: 'typing', name: 'bob', on: true }
    const text = `: connected\n\ndata: ${JSON.stringify(typing)}\n\n: keepalive\n\n`
    for (const ch of text) write(ch)
    await vi.advanceTimersByTimeAsync(0)
    expect(actions.filter(a => a.type === 'event')).toEqual([{ type: 'event', event: typing }])
  })

  it('a dropped stream shows "lost" and is opened again after 0.5 s, 1 s, 2 s, 4 s, then every 5 s; back to 0.5 s once synced', async () => {
    store.set(KEY, 's1')
    nextEvents = ['stream', 'down', 'down', 'down', 'down', 'down', 'down', 'stream', 'down']
    close = connect({ dispatch: a => { actions.push(a) } })
    await vi.advanceTimersByTimeAsync(0)
    streams[0].close()
    const gaps: number[] = []
    let at = Date.now()
    for (let opened = eventCalls().length; opened < 8;) {
      await vi.advanceTimersByTimeAsync(100)
      if (eventCalls().length > opened) {
        opened = eventCalls().length
        gaps.push(Date.now() - at)
        at = Date.now()
      }
    }
    expect(gaps).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000])
    expect(types().filter(t => t === 'lost').length).toBe(7)
    expect(types().at(-1)).toBe('synced')

    streams[1].close()
    await vi.advanceTimersByTimeAsync(499)
    expect(eventCalls()).toHaveLength(8)
    await vi.advanceTimersByTimeAsync(1)
    expect(eventCalls()).toHaveLength(9)
  })

  it('a stream silent for three keepalives is taken for dead and opened again; keepalives keep it open', async () => {
    store.set(KEY, 's1')
    nextEvents = ['stream', 'stream']
    close = connect({ dispatch: a => { actions.push(a) } })
    await vi.advanceTimersByTimeAsync(0)
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(SSE_KEEPALIVE_MS)
      write(': keepalive\n\n')
    }
    expect(eventCalls()).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(3 * SSE_KEEPALIVE_MS - 1)
    expect(types()).not.toContain('lost')
    await vi.advanceTimersByTimeAsync(1)
    expect(types().at(-1)).toBe('lost')
    await vi.advanceTimersByTimeAsync(500)
    expect(eventCalls()).toHaveLength(2)
  })

  it('a refused session is forgotten, the page says "not authorised" and stops asking', async () => {
    store.set(KEY, 's1')
    nextEvents = [401]
    close = connect({ dispatch: a => { actions.push(a) } })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(types()).toEqual(['unauthorised'])
    expect(store.has(KEY)).toBe(false)
    expect(eventCalls()).toHaveLength(1)
  })

  it('a refusal does not forget a newer secret another tab stored meanwhile', async () => {
    store.set(KEY, 's1')
    vi.stubGlobal('fetch', vi.fn(async () => {
      store.set(KEY, 's2')
      return json(401, { error: { code: 'unauthorized', message: 'no' } })
    }))
    await expect(api.status()).rejects.toThrow('this browser is not logged in to the lanchat daemon')
    expect(store.get(KEY)).toBe('s2')
  })

  it('without a secret nothing is sent at all', async () => {
    close = connect({ dispatch: a => { actions.push(a) } })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls).toEqual([])
    expect(types()).toEqual(['unauthorised'])
  })

  it('another answer than 200 or 401 (a 503 while the daemon starts) is tried again, not taken for a logout', async () => {
    store.set(KEY, 's1')
    nextEvents = [503, 'stream']
    close = connect({ dispatch: a => { actions.push(a) } })
    await vi.advanceTimersByTimeAsync(500)
    expect(types()).toEqual(['lost', 'synced'])
    expect(store.get(KEY)).toBe('s1')
  })
})
