/**
 * The page's one realtime channel: GET /api/events read with fetch (the
 * browser's EventSource cannot send the session header) and parsed by
 * eventsource-parser. Each time the stream opens, the page fetches status,
 * contacts, groups and file transfers again, so whatever happened while it was
 * away shows up. A stream
 * that drops, or that stays silent past three keepalives, is opened again
 * after a short backoff; a refused session ends here with the "not
 * authorised" view.
 */
import { createParser } from 'eventsource-parser'
import { SSE_KEEPALIVE_MS } from '../../api/constants.js'
import type { DaemonEvent } from '../../types.js'
import { api } from './api.js'
import type { Action } from './store.js'

/** Backoff before opening the stream again; the daemon is on this computer, so trying often costs nothing. */
const RETRY_MIN_MS = 500
const RETRY_MAX_MS = 5000
/** A stream silent this long (three missed keepalives) is taken for dead, e.g. a daemon that hangs without closing it. */
const STREAM_IDLE_MS = 3 * SSE_KEEPALIVE_MS
/** Longest event the page buffers while parsing the stream, as the CLI (a 64 KiB chat body JSON-escaped fits). */
const MAX_EVENT_CHARS = 1024 * 1024

export interface ConnectionHandlers {
  dispatch: (action: Action) => void
  /** every event, after dispatch (for notifications) */
  onEvent?: (event: DaemonEvent) => void
}

/** Opens the event stream and keeps it open; returns a function that closes it for good. */
export function connect (handlers: ConnectionHandlers): () => void {
  const { dispatch } = handlers
  let stream: AbortController | undefined
  let retryMs = RETRY_MIN_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  const unauthorised = (): void => {
    closed = true
    clearTimeout(timer)
    stream?.abort()
    dispatch({ type: 'unauthorised' })
  }

  /** what a daemon from before groups or files answers without: the page still works, without that part */
  const ifAny = async <T>(ask: () => Promise<T>): Promise<T | undefined> => await ask().catch((err: Error) => {
    if (err.name === 'UnauthorisedError' || err.name === 'DaemonGoneError') throw err
    return undefined
  })

  const sync = async (): Promise<void> => {
    try {
      const [me, contacts, groups, files] = await Promise.all([api.status(), api.contacts(), ifAny(api.groups.list), ifAny(api.files)])
      if (closed) return
      dispatch({ type: 'synced', me, contacts, groups })
      if (files !== undefined) dispatch({ type: 'files', files })
      retryMs = RETRY_MIN_MS
    } catch (err) {
      if (closed) return
      if ((err as Error).name === 'UnauthorisedError') unauthorised()
      else dispatch({ type: 'lost' })
    }
  }

  const deliver = (data: string): void => {
    let event: DaemonEvent
    try {
      event = JSON.parse(data) as DaemonEvent
    } catch {
      return
    }
    dispatch({ type: 'event', event })
    handlers.onEvent?.(event)
  }

  /** One stream, from opening to its end; resolves when the daemon ends it, rejects when it fails or is refused. */
  const follow = async (abort: AbortController): Promise<void> => {
    let idle: ReturnType<typeof setTimeout> | undefined
    const awake = (): void => {
      clearTimeout(idle)
      idle = setTimeout(() => { abort.abort() }, STREAM_IDLE_MS)
    }
    awake()
    try {
      const body = await api.events(abort.signal)
      void sync()
      const parser = createParser({
        onEvent: message => { deliver(message.data) },
        onError: () => { abort.abort() },
        maxBufferSize: MAX_EVENT_CHARS
      })
      const reader = body.getReader()
      const text = new TextDecoder()
      while (true) {
        const { done, value } = await reader.read()
        if (done) return
        awake()
        parser.feed(text.decode(value, { stream: true }))
      }
    } finally {
      clearTimeout(idle)
    }
  }

  function open (): void {
    if (closed) return
    const abort = new AbortController()
    stream = abort
    follow(abort).then(lost, (err: Error) => {
      if (err.name === 'UnauthorisedError' && !closed) unauthorised()
      else lost()
    })
  }

  /** the stream ended or failed: say so, and open a new one after the backoff */
  function lost (): void {
    if (closed) return
    dispatch({ type: 'lost' })
    clearTimeout(timer)
    timer = setTimeout(open, retryMs)
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS)
  }

  open()
  return () => {
    closed = true
    clearTimeout(timer)
    stream?.abort()
  }
}
