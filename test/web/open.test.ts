/**
 * The real `lanchat open` against a live API on 127.0.0.1 (a stub daemon
 * behind it): it prints the login link and, on a desktop, hands it to
 * xdg-open; the link sends a browser on to the page with the code in the
 * fragment.
 */
import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApi, listenApi } from '../../node/api/index.js'
import { LANCHAT_BIN } from '../helpers/daemon-process.js'
import { tempDir } from '../helpers/index-process.js'
import { StubDaemon } from '../helpers/stub-daemon.js'
import { until } from '../helpers/wait.js'

const TOKEN = 'd4'.repeat(32)

describe('lanchat open', () => {
  it('prints the login link and, on a desktop, hands it to xdg-open', async () => {
    const daemon = new StubDaemon()
    const webRoot = tempDir('lanchat-web-')
    mkdirSync(join(webRoot, 'assets'))
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>lanchat</title>')
    let port = 0
    const live = createApi({ daemon, token: TOKEN, allowedPort: () => port, webRoot })
    port = await listenApi(live, { port: 0, fallback: false })
    const profile = tempDir('lanchat-open-')
    writeFileSync(join(profile, 'api.json'), JSON.stringify({ url: `http://127.0.0.1:${port}`, port, pid: process.pid }))
    writeFileSync(join(profile, 'api-token'), TOKEN + '\n', { mode: 0o600 })
    // a stand-in xdg-open that records what it was asked to open
    const bin = tempDir('lanchat-xdg-')
    const opened = join(bin, 'opened')
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > ${opened}\n`)
    chmodSync(join(bin, 'xdg-open'), 0o755)
    try {
      const out = await run(['open', '--profile', profile], { DISPLAY: ':0', PATH: `${bin}:${process.env.PATH ?? ''}` })
      expect(out.code).toBe(0)
      expect(out.stderr).toBe('')
      const link = out.stdout.trim()
      expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/login\\?code=[A-Za-z0-9_-]{32}$`))
      expect(await until(() => { try { return readFileSync(opened, 'utf8') } catch { return undefined } }, 5000, 'xdg-open to run')).toBe(link)
      const login = await fetch(link, { redirect: 'manual' })
      expect(login.status).toBe(303)
      expect(login.headers.get('location')).toBe(`/#code=${new URL(link).searchParams.get('code') ?? ''}`)
    } finally {
      await live.close()
    }
  })
})

/** Runs the built `lanchat` with extra environment; resolves with its exit code and output. */
async function run (args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const child = spawn(process.execPath, [LANCHAT_BIN, ...args], { env: { ...process.env, WAYLAND_DISPLAY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
  const timer = setTimeout(() => { child.kill('SIGKILL') }, 20_000)
  const code = await new Promise<number | null>(resolve => { child.on('exit', c => { resolve(c) }) })
  clearTimeout(timer)
  return { code, stdout, stderr }
}
