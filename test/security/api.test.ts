/**
 * The local API lets in only its owner's programs: every route without the
 * token is 401, with a foreign Host (DNS rebinding) or a foreign Origin 403;
 * no response carries a CORS header; the API listens on 127.0.0.1 only; the
 * daemon refuses a profile, key or token that other users can read.
 */
import { chmodSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'

let alice: DaemonProcess
let token: string
let port: number

const ROUTES: Array<[string, string, unknown?]> = [
  ['GET', '/api/status'],
  ['PUT', '/api/status', { status: 'away' }],
  ['GET', '/api/contacts'],
  ['POST', '/api/messages', { to: 'bob', body: 'hi' }],
  ['GET', '/api/messages?with=bob'],
  ['POST', '/api/read', { with: 'bob' }],
  ['POST', '/api/typing', { to: 'bob', on: true }],
  ['GET', '/api/doctor'],
  ['GET', '/api/events'],
  ['GET', '/api/nothing-here'],
  ['OPTIONS', '/api/status']
]

/** One raw HTTP request (node:http lets us set Host and Origin freely); the body is not waited for. */
async function call (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number, headers: Record<string, unknown> }> {
  return await new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...(body != null ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers })
      res.destroy()
    })
    req.on('error', reject)
    req.end(body != null ? JSON.stringify(body) : undefined)
  })
}

beforeAll(async () => {
  const index = await startIndex()
  alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
  token = readFileSync(`${alice.profileDir}/api-token`, 'utf8').trim()
  port = Number(new URL(alice.apiUrl).port)
})

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('local API lockdown', () => {
  it('has a 256-bit token readable only by its owner', () => {
    expect(token).toMatch(/^[0-9a-f]{64}$/)
  })

  it('answers 401 without the token and never takes it from the query string', async () => {
    const host = { host: `127.0.0.1:${port}` }
    for (const [method, path, body] of ROUTES) {
      const res = await call(method, path, host, body)
      expect([method, path, res.status]).toEqual([method, path, method === 'OPTIONS' ? 405 : 401])
    }
    const res = await call('GET', `/api/status?token=${token}`, host)
    expect(res.status).toBe(401)
  })

  it('answers 403 to a foreign Host (DNS rebinding) and a foreign Origin, even with the token', async () => {
    const auth = { authorization: `Bearer ${token}` }
    for (const [method, path, body] of ROUTES.filter(([m]) => m !== 'OPTIONS')) {
      const rebinding = await call(method, path, { ...auth, host: `evil.example:${port}` }, body)
      expect([path, rebinding.status]).toEqual([path, 403])
      const origin = await call(method, path, { ...auth, host: `127.0.0.1:${port}`, origin: 'http://evil.example' }, body)
      expect([path, origin.status]).toEqual([path, 403])
    }
  })

  it('sends no CORS header on any response', async () => {
    const variants = [{}, { authorization: `Bearer ${token}` }, { authorization: `Bearer ${token}`, origin: 'http://evil.example' }]
    for (const [method, path, body] of ROUTES) {
      for (const extra of variants) {
        const res = await call(method, path, { host: `127.0.0.1:${port}`, ...extra }, body)
        expect(Object.keys(res.headers).filter(h => h.startsWith('access-control-'))).toEqual([])
      }
    }
  })

  it('listens on 127.0.0.1 only', () => {
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
    const listening = readFileSync('/proc/net/tcp', 'utf8').split('\n').concat(readFileSync('/proc/net/tcp6', 'utf8').split('\n'))
      .map(l => l.trim().split(/\s+/)).filter(f => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A').map(f => f[1])
    expect(listening).toEqual([`0100007F:${hexPort}`])
  })

  it('refuses to run on a profile, key or token that other users can read', async () => {
    const args = (profile: string): string[] => ['daemon', '--profile', profile, '--name', 'eve', '--index', '127.0.0.1:9', '--listen', '127.0.0.1', '--port', '0', '--api-port', '0', '--no-mdns']
    const open = tempDir()
    chmodSync(open, 0o755)
    const dir = await runCli(args(open))
    expect(dir.code).toBe(1)
    expect(dir.stderr).toBe(`lanchat: the profile ${open} can be read by other users (mode 755); run: chmod 700 ${open}\n`)
    chmodSync(`${alice.profileDir}/identity.key`, 0o644)
    try {
      await alice.stop()
      const key = await runCli(args(alice.profileDir))
      expect(key.code).toBe(1)
      expect(key.stderr).toMatch(/the identity key .*identity\.key can be read by other users \(mode 644\); run: chmod 600 /)
    } finally {
      chmodSync(`${alice.profileDir}/identity.key`, 0o600)
    }
  })
})
