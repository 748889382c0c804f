/**
 * The page's one realtime channel: an EventSource on /api/events (the browser
 * sends the session cookie with it). Each time the stream opens, the page
 * fetches status and contacts again, so whatever happened while it was away
 * shows up. When the daemon goes away the browser retries the stream on its
 * own; when the daemon refuses it (closed), we ask why: no session means the
 * "not authorised" view, anything else a new stream after a short backoff.
 */
import type { DaemonEvent } from '../../types.js'
import { api } from './api.js'
import type { Action } from './store.js'

/** Backoff before a new stream after the daemon refused one (not after a dropped connection: the browser retries those itself). */
const RETRY_MIN_MS = 1000
const RETRY_MAX_MS = 10_000

export interface ConnectionHandlers {
  dispatch: (action: Action) => void
  /** every event, after dispatch (for notifications) */
  onEvent?: (event: DaemonEvent) => void
}

/** Opens the event stream and keeps it open; returns a function that closes it for good. */
export function connect (handlers: ConnectionHandlers): () => void {
  const { dispatch } = handlers
  let source: EventSource | undefined
  let retryMs = RETRY_MIN_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  const sync = async (): Promise<void> => {
    try {
      const [me, contacts] = await Promise.all([api.status(), api.contacts()])
      if (!closed) dispatch({ type: 'synced', me, contacts })
      retryMs = RETRY_MIN_MS
    } catch (err) {
      if (closed) return
      if ((err as Error).name === 'UnauthorisedError') {
        source?.close()
        dispatch({ type: 'unauthorised' })
      } else {
        dispatch({ type: 'lost' })
      }
    }
  }

  const reopen = (): void => {
    clearTimeout(timer)
    timer = setTimeout(open, retryMs)
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS)
  }

  /** the stream was refused: a missing session ends here, anything else is tried again */
  const refused = async (): Promise<void> => {
    try {
      await api.status()
    } catch (err) {
      if (closed) return
      if ((err as Error).name === 'UnauthorisedError') {
        dispatch({ type: 'unauthorised' })
        return
      }
    }
    dispatch({ type: 'lost' })
    reopen()
  }

  function open (): void {
    if (closed) return
    const es = new EventSource('/api/events')
    source = es
    es.onopen = () => { void sync() }
    es.onmessage = (message: MessageEvent<string>) => {
      let event: DaemonEvent
      try {
        event = JSON.parse(message.data) as DaemonEvent
      } catch {
        return
      }
      dispatch({ type: 'event', event })
      handlers.onEvent?.(event)
    }
    es.onerror = () => {
      if (closed) return
      if (es.readyState === EventSource.CLOSED) void refused()
      else dispatch({ type: 'lost' })
    }
  }

  open()
  return () => {
    closed = true
    clearTimeout(timer)
    source?.close()
  }
}
