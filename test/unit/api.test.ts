// The daemon's local HTTP API, driven through app.inject() against a stub daemon:
// strangers are refused (token, Host, Origin), each route does its one job and
// says plainly what was wrong, the event stream carries what the daemon publishes,
// and listening stays on 127.0.0.1 with a clear word when the port is taken.
import { createServer } from 'node:net'
import type { Server } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { createApi, listenApi, ApiPortInUseError } from '../../node/api/index.js'
import type { LanchatApi } from '../../node/api/index.js'
import type { DaemonEvent } from '../../node/types.js'
import { StubDaemon } from '../helpers/stub-daemon.js'

const TOKEN = 'a1'.repeat(32)
const PORT = 47480
const OK = { host: `127.0.0.1:${PORT}`, authorization: `Bearer ${TOKEN}` }

const ROUTES: Array<[InjectOptions['method'], string]> = [
  ['GET', '/api/status'], ['PUT', '/api/status'], ['GET', '/api/contacts'],
  ['POST', '/api/messages'], ['GET', '/api/messages?with=bob'], ['POST', '/api/read'],
  ['POST', '/api/typing'], ['GET', '/api/events'], ['POST', '/api/block'], ['POST', '/api/unblock'], ['POST', '/api/forget']
]

let daemon: StubDaemon
let app: LanchatApi
let logged: string[]

/** every answer, whatever it is, must not open the API to other origins */
async function call (options: InjectOptions): Promise<LightMyRequestResponse> {
  const res = await app.inject(options)
  expect(Object.keys(res.headers).filter(h => h.startsWith('access-control-'))).toEqual([])
  return res
}

function errorOf (res: LightMyRequestResponse): { code: string, message: string } {
  return res.json().error
}

beforeEach(() => {
  daemon = new StubDaemon()
  logged = []
  app = createApi({ daemon, token: TOKEN, allowedPort: () => PORT, log: line => logged.push(line) })
})

afterEach(async () => {
  await app.close()
})

describe('strangers are refused', () => {
  it.each(ROUTES)('%s %s without a token answers 401', async (method, url) => {
    const res = await call({ method, url, headers: { host: OK.host } })
    expect(res.statusCode).toBe(401)
    expect(errorOf(res).code).toBe('unauthorized')
  })

  it.each(ROUTES)('%s %s with a forged session secret, or a session cookie, answers 401', async (method, url) => {
    const forged = `${Math.floor(Date.now() / 1000) + 3600}.${'n'.repeat(32)}.${'s'.repeat(43)}`
    for (const headers of [{ authorization: `Session ${forged}` }, { cookie: `lanchat_session_${PORT}=${forged}` }]) {
      const res = await call({ method, url, headers: { host: OK.host, ...headers } })
      expect(res.statusCode).toBe(401)
      expect(errorOf(res).code).toBe('unauthorized')
    }
  })

  it('POST /api/session is the one route that takes no credential, and it opens nothing without a fresh login code', async () => {
    const own = { host: OK.host, origin: `http://${OK.host}` }
    const res = await call({ method: 'POST', url: '/api/session', headers: { ...own, authorization: `Bearer ${TOKEN}` }, payload: { code: TOKEN } })
    expect(res.statusCode).toBe(403)
    expect(errorOf(res).code).toBe('login_code_invalid')
    for (const url of ['/', '/login', '/assets/x.js', '/api/sessions']) {
      const other = await call({ method: 'POST', url, headers: own, payload: {} })
      expect(other.statusCode).toBe(401)
    }
    const get = await call({ url: '/api/session', headers: own })
    expect(get.statusCode).toBe(401)
  })

  it('an unknown path without a token is a 401 as well: nothing to explore without the token', async () => {
    const res = await call({ url: '/api/secret-admin', headers: { host: OK.host } })
    expect(res.statusCode).toBe(401)
  })

  it('a wrong token, or a token of another length, answers 401', async () => {
    for (const token of ['b2'.repeat(32), 'short', TOKEN + '0']) {
      const res = await call({ url: '/api/status', headers: { ...OK, authorization: `Bearer ${token}` } })
      expect(res.statusCode).toBe(401)
    }
  })

  it('the token in the query string does not authenticate', async () => {
    for (const url of [`/api/status?token=${TOKEN}`, `/api/status?access_token=${TOKEN}`, `/api/events?token=${TOKEN}`]) {
      const res = await call({ url, headers: { host: OK.host } })
      expect(res.statusCode).toBe(401)
    }
  })

  it('a foreign Host is refused with 403 even with the right token (DNS rebinding)', async () => {
    for (const host of ['evil.example:47480', `127.0.0.1:${PORT + 1}`, '127.0.0.1', `[::1]:${PORT}`, `LOCALHOST.evil:${PORT}`]) {
      const res = await call({ url: '/api/status', headers: { ...OK, host } })
      expect(res.statusCode).toBe(403)
      expect(errorOf(res).code).toBe('forbidden_host')
    }
  })

  it('a foreign Origin is refused with 403; the API\'s own origin is fine', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${PORT + 1}`, 'null', `https://127.0.0.1:${PORT}`]) {
      const res = await call({ method: 'POST', url: '/api/messages', headers: { ...OK, origin }, payload: { to: 'bob', body: 'hi' } })
      expect(res.statusCode).toBe(403)
      expect(errorOf(res).code).toBe('forbidden_origin')
    }
    expect(daemon.sends).toEqual([])
    const own = await call({ url: '/api/status', headers: { ...OK, origin: `http://localhost:${PORT}` } })
    expect(own.statusCode).toBe(200)
  })

  it('a CORS preflight is refused and allows nothing', async () => {
    const res = await call({
      method: 'OPTIONS',
      url: '/api/messages',
      headers: { host: OK.host, origin: `http://127.0.0.1:${PORT}`, 'access-control-request-method': 'POST' }
    })
    expect(res.statusCode).toBe(405)
  })

  it('an unknown path answers 404 in the same error shape', async () => {
    const res = await call({ url: '/api/nothing', headers: OK })
    expect(res.statusCode).toBe(404)
    expect(errorOf(res)).toEqual({ code: 'not_found', message: 'there is no GET /api/nothing in the lanchat API' })
  })
})

describe('status', () => {
  it('GET shows the daemon\'s status', async () => {
    const res = await call({ url: '/api/status', headers: OK })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json()).toMatchObject({ name: 'alice', status: 'online', index: { connected: true } })
  })

  it('PUT sets it and answers the new status', async () => {
    const res = await call({ method: 'PUT', url: '/api/status', headers: OK, payload: { status: 'away', text: 'lunch' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'away', statusText: 'lunch' })
    expect(daemon.me.status).toBe('away')
  })

  it.each([
    [{ status: 'offline' }], [{ status: 'away', text: 5 }], [{}], [{ status: 'away', mood: 'fine' }], [['away']]
  ])('PUT %j is a 400', async (payload) => {
    const res = await call({ method: 'PUT', url: '/api/status', headers: OK, payload })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).code).toBe('invalid_request')
    expect(daemon.me.status).toBe('online')
  })
})

describe('contacts', () => {
  it('GET lists the people list; ?list= gives requests, blocked, or all', async () => {
    daemon.people.push({ ...daemon.people[0], name: 'unverified-x7Kq9Z', claimedName: 'bob', peerId: '12D3KooWstranger', verified: false, trust: 'request' })
    const res = await call({ url: '/api/contacts', headers: OK })
    expect(res.statusCode).toBe(200)
    expect(res.json().map((c: { name: string }) => c.name)).toEqual(['bob', 'carol', 'dave'])
    const requests = await call({ url: '/api/contacts?list=requests', headers: OK })
    expect(requests.json()).toEqual([expect.objectContaining({ name: 'unverified-x7Kq9Z', claimedName: 'bob', trust: 'request', verified: false })])
    expect((await call({ url: '/api/contacts?list=all', headers: OK })).json()).toHaveLength(4)
    const bad = await call({ url: '/api/contacts?list=friends', headers: OK })
    expect(bad.statusCode).toBe(400)
  })

  it('POST /api/block, /api/unblock and /api/forget take one name or PeerId and answer what changed', async () => {
    const blocked = await call({ method: 'POST', url: '/api/block', headers: OK, payload: { peer: 'dave' } })
    expect(blocked.statusCode).toBe(200)
    expect(blocked.json()).toMatchObject({ name: 'dave', trust: 'blocked' })
    const dave = blocked.json().peerId as string
    expect((await call({ url: '/api/contacts?list=blocked', headers: OK })).json().map((c: { peerId: string }) => c.peerId)).toEqual([dave])
    expect((await call({ method: 'POST', url: '/api/unblock', headers: OK, payload: { peer: dave } })).json()).toMatchObject({ trust: 'lan' })
    daemon.receive('dave', 'hi')
    const forgot = await call({ method: 'POST', url: '/api/forget', headers: OK, payload: { peer: 'dave' } })
    expect(forgot.json()).toEqual({ peerId: dave, messages: 1 })
    const colleague = await call({ method: 'POST', url: '/api/forget', headers: OK, payload: { peer: 'bob' } })
    expect(colleague.statusCode).toBe(409)
    expect(errorOf(colleague).code).toBe('verified_contact')
    for (const payload of [{}, { peer: '' }, { peer: 'x'.repeat(65) }, { peer: 'bob', extra: 1 }, { peer: 7 }]) {
      expect((await call({ method: 'POST', url: '/api/block', headers: OK, payload })).statusCode).toBe(400)
    }
    expect((await call({ method: 'POST', url: '/api/block', headers: OK, payload: { peer: 'zed' } })).statusCode).toBe(404)
  })
})

describe('sending messages', () => {
  it('POST /api/messages hands the message to the daemon and answers 201 with its id and state', async () => {
    daemon.nextSendState = 'relayed'
    const res = await call({ method: 'POST', url: '/api/messages', headers: OK, payload: { to: 'bob', body: 'hello bob' } })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toEqual({ id: expect.any(String), state: 'relayed' })
    expect(daemon.sends).toEqual([{ to: 'bob', body: 'hello bob' }])
  })

  it('an unknown contact is the daemon\'s 404, with its message', async () => {
    const res = await call({ method: 'POST', url: '/api/messages', headers: OK, payload: { to: 'zed', body: 'hi' } })
    expect(res.statusCode).toBe(404)
    expect(errorOf(res)).toEqual({ code: 'unknown_contact', message: 'nobody called zed is known' })
  })

  it('an empty body is the daemon\'s 400; a body over the chat limit is its 413', async () => {
    const empty = await call({ method: 'POST', url: '/api/messages', headers: OK, payload: { to: 'bob', body: ' ' } })
    expect(empty.statusCode).toBe(400)
    const big = await call({ method: 'POST', url: '/api/messages', headers: OK, payload: { to: 'bob', body: 'x'.repeat(70 * 1024) } })
    expect(big.statusCode).toBe(413)
    expect(errorOf(big).code).toBe('body_too_large')
  })

  it('a request body over 256 KiB is refused with 413 before the daemon sees it', async () => {
    const res = await call({ method: 'POST', url: '/api/messages', headers: OK, payload: { to: 'bob', body: 'x'.repeat(300 * 1024) } })
    expect(res.statusCode).toBe(413)
    expect(errorOf(res)).toEqual({ code: 'too_large', message: 'the request body is larger than 256 KiB' })
    expect(daemon.sends).toEqual([])
  })

  it('bad JSON, wrong types, missing or unknown fields are a 400; text/plain is a 415', async () => {
    const bad = await call({ method: 'POST', url: '/api/messages', headers: { ...OK, 'content-type': 'application/json' }, payload: '{"to":' })
    expect(bad.statusCode).toBe(400)
    expect(errorOf(bad).code).toBe('invalid_json')
    for (const payload of [{ to: 5, body: 'hi' }, { to: 'bob' }, { to: 'bob', body: 'hi', group: 'x' }, { to: '', body: 'hi' }]) {
      const res = await call({ method: 'POST', url: '/api/messages', headers: OK, payload })
      expect(res.statusCode).toBe(400)
      expect(errorOf(res).message).toMatch(/^the request is not valid: /)
    }
    const text = await call({ method: 'POST', url: '/api/messages', headers: { ...OK, 'content-type': 'text/plain' }, payload: '{"to":"bob","body":"hi"}' })
    expect(text.statusCode).toBe(415)
    expect(daemon.sends).toEqual([])
  })

  it('maps each domain error to its status and code once, keeping its sentence', async () => {
    const { DOMAIN_ERRORS } = await import('../../node/api/errors.js')
    const delivery = await import('../../node/delivery/errors.js')
    const directory = await import('../../node/directory/errors.js')
    const { SearchQueryError } = await import('../../node/store/search.js')
    const files = await import('../../node/files/errors.js')
    const groups = await import('../../node/groups/errors.js')
    const errors: Error[] = [
      new files.UnknownTransferError('t1'), new files.TransferStateError('transfer t1 is done already'), new files.UnreadablePathError('/x cannot be read (ENOENT); check the path'),
      new files.NothingToSendError(), new files.OfferLimitError('at most 10000 files go in one offer; send the folders separately'),
      new delivery.UnknownContactError('zed'), new delivery.UnknownMessageError('x'), new delivery.BlockedContactError('bob'),
      new directory.VerifiedContactError('bob'), new delivery.EmptyMessageError(), new delivery.SendToSelfError('alice'),
      new directory.BlockSelfError(), new SearchQueryError('a search needs some text to look for'), new delivery.MessageTooLargeError(65536),
      new delivery.StorageFailedError(),
      new groups.UnknownGroupError('lunch'), new groups.AmbiguousGroupError('lunch', ['a', 'b']), new groups.NotGroupAdminError('lunch'),
      new groups.GroupNameError('a group name has 1 to 64 characters'), new groups.GroupTooLargeError(64), new groups.GroupMemberError('zed is not a member of lunch'), new groups.FixedGroupError(), new directory.StatusTextError('a status text is at most 140 characters')
    ]
    expect(errors.map(e => e.name).sort()).toEqual(Object.keys(DOMAIN_ERRORS).sort())
    for (const err of errors) {
      daemon.failWith = err
      const res = await call({ url: '/api/status', headers: OK })
      expect([res.statusCode, errorOf(res).code]).toEqual(DOMAIN_ERRORS[err.name])
      expect(errorOf(res).message).toBe(err.message)
    }
    expect(logged).toEqual([])
  })

  it('an unexpected daemon failure is a generic 500; the detail goes to the log only', async () => {
    daemon.failWith = new Error('database is locked at /secret/path')
    const res = await call({ method: 'POST', url: '/api/messages', headers: OK, payload: { to: 'bob', body: 'hi' } })
    expect(res.statusCode).toBe(500)
    expect(errorOf(res).code).toBe('internal')
    expect(res.body).not.toContain('/secret/path')
    expect(logged.join('\n')).toContain('database is locked at /secret/path')
  })
})

describe('history', () => {
  beforeEach(() => {
    for (let i = 1; i <= 5; i++) daemon.receive('bob', `message ${i}`)
    daemon.receive('carol', 'not for this chat')
  })

  it('GET /api/messages?with=bob answers the conversation oldest first', async () => {
    const res = await call({ url: '/api/messages?with=bob', headers: OK })
    expect(res.statusCode).toBe(200)
    expect(res.json().map((m: { body: string }) => m.body)).toEqual(['message 1', 'message 2', 'message 3', 'message 4', 'message 5'])
  })

  it('limit keeps the newest ones; before pages back', async () => {
    const last = await call({ url: '/api/messages?with=bob&limit=2', headers: OK })
    expect(last.json().map((m: { body: string }) => m.body)).toEqual(['message 4', 'message 5'])
    const before = last.json()[0].sentAt
    const older = await call({ url: `/api/messages?with=bob&limit=2&before=${before}`, headers: OK })
    expect(older.json().map((m: { body: string }) => m.body)).toEqual(['message 2', 'message 3'])
  })

  it.each([
    '/api/messages', '/api/messages?with=', '/api/messages?with=bob&with=carol',
    '/api/messages?with=bob&limit=0', '/api/messages?with=bob&limit=1001', '/api/messages?with=bob&limit=ten',
    '/api/messages?with=bob&before=yesterday'
  ])('a missing name or a bad number is a 400: %s', async (url) => {
    const res = await call({ url, headers: OK })
    expect(res.statusCode).toBe(400)
    expect(errorOf(res).code).toBe('invalid_request')
  })

  it('an unknown contact is a 404', async () => {
    const res = await call({ url: '/api/messages?with=zed', headers: OK })
    expect(res.statusCode).toBe(404)
  })
})

describe('read and typing', () => {
  it('POST /api/read marks bob\'s messages read and counts them', async () => {
    const first = daemon.receive('bob', 'one')
    daemon.receive('bob', 'two')
    const some = await call({ method: 'POST', url: '/api/read', headers: OK, payload: { with: 'bob', ids: [first.id] } })
    expect(some.json()).toEqual({ count: 1 })
    const rest = await call({ method: 'POST', url: '/api/read', headers: OK, payload: { with: 'bob' } })
    expect(rest.json()).toEqual({ count: 1 })
    expect(daemon.reads).toEqual([{ name: 'bob', ids: [first.id] }, { name: 'bob' }])
  })

  it('POST /api/read with ids that are not a list of strings is a 400; an unknown name a 404', async () => {
    expect((await call({ method: 'POST', url: '/api/read', headers: OK, payload: { with: 'bob', ids: 'in-1' } })).statusCode).toBe(400)
    expect((await call({ method: 'POST', url: '/api/read', headers: OK, payload: { with: 'bob', ids: [1] } })).statusCode).toBe(400)
    expect((await call({ method: 'POST', url: '/api/read', headers: OK, payload: { with: 'zed' } })).statusCode).toBe(404)
  })

  it('POST /api/typing tells the daemon and answers 204 with no body', async () => {
    const res = await call({ method: 'POST', url: '/api/typing', headers: OK, payload: { to: 'bob', on: true } })
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')
    expect(daemon.typings).toEqual([{ to: 'bob', on: true }])
  })

  it('POST /api/typing with on that is not a boolean is a 400; an unknown name a 404', async () => {
    expect((await call({ method: 'POST', url: '/api/typing', headers: OK, payload: { to: 'bob', on: 'yes' } })).statusCode).toBe(400)
    expect((await call({ method: 'POST', url: '/api/typing', headers: OK, payload: { to: 'zed', on: false } })).statusCode).toBe(404)
  })
})

describe('on a real socket', () => {
  let blocker: Server | undefined

  afterEach(async () => {
    if (blocker !== undefined) await new Promise(resolve => blocker?.close(resolve))
    blocker = undefined
  })

  /** reads the event stream until `want` shows up in it, or fails after `ms` */
  async function readUntil (reader: ReadableStreamDefaultReader<string>, seen: { text: string }, want: string, ms = 5_000): Promise<void> {
    const deadline = AbortSignal.timeout(ms)
    while (!seen.text.includes(want)) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_resolve, reject) => deadline.addEventListener('abort', () => { reject(new Error(`no "${want}" on the event stream within ${ms} ms; got ${JSON.stringify(seen.text)}`)) }))
      ])
      if (chunk.done) throw new Error(`the event stream ended before "${want}"`)
      seen.text += chunk.value
    }
  }

  it('the event stream delivers what the daemon publishes, keeps alive, and unsubscribes when the client leaves', async () => {
    const port = await listening({ port: 0, keepaliveMs: 50 })
    expect(app.server.address()).toMatchObject({ address: '127.0.0.1', port })

    const client = new AbortController()
    const res = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: client.signal })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const names: string[] = []
    res.headers.forEach((_value, name) => { names.push(name) })
    expect(names.filter(name => name.startsWith('access-control-'))).toEqual([])
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    const seen = { text: '' }
    await readUntil(reader, seen, ': connected\n\n')
    expect(daemon.subscribers).toBe(1)

    const event: DaemonEvent = { type: 'typing', name: 'bob', peerId: '12D3KooWbob', verified: true, on: true }
    daemon.publish(event)
    await readUntil(reader, seen, `data: ${JSON.stringify(event)}\n\n`)
    await readUntil(reader, seen, ': keepalive\n\n')

    client.abort()
    await daemon.until(() => daemon.subscribers === 0, 5_000, 'the API to unsubscribe the closed stream')
  })

  it('the web page opens the event stream with its session secret, as a header', async () => {
    const port = await listening({ port: 0 })
    const code = (await (await fetch(`http://127.0.0.1:${port}/api/login-codes`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{}' })).json()).code
    const grant = await fetch(`http://127.0.0.1:${port}/api/session`, { method: 'POST', headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' }, body: JSON.stringify({ code }) })
    expect(grant.status).toBe(201)
    const { secret } = await grant.json()
    const client = new AbortController()
    const res = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { authorization: `Session ${secret as string}` }, signal: client.signal })
    expect(res.status).toBe(200)
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    await readUntil(reader, { text: '' }, ': connected\n\n')
    expect(daemon.subscribers).toBe(1)
    client.abort()
    await daemon.until(() => daemon.subscribers === 0, 5_000, 'the API to unsubscribe the closed stream')
  })

  it('closing the app ends open event streams instead of hanging', async () => {
    const port = await listening({ port: 0 })
    const res = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { authorization: `Bearer ${TOKEN}` } })
    await daemon.until(() => daemon.subscribers === 1)
    await app.close()
    expect(await res.text()).toBe(': connected\n\n')
    expect(daemon.subscribers).toBe(0)
  })

  it('holds at most API_MAX_CONNECTIONS connections: more are dropped, and the API answers again once they go', async () => {
    const { API_MAX_CONNECTIONS } = await import('../../node/api/constants.js')
    const { connect } = await import('node:net')
    const port = await listening({ port: 0 })
    const idle = await Promise.all(Array.from({ length: API_MAX_CONNECTIONS }, async () => await new Promise<import('node:net').Socket>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => { resolve(socket) })
      socket.on('error', reject)
    })))
    await expect(fetch(`http://127.0.0.1:${port}/api/status`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(3_000) })).rejects.toThrow()
    for (const socket of idle) socket.destroy()
    const deadline = Date.now() + 5_000
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${port}/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } }).catch(() => undefined)
      if (res?.status === 200) break
      if (Date.now() > deadline) throw new Error('the API did not answer again after the idle connections closed')
    }
  })

  it('a taken port falls back to a free one on 127.0.0.1 when allowed', async () => {
    const taken = await occupyPort()
    const port = await listening({ port: taken, fallback: true })
    expect(port).not.toBe(taken)
    expect(app.server.address()).toMatchObject({ address: '127.0.0.1', port })
    const res = await fetch(`http://127.0.0.1:${port}/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(200)
  })

  it('a taken port without fallback fails with a sentence that says what to do', async () => {
    const taken = await occupyPort()
    const attempt = listenApi(app, { port: taken, fallback: false })
    await expect(attempt).rejects.toThrow(ApiPortInUseError)
    await expect(attempt).rejects.toThrow(`the API port ${taken} on 127.0.0.1 is already in use; pass --api-port N or --api-port 0`)
  })

  /** replaces the injected app by one listening on 127.0.0.1, whose Host check follows the bound port */
  async function listening (opts: { port: number, fallback?: boolean, keepaliveMs?: number }): Promise<number> {
    await app.close()
    let port = 0
    app = createApi({ daemon, token: TOKEN, allowedPort: () => port, keepaliveMs: opts.keepaliveMs })
    port = await listenApi(app, { port: opts.port, fallback: opts.fallback ?? false })
    return port
  }

  async function occupyPort (): Promise<number> {
    const server = createServer()
    blocker = server
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    return address.port
  }
})
