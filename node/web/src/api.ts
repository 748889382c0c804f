/**
 * The daemon's local API as the page calls it: same-origin fetches that the
 * browser sends with the session cookie (and, for POST/PUT, our Origin, which
 * the daemon requires). The page never holds the API token.
 */
import type { ChatMessage, Contact, DaemonStatus, SendResult, SettableStatus } from '../../types.js'

/** Thrown when the daemon refuses the session (no cookie, or an expired one). */
export class UnauthorisedError extends Error {
  static name = 'UnauthorisedError'
  name = 'UnauthorisedError'
  constructor (message = 'this browser is not logged in to the lanchat daemon') { super(message) }
}

/** Thrown when the daemon does not answer at all (stopped, or restarting). */
export class DaemonGoneError extends Error {
  static name = 'DaemonGoneError'
  name = 'DaemonGoneError'
  constructor (message = 'your lanchat daemon is not answering; start it again with lanchat daemon') { super(message) }
}

/** How long one request may take before the page says the daemon is not answering (a send waits for a short delivery deadline). */
const REQUEST_TIMEOUT_MS = 20_000

async function request<T> (method: string, path: string, body?: unknown): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {})
    })
  } catch {
    throw new DaemonGoneError()
  }
  if (res.status === 401) throw new UnauthorisedError()
  if (res.status === 204) return undefined as T
  const data = await res.json().catch(() => undefined) as { error?: { message?: string } } | undefined
  if (!res.ok) throw new Error(data?.error?.message ?? `the daemon answered with HTTP status ${res.status}`)
  return data as T
}

export const api = {
  status: async (): Promise<DaemonStatus> => await request('GET', '/api/status'),
  setStatus: async (status: SettableStatus, text: string): Promise<DaemonStatus> => await request('PUT', '/api/status', { status, text }),
  /** everyone the daemon knows: the people list, message requests and blocked people (Contact.trust says which) */
  contacts: async (): Promise<Contact[]> => await request('GET', '/api/contacts?list=all'),
  /** `peer` is a PeerId (or a shown name) wherever a person is named */
  history: async (peer: string, limit: number, before?: number): Promise<ChatMessage[]> => {
    const query = new URLSearchParams({ with: peer, limit: String(limit) })
    if (before !== undefined) query.set('before', String(before))
    return await request('GET', `/api/messages?${query.toString()}`)
  },
  send: async (to: string, body: string): Promise<SendResult> => await request('POST', '/api/messages', { to, body }),
  read: async (name: string, ids?: string[]): Promise<{ count: number }> =>
    await request('POST', '/api/read', ids !== undefined ? { with: name, ids } : { with: name }),
  typing: async (to: string, on: boolean): Promise<void> => { await request('POST', '/api/typing', { to, on }) },
  block: async (peer: string): Promise<Contact> => await request('POST', '/api/block', { peer }),
  unblock: async (peer: string): Promise<Contact> => await request('POST', '/api/unblock', { peer }),
  forget: async (peer: string): Promise<{ peerId: string, messages: number }> => await request('POST', '/api/forget', { peer })
}
