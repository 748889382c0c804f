/**
 * The daemon's local HTTP API: JSON routes and an event stream over the
 * DaemonApi facade, on 127.0.0.1 only, behind a bearer token and
 * Host/Origin checks. Built apart from listening, so tests drive it with
 * `app.inject()`. Routes and errors are documented in docs/api.md.
 *
 * @example
 * ```ts
 * const app = createApi({ daemon, token, allowedPort: () => port })
 * port = await listenApi(app, { port: DEFAULT_API_PORT, fallback: true })
 * ```
 */
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import type { DaemonApi } from '../types.js'
import { API_BODY_LIMIT_BYTES, API_HEADERS_TIMEOUT_MS, API_HOST, API_KEEP_ALIVE_TIMEOUT_MS, API_MAX_CONNECTIONS, SSE_KEEPALIVE_MS } from './constants.js'
import { ApiPortInUseError, errorBody, errorHandler } from './errors.js'
import { registerEvents } from './events.js'
import { guard } from './guard.js'
import { registerGroupRoutes } from './group-routes.js'
import { registerRoutes } from './routes.js'
import { registerFileRoutes } from './file-routes.js'
import { registerSession, WebSessions } from './session.js'
import { defaultWebFiles, isPublicRequest, registerWeb, webFilesIn } from './web.js'

export { ApiPortInUseError } from './errors.js'
export type { ErrorBody } from './errors.js'
export * from './constants.js'

export type LanchatApi = FastifyInstance

export interface ApiInit {
  daemon: DaemonApi
  /** the secret from `<profile>/api-token` */
  token: string
  /** the port the API listens on, checked in every Host header; read per request because it is known only after listen */
  allowedPort: () => number
  /**
   * interval of the event stream's keepalive comment
   * @default SSE_KEEPALIVE_MS (15 s)
   */
  keepaliveMs?: number
  /**
   * where details of unexpected (500) failures go
   * @default a line on stderr
   */
  log?: (line: string) => void
  /**
   * the built web client served at `/` (node/api/web.ts)
   * @default dist/web of this package
   */
  webRoot?: string
}

function logToStderr (line: string): void {
  process.stderr.write(line + '\n')
}

/** Builds the API app without listening. */
export function createApi (init: ApiInit): LanchatApi {
  const app = Fastify({
    logger: false,
    bodyLimit: API_BODY_LIMIT_BYTES,
    keepAliveTimeout: API_KEEP_ALIVE_TIMEOUT_MS,
    // a wrong type is the client's bug: say so instead of coercing it; unknown fields are refused the same way
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } }
  })
  // a bounded number of connections, each sending its headers promptly (the event stream stays open: it has sent them)
  app.server.maxConnections = API_MAX_CONNECTIONS
  app.server.headersTimeout = API_HEADERS_TIMEOUT_MS
  // JSON only: a form or text/plain body is what a cross-site "simple request" would send
  app.removeContentTypeParser('text/plain')
  const sessions = new WebSessions({ token: init.token, allowedPort: init.allowedPort })
  app.addHook('onRequest', guard({ token: init.token, allowedPort: init.allowedPort, isPublic: isPublicRequest, session: request => sessions.authenticates(request) }))
  app.setErrorHandler(errorHandler(init.log ?? logToStderr))
  app.setNotFoundHandler(async (request, reply) => {
    return reply.code(404).send(errorBody('not_found', `there is no ${request.method} ${request.url.split('?')[0]} in the lanchat API`))
  })
  registerRoutes(app, init.daemon)
  registerGroupRoutes(app, init.daemon)
  registerFileRoutes(app, init.daemon)
  registerEvents(app, init.daemon, init.keepaliveMs ?? SSE_KEEPALIVE_MS)
  registerSession(app, sessions)
  registerWeb(app, init.webRoot != null ? webFilesIn(init.webRoot) : defaultWebFiles)
  return app
}

export interface ListenOptions {
  port: number
  /** when the port is taken, listen on any free port instead of failing */
  fallback: boolean
}

/**
 * Listens on 127.0.0.1 only and resolves with the bound port. Rejects with
 * an ApiPortInUseError when the port is taken and fallback is false.
 */
export async function listenApi (app: LanchatApi, options: ListenOptions): Promise<number> {
  try {
    await app.listen({ host: API_HOST, port: options.port })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
    if (!options.fallback) throw new ApiPortInUseError(options.port)
    await app.listen({ host: API_HOST, port: 0 })
  }
  return (app.server.address() as AddressInfo).port
}
