/**
 * The JSON routes of the local API: each one checks its input with a JSON
 * schema (wrong types and unknown fields are a 400, never coerced) and then
 * calls one DaemonApi method.
 */
import { MAX_MESSAGE_ID_CHARS } from '../../protocols/constants.js'
import { ApiError } from '../types.js'
import type { ChatMessage, Contact, ContactList, DaemonApi, DaemonStatus, DoctorReport, SearchResult, SendResult, SettableStatus } from '../types.js'
import { MAX_SEARCH_LIMIT } from '../store/search-limits.js'
import { DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT, MAX_PEER_NAME_CHARS, MAX_READ_IDS } from './constants.js'
import type { FastifyInstance, FastifyReply } from 'fastify'

const peerName = { type: 'string', minLength: 1, maxLength: MAX_PEER_NAME_CHARS } as const

function objectSchema (properties: Record<string, unknown>, required: string[]): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required, properties }
}

const statusBody = objectSchema({
  status: { type: 'string', enum: ['online', 'away', 'busy'] },
  text: { type: 'string' }
}, ['status'])

const messageBody = objectSchema({ to: peerName, body: { type: 'string' } }, ['to', 'body'])

// query values stay strings (no type coercion anywhere), so numbers are checked by pattern
const messagesQuery = objectSchema({
  with: peerName,
  limit: { type: 'string', pattern: '^[0-9]{1,7}$' },
  before: { type: 'string', pattern: '^[0-9]{1,16}$' }
}, ['with'])

const readBody = objectSchema({
  with: peerName,
  ids: { type: 'array', maxItems: MAX_READ_IDS, items: { type: 'string', minLength: 1, maxLength: MAX_MESSAGE_ID_CHARS } }
}, ['with'])

const typingBody = objectSchema({ to: peerName, on: { type: 'boolean' } }, ['to', 'on'])

const doctorQuery = objectSchema({ name: peerName }, [])

const contactsQuery = objectSchema({ list: { type: 'string', enum: ['people', 'requests', 'blocked', 'all'] } }, [])

// q is checked by the daemon, which says what is wrong with it in words (empty, too long)
const searchQuery = objectSchema({
  q: { type: 'string' },
  with: peerName,
  group: peerName,
  before: { type: 'string', pattern: '^[0-9]{1,16}$' },
  after: { type: 'string', pattern: '^[0-9]{1,16}$' },
  limit: { type: 'string', pattern: '^[0-9]{1,7}$' }
}, ['q'])

const resendBody = objectSchema({ id: { type: 'string', minLength: 1, maxLength: MAX_MESSAGE_ID_CHARS } }, ['id'])

/** block, unblock, forget: a shown name or a PeerId */
const personBody = objectSchema({ peer: peerName }, ['peer'])

function historyLimit (raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_HISTORY_LIMIT
  const limit = Number(raw)
  if (limit < 1 || limit > MAX_HISTORY_LIMIT) {
    throw new ApiError(400, 'invalid_request', `limit must be between 1 and ${MAX_HISTORY_LIMIT}`)
  }
  return limit
}

export function registerRoutes (app: FastifyInstance, daemon: DaemonApi): void {
  app.get('/api/status', async (): Promise<DaemonStatus> => daemon.status())

  app.put<{ Body: { status: SettableStatus, text?: string } }>('/api/status', { schema: { body: statusBody } },
    async (request): Promise<DaemonStatus> => daemon.setStatus(request.body.status, request.body.text))

  app.get<{ Querystring: { list?: ContactList } }>('/api/contacts', { schema: { querystring: contactsQuery } },
    async (request): Promise<Contact[]> => daemon.contacts(request.query.list ?? 'people'))

  app.post<{ Body: { peer: string } }>('/api/block', { schema: { body: personBody } },
    async (request): Promise<Contact> => daemon.block(request.body.peer))

  app.post<{ Body: { peer: string } }>('/api/unblock', { schema: { body: personBody } },
    async (request): Promise<Contact> => daemon.unblock(request.body.peer))

  app.post<{ Body: { peer: string } }>('/api/forget', { schema: { body: personBody } },
    async (request): Promise<{ peerId: string, messages: number }> => daemon.forget(request.body.peer))

  app.post<{ Body: { to: string, body: string } }>('/api/messages', { schema: { body: messageBody } },
    async (request, reply): Promise<SendResult> => {
      const result = await daemon.send(request.body.to, request.body.body)
      void reply.code(201)
      return result
    })

  app.post<{ Body: { id: string } }>('/api/resend', { schema: { body: resendBody } },
    async (request, reply): Promise<SendResult> => {
      const result = await daemon.resend(request.body.id)
      void reply.code(201)
      return result
    })

  app.get<{ Querystring: { with: string, limit?: string, before?: string } }>('/api/messages', { schema: { querystring: messagesQuery } },
    async (request): Promise<ChatMessage[]> => {
      const { with: name, limit, before } = request.query
      return daemon.history(name, {
        limit: historyLimit(limit),
        ...(before !== undefined ? { before: Number(before) } : {})
      })
    })

  app.get<{ Querystring: { q: string, with?: string, group?: string, before?: string, after?: string, limit?: string } }>('/api/search', { schema: { querystring: searchQuery } },
    async (request): Promise<SearchResult[]> => {
      const { q, with: peer, group, before, after, limit } = request.query
      if (limit !== undefined && (Number(limit) < 1 || Number(limit) > MAX_SEARCH_LIMIT)) {
        throw new ApiError(400, 'invalid_request', `limit must be between 1 and ${MAX_SEARCH_LIMIT}`)
      }
      return daemon.search({
        text: q,
        ...(peer !== undefined ? { with: peer } : {}),
        ...(group !== undefined ? { group } : {}),
        ...(before !== undefined ? { before: Number(before) } : {}),
        ...(after !== undefined ? { after: Number(after) } : {}),
        ...(limit !== undefined ? { limit: Number(limit) } : {})
      })
    })

  app.post<{ Body: { with: string, ids?: string[] } }>('/api/read', { schema: { body: readBody } },
    async (request): Promise<{ count: number }> => ({ count: daemon.markRead(request.body.with, request.body.ids) }))

  app.get<{ Querystring: { name?: string } }>('/api/doctor', { schema: { querystring: doctorQuery } },
    async (request): Promise<DoctorReport> => await daemon.doctor(request.query.name))

  app.post<{ Body: { to: string, on: boolean } }>('/api/typing', { schema: { body: typingBody } },
    async (request, reply): Promise<FastifyReply> => {
      daemon.typing(request.body.to, request.body.on)
      return reply.code(204).send()
    })
}
