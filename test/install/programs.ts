/**
 * Running lanchat as it is installed, not from this repository: any
 * executable (an npm-installed bin, a single executable), in a given
 * environment and folder, optionally inside a test-bed namespace. Each
 * program runs in its own process group, so a launcher and the Node it
 * started stop together.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'

export interface Place {
  /** environment of the program (replaces this process's) */
  env: Record<string, string>
  /** working folder */
  cwd: string
  /** run inside this network namespace (`ip netns exec`; `env -i` then sets the environment) */
  netns?: string
}

const running = new Set<ChildProcess>()

function launch (command: string, args: string[], where: Place): ChildProcess {
  const proc = where.netns == null
    ? spawn(command, args, { cwd: where.cwd, env: where.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true })
    : spawn('ip', ['netns', 'exec', where.netns, '/usr/bin/env', '-i', ...Object.entries(where.env).map(([k, v]) => `${k}=${v}`), command, ...args],
      { cwd: where.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true })
  running.add(proc)
  proc.on('exit', () => { running.delete(proc) })
  return proc
}

/** Runs a command to its end; resolves with its exit code and output. */
export async function run (command: string, args: string[], where: Place, timeoutMs = 30_000): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const proc = launch(command, args, where)
  let stdout = ''
  let stderr = ''
  proc.stdout!.on('data', (d: Buffer) => { stdout += d.toString() })
  proc.stderr!.on('data', (d: Buffer) => { stderr += d.toString() })
  proc.stdin!.end()
  const timer = setTimeout(() => { killGroup(proc, 'SIGKILL') }, timeoutMs)
  const code = await new Promise<number | null>(resolve => { proc.on('close', c => { resolve(c) }) })
  clearTimeout(timer)
  return { code, stdout, stderr }
}

function killGroup (proc: ChildProcess, signal: NodeJS.Signals): void {
  try { process.kill(-(proc.pid as number), signal) } catch {}
}

/** A long-running program (index server, daemon) whose stderr is watched line by line. */
export class Program {
  readonly proc: ChildProcess
  private output = ''
  private readonly waiters = new Set<() => void>()

  constructor (command: string, args: string[], where: Place) {
    this.proc = launch(command, args, where)
    this.proc.stdin!.end()
    const append = (d: Buffer): void => {
      this.output += d.toString()
      for (const w of this.waiters) w()
    }
    this.proc.stderr!.on('data', append)
    this.proc.stdout!.on('data', append)
    this.proc.on('exit', () => { for (const w of this.waiters) w() })
  }

  /** Everything it printed so far. */
  text (): string {
    return this.output
  }

  /** Resolves with the first match of `re` in its output; rejects when it exits first or after `ms`. */
  async line (re: RegExp, ms = 20_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + ms
    for (;;) {
      const m = re.exec(this.output)
      if (m != null) return m
      if (this.proc.exitCode != null || this.proc.signalCode != null) throw new Error(`exited (${String(this.proc.exitCode ?? this.proc.signalCode)}) before ${String(re)}:\n${this.output}`)
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${String(re)}:\n${this.output}`)
      await new Promise<void>(resolve => {
        const timer = setTimeout(done, left)
        function done (): void { clearTimeout(timer); waiters.delete(done); resolve() }
        const waiters = this.waiters
        waiters.add(done)
      })
    }
  }

  /** SIGTERM to the program alone (as systemd's KillMode=mixed does); resolves with its exit code. */
  async stop (ms = 15_000): Promise<number | null> {
    if (this.proc.exitCode != null || this.proc.signalCode != null) return this.proc.exitCode
    const exited = new Promise<number | null>(resolve => { this.proc.once('exit', code => { resolve(code) }) })
    this.proc.kill('SIGTERM')
    const timer = setTimeout(() => { killGroup(this.proc, 'SIGKILL') }, ms)
    const code = await exited
    clearTimeout(timer)
    return code
  }
}

/** Kills every program still running, with its whole process group (for afterAll). */
export function killAll (): void {
  for (const proc of running) killGroup(proc, 'SIGKILL')
}
