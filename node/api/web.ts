/**
 * The web client's files, built by Vite into dist/web/, served on the API's
 * own port so the page and /api/* share one origin (the Host/Origin checks
 * rely on that, and the browser keeps the page's session secret in that
 * origin's storage). The page and its assets are public: they hold no data;
 * everything the page shows comes from /api/*, which needs the session secret
 * or the token.
 *
 * @example
 * ```ts
 * registerWeb(app, defaultWebFiles)   // GET /, GET /assets/*
 * ```
 */
import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { readPackageFile } from '../../runtime/package-files.js'
import { errorBody } from './errors.js'
import { expireOldCookies } from './session.js'
import { SESSION_ROUTE } from './session-wire.js'

/**
 * What the page may do: its own scripts, styles and API only. No inline
 * script can run, so even markup that slipped into the page would stay inert.
 */
export const WEB_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
  "connect-src 'self'", "manifest-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"
].join('; ')

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8'
}

/** A file name Vite emits into assets/: no slashes, no leading dot, so nothing outside it can be named. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/

/** Reads one file of the built web client by its path inside it ('index.html', 'assets/x.js'); undefined when missing. */
export type WebFiles = (file: string) => Promise<Buffer | undefined>

/** The web client in a folder (tests use their own). */
export function webFilesIn (root: string): WebFiles {
  return async (file) => await readOrUndefined(join(root, file))
}

/** dist/web/ of this package: on disk, or embedded in a single executable (runtime/package-files.ts). */
export const defaultWebFiles: WebFiles = async (file) => await readPackageFile(`dist/web/${file}`)

/** GET and HEAD of the page, its assets and the login link, and POST /api/session (the login code is its credential), need no credentials. */
export function isPublicRequest (request: FastifyRequest): boolean {
  const path = request.url.split('?')[0]
  if (request.method === 'POST') return path === SESSION_ROUTE
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  return path === '/' || path === '/login' || path.startsWith('/assets/')
}

async function readOrUndefined (path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path)
  } catch {
    return undefined
  }
}

export function registerWeb (app: FastifyInstance, files: WebFiles): void {
  app.get('/', async (request, reply): Promise<FastifyReply> => {
    expireOldCookies(request, reply)
    const page = await files('index.html')
    if (page === undefined) {
      return reply.code(503).send(errorBody('web_client_missing', 'the web client is not built; run npm run build in the lanchat directory'))
    }
    return reply
      .header('content-security-policy', WEB_CSP)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(page)
  })

  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply): Promise<FastifyReply> => {
    const { file } = request.params
    const type = TYPES[extname(file)]
    const body = ASSET_NAME.test(file) && type !== undefined ? await files(`assets/${file}`) : undefined
    if (body === undefined) return reply.code(404).send(errorBody('not_found', `there is no web client file ${file}`))
    // Vite puts a content hash in every asset name, so a name never changes content
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type(type).send(body)
  })
}
