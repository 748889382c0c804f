/**
 * `npm run dist`: single-file executables `lanchat` and `lanchat-index` for
 * this platform, for PCs without Node (Node's single executable
 * applications). Each is the Node 24 binary that runs this script, with the
 * program bundled into one CommonJS script (rolldown) and the web client's
 * files and package.json embedded as assets (postject injects the blob).
 * Runs after `npm run build`, from the compiled dist/.
 *
 * Output, with the systemd units beside the executables:
 *   dist/sea/lanchat-VERSION-PLATFORM-ARCH/{lanchat,lanchat-index,systemd/}
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve } from 'node:path'
import { build } from 'rolldown'
import { RUNTIME_FLAGS } from '../../runtime/node-version.js'

/** The fuse Node's binary carries for postject (Node's SEA documentation). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'
const PROGRAMS = ['lanchat', 'lanchat-index'] as const

const root = ((): string => {
  let dir = import.meta.dirname
  while (!readdirSync(dir).includes('package.json')) dir = resolve(dir, '..')
  return dir
})()
const { inject } = createRequire(import.meta.url)('postject') as {
  inject: (file: string, resource: string, data: Buffer, options: { sentinelFuse: string }) => Promise<void>
}

/**
 * A module that loads data lazily through its own `createRequire(import.meta.url)`
 * (e.g. protocols/shared/confusables.ts) would look for node_modules next to
 * the executable at run time; given the bundle's `require` instead, its
 * `require('pkg/file')` calls are bundled like any import (and still run lazily).
 */
const OWN_REQUIRE = /^const require = createRequire\(import\.meta\.url\);?$/m
const ownRequireToBundle = {
  name: 'own-require-to-bundle',
  transform (code: string): string | undefined {
    return OWN_REQUIRE.test(code) ? code.replace(OWN_REQUIRE, '') : undefined
  }
}

/** Every file under dir, as paths from the package root with '/' (the SEA asset keys). */
function filesUnder (dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && !e.name.endsWith('.map'))
    .map(e => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
}

async function executable (program: typeof PROGRAMS[number], work: string, out: string): Promise<void> {
  const script = join(work, `${program}.cjs`)
  await build({
    input: join(root, 'dist', 'packaging', 'sea', `${program}.js`),
    platform: 'node',
    logLevel: 'warn',
    plugins: [ownRequireToBundle],
    output: { file: script, format: 'cjs', codeSplitting: false, dynamicImportInCjs: false }
  })
  const assets = Object.fromEntries(['package.json', ...filesUnder('dist/web')].map(key => [key, join(root, key)]))
  const blob = join(work, `${program}.blob`)
  const config = join(work, `${program}.sea.json`)
  writeFileSync(config, JSON.stringify({
    main: script,
    output: blob,
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
    execArgv: RUNTIME_FLAGS[program],
    assets
  }, null, 2))
  // the code cache is made under the same V8 flags the executable runs with (V8 rejects it otherwise)
  const made = spawnSync(process.execPath, [...RUNTIME_FLAGS[program], '--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] })
  if (made.status !== 0) throw new Error(`node --experimental-sea-config ${config} failed`)
  const target = join(out, process.platform === 'win32' ? `${program}.exe` : program)
  copyFileSync(process.execPath, target)
  chmodSync(target, 0o755)
  await quietly(/^warning: Can't find string offset for section name/, async () => {
    await inject(target, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE })
  })
}

/** Runs `work` with stderr lines matching `noise` left out (postject's ELF library warns about every unnamed note section). */
async function quietly (noise: RegExp, work: () => Promise<void>): Promise<void> {
  const write = process.stderr.write.bind(process.stderr)
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: any[]): boolean => {
    return noise.test(String(chunk)) ? true : write(chunk, ...rest)
  }) as typeof process.stderr.write
  try {
    await work()
  } finally {
    process.stderr.write = write
  }
}

async function main (): Promise<void> {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
  const name = `lanchat-${version}-${process.platform}-${process.arch}`
  const out = join(root, 'dist', 'sea', name)
  const work = join(root, 'dist', 'sea', 'work')
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  mkdirSync(work, { recursive: true })
  for (const program of PROGRAMS) {
    process.stdout.write(`building ${program} (Node ${process.version}, ${process.platform}-${process.arch})\n`)
    await executable(program, work, out)
  }
  cpSync(join(root, 'packaging', 'systemd'), join(out, 'systemd'), { recursive: true })
  rmSync(work, { recursive: true, force: true })
  process.stdout.write(`single executables in ${relative(process.cwd(), out) || '.'}/: ${PROGRAMS.join(', ')} and systemd/\n`)
}

await main()
