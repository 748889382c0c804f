/**
 * `npm run demo` cleans up after itself: the temporary folder with the demo's
 * identity keys, databases and index data is removed when it stops.
 */
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, it } from 'vitest'
import { ROOT, tempDir } from '../helpers/index-process.js'

it('removes its temporary folder on Ctrl-C', async () => {
  const tmp = tempDir('lanchat-demo-tmp-')
  // its own process group: should it hang, the test ends it with its index server and daemons
  const demo = spawn(process.execPath, [resolve(ROOT, 'dist/node/demo.js')], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const killAll = (): void => { try { process.kill(-(demo.pid as number), 'SIGKILL') } catch {} }
  let out = ''
  const exited = new Promise<number | null>(resolve => demo.once('exit', code => { resolve(code) }))
  const waiting = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { killAll(); reject(new Error(`the demo did not get going in 60 s:\n${out}`)) }, 60_000)
    const seen = (d: Buffer): void => {
      out += d.toString()
      if (out.includes('Press Ctrl-C')) { clearTimeout(timer); resolve() }
    }
    demo.stdout.on('data', seen)
    demo.stderr.on('data', seen)
    demo.once('exit', code => { clearTimeout(timer); reject(new Error(`the demo exited (${String(code)}) before it was ready:\n${out}`)) })
  })
  await waiting
  const folder = /profiles and data in (\S+) \(removed when the demo stops\)/.exec(out)?.[1]
  expect(folder?.startsWith(tmp)).toBe(true)
  expect(readdirSync(tmp)).toHaveLength(1)
  demo.kill('SIGINT')
  const code = await Promise.race([exited, new Promise<'hung'>(resolve => setTimeout(() => { resolve('hung') }, 30_000).unref())])
  if (code === 'hung') killAll()
  expect(code).toBe(0)
  expect(out).toContain(`removed ${folder!}`)
  expect(readdirSync(tmp)).toEqual([])
}, 90_000)
