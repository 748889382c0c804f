/**
 * What a person sees when lanchat-index cannot start: one clear line and a
 * non-zero exit; and a clean shutdown on SIGINT/SIGTERM.
 */
import { createSocket } from 'node:dgram'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runIndexCommand, startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'

afterAll(async () => { await stopAllIndexes() })

describe('lanchat-index command line', () => {
  it('refuses an unknown flag with exit 2 and one line', async () => {
    const out = await runIndexCommand(['--bogus'])
    expect(out.code).toBe(2)
    expect(out.stderr).toBe('lanchat-index: unknown option --bogus; run lanchat-index --help\n')
  })

  it('says so when the UDP port is in use', async () => {
    const socket = createSocket('udp4')
    await new Promise<void>(resolve => { socket.bind(0, '127.0.0.1', resolve) })
    try {
      const port = socket.address().port
      const out = await runIndexCommand(['--data', tempDir(), '--host', '127.0.0.1', '--udp-port', String(port), '--tcp-port', '0'])
      expect(out.code).toBe(1)
      expect(out.stderr).toBe(`lanchat-index: UDP port ${port} is already in use (is another lanchat-index running?); stop it or pass --udp-port N\n`)
    } finally {
      socket.close()
    }
  })

  it('says so when the TCP port is in use', async () => {
    const server = createServer()
    await new Promise<void>(resolve => { server.listen(0, '127.0.0.1', resolve) })
    try {
      const port = (server.address() as { port: number }).port
      const out = await runIndexCommand(['--data', tempDir(), '--host', '127.0.0.1', '--udp-port', '0', '--tcp-port', String(port)])
      expect(out.code).toBe(1)
      expect(out.stderr).toBe(`lanchat-index: TCP port ${port} is already in use (is another lanchat-index running?); stop it or pass --tcp-port N\n`)
    } finally {
      server.close()
    }
  })

  it('says so when the data directory cannot be written', async () => {
    const file = join(tempDir(), 'a-file')
    writeFileSync(file, 'not a directory')
    const out = await runIndexCommand(['--data', join(file, 'data'), '--host', '127.0.0.1', '--udp-port', '0', '--tcp-port', '0'])
    expect(out.code).toBe(1)
    expect(out.stderr).toMatch(/^lanchat-index: cannot use the data directory .*a-file\/data \(ENOTDIR\); choose a writable one with --data DIR\n$/)
  })

  it('shuts down cleanly on SIGINT and SIGTERM', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const index = await startIndex()
      const exited = new Promise<number | null>(resolve => { index.proc.on('exit', resolve) })
      index.proc.kill(signal)
      expect(await exited).toBe(0)
      expect(index.stderr()).toContain(`${signal} received, shutting down`)
    }
  })
})
