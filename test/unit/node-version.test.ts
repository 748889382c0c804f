import { expect, it } from 'vitest'

it('runs on the bundled Node 24, not the system Node 20', () => {
  console.log(`test runtime: Node ${process.version}`)
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24)
})

it('starts both programs with the same V8 flags from their #! line as the launcher and test helpers use', async () => {
  const { readFileSync } = await import('node:fs')
  const { resolve } = await import('node:path')
  const { RUNTIME_FLAGS } = await import('../../runtime/node-version.js')
  const { ROOT } = await import('../helpers/index-process.js')
  for (const [bin, flags] of [['dist/node/bin/lanchat.js', RUNTIME_FLAGS.lanchat], ['dist/index-server/bin/lanchat-index.js', RUNTIME_FLAGS['lanchat-index']]] as const) {
    const first = readFileSync(resolve(ROOT, bin), 'utf8').split('\n')[0]
    expect(first).toBe(`#!/usr/bin/env -S node ${flags.join(' ')}`)
  }
})
