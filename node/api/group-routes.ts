/**
 * The local API's group routes: each checks its input with a JSON schema
 * (wrong types and unknown fields are a 400) and calls one GroupsApi method.
 * A group is named in the path by its name or id (URL-encoded).
 *
 * @example
 * ```sh
 * curl -H "Authorization: Bearer $TOKEN" -d '{"name":"lunch","members":["bob"]}' http://127.0.0.1:47480/api/groups
 * ```
 */
import { MAX_MESSAGE_ID_CHARS } from '../../protocols/constants.js'
import { ApiError } from '../types.js'
import { DEFAULT_HISTORY_LIMIT, MAX_GROUP_PEOPLE, MAX_HISTORY_LIMIT, MAX_PEER_NAME_CHARS, MAX_READ_IDS } from './constants.js'
import type { GroupChange, GroupInfo, GroupMessage, GroupSendResult, GroupsApi } from '../types.js'
import type { FastifyInstance, FastifyReply } from 'fastify'

const name = { type: 'string', minLength: 1, maxLength: MAX_PEER_NAME_CHARS } as const
const people = { type: 'array', maxItems: MAX_GROUP_PEOPLE, items: name } as const

function objectSchema (properties: Record<string, unknown>, required: string[]): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required, properties }
}

// a group's own name may be empty or too long here: the daemon says what a group name must be (GroupNameError)
const groupName = { type: 'string', maxLength: 4 * MAX_PEER_NAME_CHARS } as const
const groupParams = objectSchema({ group: name }, ['group'])
const createBody = objectSchema({ name: groupName, members: people }, ['name'])
const peopleBody = objectSchema({ people: { ...people, minItems: 1 } }, ['people'])
const renameBody = objectSchema({ name: groupName }, ['name'])
const postBody = objectSchema({ body: { type: 'string' } }, ['body'])
const historyQuery = objectSchema({
  limit: { type: 'string', pattern: '^[0-9]{1,7}$' },
  before: { type: 'string', pattern: '^[0-9]{1,16}$' }
}, [])
const typingBody = objectSchema({ on: { type: 'boolean' } }, ['on'])
const readBody = objectSchema({ ids: { type: 'array', maxItems: MAX_READ_IDS, items: { type: 'string', minLength: 1, maxLength: MAX_MESSAGE_ID_CHARS } } }, [])

type Params = { Params: { group: string } }

export function registerGroupRoutes (app: FastifyInstance, daemon: GroupsApi): void {
  app.get('/api/groups', async (): Promise<GroupInfo[]> => daemon.groups())

  app.post<{ Body: { name: string, members?: string[] } }>('/api/groups', { schema: { body: createBody } },
    async (request, reply): Promise<GroupInfo> => {
      const group = daemon.createGroup(request.body.name, request.body.members ?? [])
      void reply.code(201)
      return group
    })

  app.get<Params>('/api/groups/:group', { schema: { params: groupParams } },
    async (request): Promise<GroupInfo> => daemon.group(request.params.group))

  for (const action of ['add', 'remove', 'admin'] as const) {
    app.post<Params & { Body: { people: string[] } }>(`/api/groups/:group/${action}`, { schema: { params: groupParams, body: peopleBody } },
      async (request): Promise<GroupInfo> => daemon.changeGroup(request.params.group, { action, people: request.body.people }))
  }

  app.post<Params & { Body: { name: string } }>('/api/groups/:group/rename', { schema: { params: groupParams, body: renameBody } },
    async (request): Promise<GroupInfo> => daemon.changeGroup(request.params.group, { action: 'rename', name: request.body.name } satisfies GroupChange))

  app.post<Params>('/api/groups/:group/leave', { schema: { params: groupParams } },
    async (request): Promise<GroupInfo> => daemon.changeGroup(request.params.group, { action: 'leave' }))

  app.post<Params & { Body: { body: string } }>('/api/groups/:group/messages', { schema: { params: groupParams, body: postBody } },
    async (request, reply): Promise<GroupSendResult> => {
      const result = await daemon.sendGroup(request.params.group, request.body.body)
      void reply.code(201)
      return result
    })

  app.get<Params & { Querystring: { limit?: string, before?: string } }>('/api/groups/:group/messages', { schema: { params: groupParams, querystring: historyQuery } },
    async (request): Promise<GroupMessage[]> => {
      const { limit, before } = request.query
      const n = limit === undefined ? DEFAULT_HISTORY_LIMIT : Number(limit)
      if (n < 1 || n > MAX_HISTORY_LIMIT) throw new ApiError(400, 'invalid_request', `limit must be between 1 and ${MAX_HISTORY_LIMIT}`)
      return daemon.groupHistory(request.params.group, { limit: n, ...(before !== undefined ? { before: Number(before) } : {}) })
    })

  app.post<Params & { Body: { on: boolean } }>('/api/groups/:group/typing', { schema: { params: groupParams, body: typingBody } },
    async (request, reply): Promise<FastifyReply> => {
      daemon.groupTyping(request.params.group, request.body.on)
      return reply.code(204).send()
    })

  app.post<Params & { Body: { ids?: string[] } }>('/api/groups/:group/read', { schema: { params: groupParams, body: readBody } },
    async (request): Promise<{ count: number }> => ({ count: daemon.markGroupRead(request.params.group, request.body.ids) }))
}
