/**
 * The daemon's local API as the page calls it: same-origin fetches carrying
 * the browser session as `Authorization: Session SECRET` (and, for POST/PUT,
 * our Origin, which the browser adds and the daemon requires). Cookies are
 * neither sent nor wanted. The page never holds the API token.
 */
import type { ChatMessage, Contact, DaemonStatus, FileTransfer, GroupInfo, GroupMessage, GroupSendResult, SearchResult, SendResult, SettableStatus } from '../../types.js'
import { SESSION_ROUTE, SESSION_SCHEME } from '../../api/session-wire.js'
import type { SessionGrant } from '../../api/session-wire.js'
import { dropSession, keepSession, sessionSecret } from './session.js'

/** Thrown when the daemon refuses the session (none, an expired one, or a used-up login code). */
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

/**
 * One request with the session; a 401 forgets the secret the daemon refused.
 * Without a secret nothing is sent: there is nothing to ask without one.
 */
async function call (method: string, path: string, init: { body?: unknown, raw?: Blob, signal: AbortSignal }): Promise<Response> {
  const secret = sessionSecret()
  if (secret === undefined) throw new UnauthorisedError()
  let res: Response
  try {
    res = await fetch(path, {
      method,
      // the session travels in a header only; an old cookie, if a browser still has one, is not sent
      credentials: 'omit',
      signal: init.signal,
      headers: {
        authorization: `${SESSION_SCHEME} ${secret}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.raw !== undefined ? { 'content-type': 'application/octet-stream' } : {})
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.raw !== undefined ? { body: init.raw } : {})
    })
  } catch {
    throw new DaemonGoneError()
  }
  if (res.status === 401) {
    dropSession(secret)
    throw new UnauthorisedError()
  }
  return res
}

async function failure (res: Response): Promise<Error> {
  const data = await res.json().catch(() => undefined) as { error?: { message?: string } } | undefined
  return new Error(data?.error?.message ?? `the daemon answered with HTTP status ${res.status}`)
}

async function request<T> (method: string, path: string, body?: unknown): Promise<T> {
  const res = await call(method, path, { body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  if (res.status === 204) return undefined as T
  if (!res.ok) throw await failure(res)
  return await res.json().catch(() => undefined) as T
}

/** Most time one uploaded file may take to reach the daemon (it is on this computer: this is a very large file). */
const UPLOAD_TIMEOUT_MS = 30 * 60_000

/** A file picked or dropped, with its path in a dropped folder ("photos/a.jpg") or its own name. */
export interface PickedFile {
  path: string
  file: File
}

/** Uploads the files to the daemon (a staging folder), then offers them to `to`. */
async function offerFiles (to: string, files: PickedFile[]): Promise<{ id: string, state: string }> {
  const { id } = await request<{ id: string }>('POST', '/api/uploads', {})
  for (const f of files) {
    const res = await call('PUT', `/api/uploads/${encodeURIComponent(id)}/files?${new URLSearchParams({ path: f.path }).toString()}`, { raw: f.file, signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS) })
    if (!res.ok) throw await failure(res)
  }
  return await request('POST', '/api/files', { to, upload: id })
}

/**
 * Trades a login code (from a `lanchat open` link) for a session and keeps
 * its secret. A refused code leaves the session this browser had, if any:
 * a page that sends us to a made-up code must not log us out.
 */
async function logIn (code: string): Promise<void> {
  let res: Response
  try {
    res = await fetch(SESSION_ROUTE, {
      method: 'POST',
      credentials: 'omit',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code })
    })
  } catch {
    throw new DaemonGoneError()
  }
  if (res.status === 403) throw new UnauthorisedError('this login link no longer works; run lanchat open again')
  if (!res.ok) throw await failure(res)
  keepSession((await res.json() as SessionGrant).secret)
}

/** Opens GET /api/events and resolves with its body once the daemon has accepted the stream. */
async function events (signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const res = await call('GET', '/api/events', { signal })
  if (!res.ok || res.body === null) throw await failure(res)
  return res.body
}

/** A group in a path: its id (names come from the network and may be alike), URL-encoded. */
const groupPath = (group: string): string => `/api/groups/${encodeURIComponent(group)}`

/** The groups routes (docs/api.md, Groups); a group is named by its id. */
const groups = {
  /** the everyone room, then the groups I am in */
  list: async (): Promise<GroupInfo[]> => await request('GET', '/api/groups'),
  create: async (name: string, members: string[]): Promise<GroupInfo> => await request('POST', '/api/groups', { name, members }),
  change: async (group: string, action: 'add' | 'remove' | 'admin', people: string[]): Promise<GroupInfo> =>
    await request('POST', `${groupPath(group)}/${action}`, { people }),
  rename: async (group: string, name: string): Promise<GroupInfo> => await request('POST', `${groupPath(group)}/rename`, { name }),
  leave: async (group: string): Promise<GroupInfo> => await request('POST', `${groupPath(group)}/leave`, {}),
  history: async (group: string, limit: number, before?: number): Promise<GroupMessage[]> => {
    const query = new URLSearchParams({ limit: String(limit) })
    if (before !== undefined) query.set('before', String(before))
    return await request('GET', `${groupPath(group)}/messages?${query.toString()}`)
  },
  send: async (group: string, body: string): Promise<GroupSendResult> => await request('POST', `${groupPath(group)}/messages`, { body }),
  read: async (group: string, ids?: string[]): Promise<{ count: number }> =>
    await request('POST', `${groupPath(group)}/read`, ids !== undefined ? { ids } : {}),
  /** I am (no longer) typing in the group (its online members hear of it) */
  typing: async (group: string, on: boolean): Promise<void> => { await request('POST', `${groupPath(group)}/typing`, { on }) }
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
  /** messages in every conversation that contain all the words of `text`, newest first */
  search: async (text: string, limit = 20): Promise<SearchResult[]> =>
    await request('GET', `/api/search?${new URLSearchParams({ q: text, limit: String(limit) }).toString()}`),
  block: async (peer: string): Promise<Contact> => await request('POST', '/api/block', { peer }),
  unblock: async (peer: string): Promise<Contact> => await request('POST', '/api/unblock', { peer }),
  forget: async (peer: string): Promise<{ peerId: string, messages: number }> => await request('POST', '/api/forget', { peer }),
  groups,
  /** file transfers both ways, newest first */
  files: async (): Promise<FileTransfer[]> => await request('GET', '/api/files'),
  /** accept, reject or cancel a transfer; answers it as it is now */
  answerFile: async (id: string, what: 'accept' | 'reject' | 'cancel'): Promise<FileTransfer> => await request('POST', `/api/files/${encodeURIComponent(id)}/${what}`, {}),
  offerFiles,
  /** opens the folder a received transfer landed in, on the daemon's desktop */
  openFolder: async (id: string): Promise<{ path: string, opened: boolean, why?: string }> => await request('POST', `/api/files/${encodeURIComponent(id)}/open`, {}),
  logIn,
  events
}
