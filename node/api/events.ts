/**
 * GET /api/events: the daemon's realtime events as Server-Sent Events, one
 * `data: <json>` per DaemonEvent, with a keepalive comment so a client
 * notices a dead connection. The subscription ends with the connection.
 */
import type { FastifyInstance } from 'fastify'
import type { ServerResponse } from 'node:http'
import type { DaemonApi } from '../types.js'
import { MAX_SSE_BUFFER_BYTES } from './constants.js'

export function registerEvents (app: FastifyInstance, daemon: DaemonApi, keepaliveMs: number): void {
  const open = new Set<ServerResponse>()

  app.get('/api/events', (request, reply) => {
    // the stream outlives the handler: fastify must not answer for us
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive'
    })

    const write = (chunk: string): void => {
      if (res.writableEnded || res.destroyed) return
      if (res.writableLength > MAX_SSE_BUFFER_BYTES) {
        // a client that stopped reading: cut it off rather than buffer without bound
        res.destroy()
        return
      }
      res.write(chunk)
    }

    // a first comment flushes the headers, so the client knows it is subscribed
    write(': connected\n\n')
    const unsubscribe = daemon.subscribe(event => { write(`data: ${JSON.stringify(event)}\n\n`) })
    const keepalive = setInterval(() => { write(': keepalive\n\n') }, keepaliveMs)
    keepalive.unref()
    open.add(res)

    res.on('close', () => {
      clearInterval(keepalive)
      unsubscribe()
      open.delete(res)
    })
  })

  // open streams would keep app.close() waiting forever
  app.addHook('preClose', async () => {
    for (const res of open) res.end()
  })
}
