/**
 * The single executables on PCs without Node: `npm run dist`'s lanchat and
 * lanchat-index, copied to a folder of their own and run there with a PATH
 * that holds coreutils and nothing else, on a LAN of three hosts (the test
 * bed): the office runs the index server, alice and bob run daemons; alice
 * sends, bob has the message; alice sends a file, bob accepts it and has
 * it; and alice's web client is served from inside her executable.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, tempDir } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'
import { lanSkipReason } from '../lan/skip.js'
import { Lan } from '../lan/testbed.js'
import { Program, killAll, run } from './programs.js'
import type { Place } from './programs.js'

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
const built = join(ROOT, 'dist', 'sea', `lanchat-${version}-${process.platform}-${process.arch}`)

/** A folder of links to coreutils' programs only: the PATH of a PC that has no Node. */
function coreutilsOnly (dir: string): string {
  mkdirSync(dir)
  const programs = execFileSync('dpkg-query', ['-L', 'coreutils'], { encoding: 'utf8' }).split('\n').filter(p => /^\/(usr\/)?s?bin\/[^/]+$/.test(p))
  for (const p of new Set(programs.map(p => basename(p)))) {
    const target = ['/usr/bin', '/bin'].map(d => join(d, p)).find(existsSync)
    if (target != null) symlinkSync(target, join(dir, p))
  }
  return dir
}

let lan: Lan | undefined
afterAll(async () => {
  killAll()
  await lan?.destroy()
})

describe.skipIf(lanSkipReason != null)('the single executables (npm run dist)', () => {
  let apps: string
  let home: string
  let bare: Place

  beforeAll(() => {
    if (!existsSync(join(built, 'lanchat'))) throw new Error(`no single executables in ${built}: run npm run dist first (npm run test:install does)`)
    const work = tempDir('lanchat-sea-')
    apps = join(work, 'apps')
    mkdirSync(apps)
    for (const program of ['lanchat', 'lanchat-index']) copyFileSync(join(built, program), join(apps, program))
    execFileSync('chmod', ['755', join(apps, 'lanchat'), join(apps, 'lanchat-index')])
    home = join(work, 'home')
    mkdirSync(home)
    bare = { env: { PATH: coreutilsOnly(join(work, 'coreutils')), HOME: home }, cwd: apps }
  })

  it('run with no Node on PATH: an index server, two daemons, a message and a file on a LAN', async () => {
    // what a program could find on this PATH: coreutils, no node, npm or shell
    const path = await run('/usr/bin/ls', [bare.env.PATH], bare)
    expect(path.stdout.split('\n')).toEqual(expect.arrayContaining(['ls', 'env', 'cat']))
    expect(path.stdout).not.toMatch(/^(node|npm|npx|sh|bash)$/m)
    expect((await run(join(apps, 'lanchat'), ['--version'], bare)).stdout).toBe(`lanchat ${version}\n`)
    expect((await run(join(apps, 'lanchat-index'), ['--version'], bare)).stdout).toBe(`lanchat-index ${version}\n`)

    lan = await Lan.create(['office', 'alice', 'bob'])
    const on = (host: string): Place => ({ ...bare, netns: lan!.ns(host) })
    const index = new Program(join(apps, 'lanchat-index'), ['--data', join(home, 'index')], on('office'))
    await index.line(/lanchat-index ready: udp 0\.0\.0\.0:47470/)
    const at = `${lan.ip('office')}:47470`

    const profile = (name: string): string => join(home, name)
    const daemon = (name: string): Program => new Program(join(apps, 'lanchat'), ['daemon', '--profile', profile(name), '--name', name, '--index', at], on(name))
    const alice = daemon('alice')
    const bob = daemon('bob')
    await alice.line(/logged in to the index server/)
    await bob.line(/logged in to the index server/)

    const cli = async (name: string, ...args: string[]): Promise<any> => {
      const out = await run(join(apps, 'lanchat'), [...args, '--profile', profile(name), '--json'], on(name))
      expect(out.code, out.stderr).toBe(0)
      return JSON.parse(out.stdout)
    }
    await until(async () => (await cli('alice', 'who') as any[]).some(c => c.name === 'bob' && c.online) ? true : undefined, 20_000, 'alice to see bob online')
    const sent = await cli('alice', 'send', 'bob', 'hello from a PC without Node')
    expect(sent.state).toBe('delivered')
    const history = await cli('bob', 'history', 'alice')
    expect(history.map((m: any) => m.body)).toEqual(['hello from a PC without Node'])

    // the web client comes out of the executable (fetched inside alice's host by this test's Node)
    // a file, peer to peer; bob's accept follows it to the end with its progress lines (cli-progress, bundled)
    const file = join(home, 'minutes.txt')
    writeFileSync(file, 'minutes of the meeting\n'.repeat(50_000))
    const offer = await cli('alice', 'send-file', 'bob', file)
    expect(offer.state).toBe('offered')
    await until(async () => (await cli('bob', 'files') as any[]).some(t => t.id === offer.id && t.state === 'offered') ? true : undefined, 20_000, 'bob to see the offer')
    const accepted = await run(join(apps, 'lanchat'), ['accept', offer.id, '--profile', profile('bob')], on('bob'))
    expect(accepted.code, accepted.stderr).toBe(0)
    expect(accepted.stdout).toMatch(/^received 1 file \(1\.1 MiB\) from alice into /m)
    expect(readFileSync(join(profile('bob'), 'downloads', 'minutes.txt'))).toEqual(readFileSync(file))

    const { url } = await cli('alice', 'open', '--no-browser')
    const origin = new URL(url).origin
    const fetched = execFileSync('ip', ['netns', 'exec', lan.ns('alice'), process.execPath, '--input-type=module', '-e', `
      const page = await (await fetch('${origin}/')).text()
      const script = /src="(\\/assets\\/[^"]+\\.js)"/.exec(page)[1]
      const asset = await fetch('${origin}' + script)
      console.log(JSON.stringify({ page: page.includes('<div id="app">'), asset: asset.status, type: asset.headers.get('content-type') }))
    `], { encoding: 'utf8' })
    expect(JSON.parse(fetched)).toEqual({ page: true, asset: 200, type: 'text/javascript; charset=utf-8' })

    for (const p of [alice, bob, index]) expect(await p.stop()).toBe(0)
  }, 120_000)
})
