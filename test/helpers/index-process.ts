/**
 * Runs the real `lanchat-index` binary (dist/, built by `npm test`) as a child
 * process on 127.0.0.1 with free ports, and stops it by PID.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { RUNTIME_FLAGS } from '../../runtime/node-version.js'
import type { ChildProcess } from 'node:child_process'

/** The repository root (these helpers also run compiled, from dist/, for the benchmark). */
export const ROOT = ((): string => {
  let dir = import.meta.dirname
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return dir
})()

export const INDEX_BIN = resolve(ROOT, 'dist/index-server/bin/lanchat-index.js')

export interface IndexProcess {
  proc: ChildProcess
  pid: number
  dataDir: string
  host: string
  udpPort: number
  tcpAddr: string
  peerId: string
  /** everything written to stderr so far */
  stderr: () => string
  /** SIGTERM, then wait for exit; resolves with the exit code */
  stop: () => Promise<number | null>
  /** SIGKILL, then wait for exit */
  kill: () => Promise<void>
}

const running = new Set<ChildProcess>()

/** Stops every index process still running (call in afterAll). */
export async function stopAllIndexes (): Promise<void> {
  await Promise.all([...running].map(async p => { await killAndWait(p, 'SIGKILL') }))
}

async function killAndWait (proc: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (proc.exitCode != null || proc.signalCode != null) return proc.exitCode
  return await new Promise(resolve => {
    proc.once('exit', (code) => { running.delete(proc); resolve(code) })
    proc.kill(signal)
  })
}

/** Folders made by tempDir in this test file: removed after it (test/setup.ts). */
const tempDirs = new Set<string>()

/** A new folder under the system's temporary folder, removed after the test file (LANCHAT_KEEP_TEMP=1 keeps it). */
export function tempDir (prefix = 'lanchat-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  tempDirs.add(dir)
  return dir
}

/**
 * Removes what tempDir made (profiles, downloads, generated files: hundreds
 * of MiB per run of the suite, which filled this machine's disk over many
 * runs), unless LANCHAT_KEEP_TEMP=1 (to look at them after a failure).
 */
export function removeTempDirs (): void {
  if (process.env.LANCHAT_KEEP_TEMP === '1') return
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  tempDirs.clear()
}

/** Runs lanchat-index with args and resolves with its exit code and output (for commands that exit). */
export async function runIndexCommand (args: string[], timeoutMs = 20_000): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const proc = spawn(process.execPath, [...RUNTIME_FLAGS['lanchat-index'], INDEX_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  proc.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
  proc.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
  running.add(proc)
  const timer = setTimeout(() => { proc.kill('SIGKILL') }, timeoutMs)
  const code = await new Promise<number | null>(resolve => { proc.on('exit', (c) => { resolve(c) }) })
  clearTimeout(timer)
  running.delete(proc)
  return { code, stdout, stderr }
}

export interface StartIndexOptions {
  /** run inside this network namespace (LAN test bed) */
  netns?: string
  /** --host @default 127.0.0.1 */
  host?: string
  dataDir?: string
  udpPort?: number
  tcpPort?: number
  args?: string[]
  /** extra environment, e.g. LANCHAT_FAILPOINTS */
  env?: Record<string, string>
}

/** Starts lanchat-index and resolves once it printed its ready line. */
export async function startIndex (opts: StartIndexOptions = {}): Promise<IndexProcess> {
  const dataDir = opts.dataDir ?? tempDir('lanchat-index-')
  const args = [...RUNTIME_FLAGS['lanchat-index'], INDEX_BIN, '--data', dataDir, '--host', opts.host ?? '127.0.0.1', '--udp-port', String(opts.udpPort ?? 0), '--tcp-port', String(opts.tcpPort ?? 0), ...(opts.args ?? [])]
  const proc = opts.netns != null
    ? spawn('ip', ['netns', 'exec', opts.netns, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } })
    : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } })
  running.add(proc)
  proc.on('exit', () => { running.delete(proc) })
  let stderr = ''
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`lanchat-index did not get ready in 20 s:\n${stderr}`)) }, 20_000)
    proc.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
      const m = /lanchat-index ready: udp (\S+):(\d+), tcp (\S+).*, peer id (\S+),/.exec(stderr)
      if (m != null) {
        clearTimeout(timer)
        resolve(m)
      }
    })
    proc.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`lanchat-index exited with ${String(code)} before it was ready:\n${stderr}`))
    })
  })
  return {
    proc,
    pid: proc.pid as number,
    dataDir,
    host: ready[1],
    udpPort: Number(ready[2]),
    tcpAddr: ready[3],
    peerId: ready[4],
    stderr: () => stderr,
    stop: async () => await killAndWait(proc, 'SIGTERM'),
    kill: async () => { await killAndWait(proc, 'SIGKILL') }
  }
}
