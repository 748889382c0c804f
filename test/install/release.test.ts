/**
 * The release as an office installs it: `npm pack` in this repository, then,
 * from a folder outside it, the system's npm and Node (20 here) install the
 * tarball into a fresh prefix with the one command README gives. The
 * installed lanchat-index (run as an unprivileged user, like its systemd
 * unit) and two lanchat daemons then hold a conversation on 127.0.0.1, and
 * the web client is served; the shipped systemd units pass systemd's checks.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, tempDir } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'
import { Program, killAll, run } from './programs.js'
import type { Place } from './programs.js'

/** The PC's own Node and npm, as a person's shell finds them (not the Node 24 that npm scripts put first on PATH). */
const SYSTEM_PATH = '/usr/bin:/bin'
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
/** systemd's unit checker; CI installs it (the systemd package) */
const hasSystemd = ((): boolean => { try { execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' }); return true } catch { return false } })()

/** This environment as a fresh shell would have it: no npm script variables, the system PATH. */
function shellEnv (): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v != null && !/^(npm_|NODE_OPTIONS$|INIT_CWD$|VITEST)/i.test(k)) env[k] = v
  }
  return { ...env, PATH: SYSTEM_PATH }
}

let work: string
let prefix: string
let tarball: string
let place: Place
let packed: string[]

afterAll(() => { killAll() })

beforeAll(async () => {
  work = tempDir('lanchat-release-')
  chmodSync(work, 0o755) // the index server runs as another user below
  prefix = join(work, 'prefix')
  place = { env: shellEnv(), cwd: work }
  const pack = await run('npm', ['pack', '--json', '--pack-destination', work], { env: shellEnv(), cwd: ROOT }, 240_000)
  expect(pack.code, pack.stderr).toBe(0)
  const [info] = JSON.parse(pack.stdout) as Array<{ filename: string, files: Array<{ path: string }> }>
  tarball = join(work, info.filename)
  packed = info.files.map(f => f.path)
}, 300_000)

describe('the npm release', () => {
  it('holds what runs and its docs, and no install script', () => {
    expect(packed).toEqual(expect.arrayContaining([
      'package.json', 'README.md', 'docs/api.md',
      'dist/node/bin/lanchat.js', 'dist/index-server/bin/lanchat-index.js', 'dist/web/index.html',
      'packaging/systemd/lanchat-index.service', 'packaging/systemd/lanchat-index.sysusers.conf', 'packaging/systemd/lanchat.service'
    ]))
    const allowed = /^(package\.json|README\.md|LICENSE|docs\/[^/]+\.(md|png)|dist\/(node|index-server|protocols|runtime)\/.+\.js|dist\/web\/.+|packaging\/systemd\/[^/]+)$/
    expect(packed.filter(p => !allowed.test(p))).toEqual([])
    expect(packed.filter(p => p.endsWith('.map') || p.endsWith('.ts') || p.includes('demo'))).toEqual([])
    const manifest = JSON.parse(execFileSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }))
    expect(Object.keys(manifest.scripts).filter(s => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([])
    expect(manifest.version).toBe(version)
  })

  it('installs with the system Node and npm into a fresh prefix, from outside the repository', async () => {
    const node = await run('node', ['--version'], place)
    console.log(`system Node ${node.stdout.trim()}, npm ${(await run('npm', ['--version'], place)).stdout.trim()}`)
    const started = Date.now()
    const install = await run('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], place, 300_000)
    console.log(`npm install -g took ${((Date.now() - started) / 1000).toFixed(1)} s`)
    expect(install.code, install.stderr).toBe(0)
    // nothing for the person to allow, and no engine warning about lanchat itself
    expect(install.stderr).not.toMatch(/install-scripts|allow-scripts/)
    expect(install.stderr).not.toMatch(/package: 'lanchat@/)
    expect((await run(join(prefix, 'bin', 'lanchat'), ['--version'], place)).stdout).toBe(`lanchat ${version}\n`)
    expect((await run(join(prefix, 'bin', 'lanchat-index'), ['--version'], place)).stdout).toBe(`lanchat-index ${version}\n`)
  }, 360_000)

  it('runs: the index server as its own user, alice and bob chat, the web client is served', async () => {
    const bin = (name: string): string => join(prefix, 'bin', name)
    expect(existsSync(bin('lanchat')), 'the install step failed').toBe(true)
    const data = join(work, 'index-data')
    mkdirSync(data, { mode: 0o700 })
    // like the systemd unit's User=: an unprivileged user owning only its data folder
    const asUser = process.getuid?.() === 0
    if (asUser) chownSync(data, 65534, 65534)
    const indexArgs = ['--data', data, '--host', '127.0.0.1', '--udp-port', '0', '--tcp-port', '0']
    const index = asUser
      ? new Program('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', bin('lanchat-index'), ...indexArgs], place)
      : new Program(bin('lanchat-index'), indexArgs, place)
    const ready = await index.line(/lanchat-index ready: udp 127\.0\.0\.1:(\d+)/)
    const at = `127.0.0.1:${ready[1]}`

    const profile = (name: string): string => join(work, `profile-${name}`)
    const daemon = (name: string): Program => new Program(bin('lanchat'), ['daemon', '--profile', profile(name), '--name', name, '--index', at,
      '--listen', '127.0.0.1', '--port', '0', '--api-port', '0', '--no-mdns'], place)
    const alice = daemon('alice')
    const bob = daemon('bob')
    await alice.line(/logged in to the index server/)
    await bob.line(/logged in to the index server/)
    await index.line(/alice online/)
    await index.line(/bob online/)

    const cli = async (name: string, ...args: string[]): Promise<any> => {
      const out = await run(bin('lanchat'), [...args, '--profile', profile(name), '--json'], place)
      expect(out.code, out.stderr).toBe(0)
      return JSON.parse(out.stdout)
    }
    await until(async () => (await cli('alice', 'who') as any[]).some(c => c.name === 'bob' && c.online) ? true : undefined, 20_000, 'alice to see bob online')
    const sent = await cli('alice', 'send', 'bob', 'hello from the release')
    expect(sent.state).toBe('delivered')
    const history = await cli('bob', 'history', 'alice')
    expect(history.map((m: any) => [m.body, m.state])).toEqual([['hello from the release', 'received']])

    const api = /api (http:\/\/127\.0\.0\.1:\d+)/.exec(alice.text())![1]
    const page = await fetch(`${api}/`)
    expect(page.status).toBe(200)
    const html = await page.text()
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
    expect(script).toBeDefined()
    expect((await fetch(`${api}${script!}`)).status).toBe(200)

    // a clean stop: the launcher passes SIGTERM on, and nothing of it stays behind
    for (const p of [alice, bob]) {
      expect(await p.stop()).toBe(0)
      expect(p.text()).toMatch(/SIGTERM received, logging out/)
    }
    expect(await index.stop()).toBe(0)
    expect(index.text()).toMatch(/alice offline \(logged out\)/)
  }, 120_000)

  it.skipIf(!hasSystemd && process.env.LANCHAT_REQUIRE_SYSTEMD !== '1')('ships systemd units that systemd accepts', async () => {
    const units = join(prefix, 'lib', 'node_modules', 'lanchat', 'packaging', 'systemd')
    const checked = join(work, 'units')
    mkdirSync(checked)
    // the units name /usr/local/bin (npm's default global prefix); here the prefix is a temporary one
    for (const unit of ['lanchat-index.service', 'lanchat.service']) {
      writeFileSync(join(checked, unit), readFileSync(join(units, unit), 'utf8').replaceAll('/usr/local/bin/', `${join(prefix, 'bin')}/`))
    }
    const system = await run('systemd-analyze', ['verify', join(checked, 'lanchat-index.service')], place)
    expect(system.stderr).toBe('')
    expect(system.code).toBe(0)
    const runtime = join(work, 'runtime')
    mkdirSync(runtime, { mode: 0o700 })
    const user = await run('systemd-analyze', ['--user', 'verify', join(checked, 'lanchat.service')], { ...place, env: { ...place.env, XDG_RUNTIME_DIR: runtime } })
    expect(user.stderr).toBe('')
    expect(user.code).toBe(0)
    const unit = readFileSync(join(units, 'lanchat-index.service'), 'utf8')
    expect(unit).toMatch(/^User=lanchat-index$/m)
    expect(unit).toMatch(/^StateDirectory=lanchat-index$/m)
    expect(unit).toMatch(/^ExecStart=\/usr\/local\/bin\/lanchat-index --data \/var\/lib\/lanchat-index$/m)
    expect(unit).toMatch(/^Restart=on-failure$/m)
    // the user the unit runs as, created by systemd-sysusers (into a scratch root here)
    const root = join(work, 'sysroot')
    mkdirSync(join(root, 'etc'), { recursive: true })
    const users = await run('systemd-sysusers', [`--root=${root}`, join(units, 'lanchat-index.sysusers.conf')], place)
    expect(users.code, users.stderr).toBe(0)
    expect(readFileSync(join(root, 'etc', 'passwd'), 'utf8')).toMatch(/^lanchat-index:x:\d+:\d+:lanchat index server:\/var\/lib\/lanchat-index:/m)
  })
})
