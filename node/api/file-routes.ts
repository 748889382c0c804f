/**
 * The file transfer routes of the local API (docs/api.md, "Files"): offer
 * files, list transfers, accept / reject / cancel one, trust a person's
 * files. Each checks its input with a JSON schema, then calls one FilesApi
 * method; the engine's errors are mapped in errors.ts.
 */
import { MAX_TRANSFER_ID_CHARS } from '../../protocols/constants.js'
import { TRANSFER_ID_PATTERN } from '../../protocols/files/ids.js'
import { MAX_PEER_NAME_CHARS } from './constants.js'
import { ApiError } from '../types.js'
import type { DaemonApi, FileState, FileTransfer, GroupFileOffer } from '../types.js'
import type { FastifyInstance } from 'fastify'

/** Most paths in one POST /api/files (each a file or a folder; a folder may hold many files). */
export const MAX_SEND_PATHS = 1000
/** Longest path accepted in a request, in characters (Linux's PATH_MAX). */
export const MAX_LOCAL_PATH_CHARS = 4096

const peerName = { type: 'string', minLength: 1, maxLength: MAX_PEER_NAME_CHARS } as const
const localPath = { type: 'string', minLength: 1, maxLength: MAX_LOCAL_PATH_CHARS } as const
const idParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: MAX_TRANSFER_ID_CHARS, pattern: TRANSFER_ID_PATTERN } } } as const

const uploadId = { type: 'string', minLength: 1, maxLength: MAX_TRANSFER_ID_CHARS, pattern: TRANSFER_ID_PATTERN } as const
const sendBody = { type: 'object', additionalProperties: false, required: [], properties: { to: peerName, group: { type: 'string', minLength: 1, maxLength: MAX_PEER_NAME_CHARS }, paths: { type: 'array', minItems: 1, maxItems: MAX_SEND_PATHS, items: localPath }, upload: uploadId } } as const
const putQuery = { type: 'object', additionalProperties: false, required: ['path'], properties: { path: { type: 'string', minLength: 1, maxLength: MAX_LOCAL_PATH_CHARS } } } as const
const acceptBody = { type: 'object', additionalProperties: false, required: [], properties: { dir: localPath } } as const
const emptyBody = { type: 'object', additionalProperties: false, required: [], properties: {} } as const
const trustBody = { type: 'object', additionalProperties: false, required: ['peer', 'files'], properties: { peer: peerName, files: { type: 'boolean' } } } as const

export function registerFileRoutes (app: FastifyInstance, daemon: DaemonApi): void {
  // an uploaded file's bytes reach the route as the request stream (JSON stays the only parsed body)
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => { done(null, payload) })

  app.post<{ Body: { to?: string, group?: string, paths?: string[], upload?: string } }>('/api/files', { schema: { body: sendBody } },
    async (request, reply): Promise<{ id: string, state: FileState } | GroupFileOffer> => {
      const { to, group, paths, upload } = request.body
      if ((to == null) === (group == null)) throw new ApiError(400, 'invalid_request', 'give either to (a person) or group (a named group), not both or neither')
      if ((paths == null) === (upload == null)) throw new ApiError(400, 'invalid_request', 'give either paths (on this computer) or upload (an upload id), not both or neither')
      const opts = upload != null ? { upload } : {}
      const result = to != null ? await daemon.files.send(to, paths ?? [], opts) : await daemon.files.sendToGroup(group as string, paths ?? [], opts)
      void reply.code(201)
      return result
    })

  app.get('/api/files', async (): Promise<FileTransfer[]> => daemon.files.list())

  app.get<{ Params: { id: string } }>('/api/files/:id', { schema: { params: idParams } },
    async (request): Promise<FileTransfer> => daemon.files.get(request.params.id))

  app.post<{ Params: { id: string }, Body: { dir?: string } }>('/api/files/:id/accept', { schema: { params: idParams, body: acceptBody } },
    async (request): Promise<FileTransfer> => await daemon.files.accept(request.params.id, request.body?.dir))

  app.post<{ Params: { id: string } }>('/api/files/:id/reject', { schema: { params: idParams, body: emptyBody } },
    async (request): Promise<FileTransfer> => await daemon.files.reject(request.params.id))

  app.post<{ Params: { id: string } }>('/api/files/:id/cancel', { schema: { params: idParams, body: emptyBody } },
    async (request): Promise<FileTransfer> => await daemon.files.cancel(request.params.id))

  app.post<{ Params: { id: string } }>('/api/files/:id/open', { schema: { params: idParams, body: emptyBody } },
    async (request): Promise<{ path: string, opened: boolean, why?: string }> => await daemon.files.open(request.params.id))

  // the web client's files: a staging folder, then each file as raw bytes (streamed to disk, never held in memory)
  app.post('/api/uploads', async (_request, reply): Promise<{ id: string }> => {
    const result = await daemon.files.createUpload()
    void reply.code(201)
    return result
  })

  app.put<{ Params: { id: string }, Querystring: { path: string } }>('/api/uploads/:id/files', { schema: { params: idParams, querystring: putQuery } },
    async (request, reply): Promise<{ path: string, size: number }> => {
      if (request.headers['content-type'] !== 'application/octet-stream') throw new ApiError(415, 'unsupported_media_type', 'send the file as application/octet-stream')
      const result = await daemon.files.putUpload(request.params.id, request.query.path, request.body as AsyncIterable<Uint8Array>)
      void reply.code(201)
      return result
    })

  app.post<{ Body: { peer: string, files: boolean } }>('/api/trust', { schema: { body: trustBody } },
    async (request): Promise<{ peerId: string, name: string, files: boolean }> => daemon.files.trust(request.body.peer, request.body.files))
}
