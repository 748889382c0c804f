// Every test file starts here: prove the suite runs on the Node that lanchat needs
// (node@24 from devDependencies), not the system Node 20.
import { beforeAll } from 'vitest'

beforeAll(() => {
  const major = Number(process.versions.node.split('.')[0])
  if (major < 22) {
    throw new Error(`tests must run on Node >= 22.12 (the node@24 devDependency); this is ${process.version}`)
  }
})
