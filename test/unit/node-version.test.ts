import { expect, it } from 'vitest'

it('runs on the bundled Node 24, not the system Node 20', () => {
  console.log(`test runtime: Node ${process.version}`)
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24)
})
