/**
 * Processes of the benchmark: the floor servers it spawns (stopped by PID),
 * and readings of any process from /proc (RSS, CPU time).
 */
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync, readdirSync, readlinkSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ChildProcess } from 'node:child_process'

/** dist/bench: where the compiled benchmark lives (its own scripts are spawned from here). */
export const BENCH_DIST = resolve(import.meta.dirname, '..')

/** A process's resident memory now, MiB (one home: test/helpers/files.ts). */
export { rssMiB } from '../../test/helpers/files.js'

/** CPU time (user + system) a process has used so far, ms (clock ticks of 10 ms). */
export function cpuMs (pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // fields after the ")" of the command name: state is field 3, utime 14, stime 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** Bytes a process read with read() and friends so far, sockets included (/proc/PID/io rchar). */
export function bytesRead (pid: number): number {
  const m = /^rchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))
  return m == null ? NaN : Number(m[1])
}

/** TCP connections a process holds in state ESTABLISHED (its sockets matched against /proc/PID/net/tcp and tcp6): inbound ones are on a port it listens on. */
export function tcpConnections (pid: number): { inbound: number, outbound: number } {
  const inodes = new Set<string>()
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))
      if (m != null) inodes.add(m[1])
    } catch {}
  }
  const rows: string[][] = []
  for (const table of ['tcp', 'tcp6']) {
    let text = ''
    try { text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8') } catch { continue }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/)
      if (inodes.has(f[9])) rows.push(f)
    }
  }
  const port = (addr: string): string => addr.slice(addr.lastIndexOf(':') + 1)
  const listening = new Set(rows.filter(f => f[3] === '0A').map(f => port(f[1])))
  const established = rows.filter(f => f[3] === '01')
  const inbound = established.filter(f => listening.has(port(f[1]))).length
  return { inbound, outbound: established.length - inbound }
}

/**
 * Bytes received so far on the established TCP connections whose local port is `port` (a server's
 * listening port: what its clients sent it, Noise and yamux framing included), summed from the
 * kernel's per-socket counters (`ss -ti`, tcp_info bytes_received); NaN without `ss`.
 */
export function tcpBytesReceivedOn (port: number): number {
  let out: string
  try {
    out = execFileSync('ss', ['-tinH', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8', timeout: 5_000 })
  } catch {
    return NaN
  }
  let sum = 0
  for (const m of out.matchAll(/bytes_received:(\d+)/g)) sum += Number(m[1])
  return sum
}

const children = new Set<ChildProcess>()

export interface Child {
  proc: ChildProcess
  pid: number
  /** the first line the child printed on stdout (its address) */
  ready: string
  /** SIGTERM, then SIGKILL after 3 s; resolves on exit */
  stop: () => Promise<void>
}

/**
 * Runs `node [nodeFlags] dist/bench/<script> ...args` (optionally inside a
 * network namespace) and resolves with the first stdout line, which each of
 * our servers prints once it listens.
 */
export async function spawnChild (script: string, args: string[], opts: { netns?: string, timeoutMs?: number, nodeFlags?: readonly string[] } = {}): Promise<Child> {
  const path = resolve(BENCH_DIST, script)
  const node = [process.execPath, ...(opts.nodeFlags ?? []), path, ...args]
  const proc = opts.netns != null
    ? spawn('ip', ['netns', 'exec', opts.netns, ...node], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(node[0], node.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(proc)
  proc.on('exit', () => { children.delete(proc) })
  let stderr = ''
  proc.stderr?.on('data', (d: Buffer) => { stderr += d.toString() })
  const ready = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => { reject(new Error(`${script} did not start in time:\n${stderr}`)) }, opts.timeoutMs ?? 15_000)
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const nl = out.indexOf('\n')
      if (nl >= 0) {
        clearTimeout(timer)
        resolve(out.slice(0, nl).trim())
      }
    })
    proc.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited (${String(code)}) before it was ready:\n${stderr}`))
    })
  })
  return { proc, pid: proc.pid as number, ready, stop: async () => { await stopChild(proc) } }
}

async function stopChild (proc: ChildProcess): Promise<void> {
  if (proc.exitCode != null || proc.signalCode != null) return
  await new Promise<void>(resolve => {
    const timer = setTimeout(() => { proc.kill('SIGKILL') }, 3_000)
    proc.once('exit', () => { clearTimeout(timer); resolve() })
    proc.kill('SIGTERM')
  })
}

/** Stops every child still running (each by its own PID). */
export async function stopAllChildren (): Promise<void> {
  await Promise.all([...children].map(stopChild))
}
