// Every test file starts here: prove the suite runs on the Node that lanchat needs
// (node@24 from devDependencies), not the system Node 20; and after it, remove
// the temporary folders it made (the file's own afterAll hooks, which stop its
// processes, run before this one).
import { afterAll, beforeAll } from 'vitest'
import { removeTempDirs } from './helpers/index-process.js'

beforeAll(() => {
  const major = Number(process.versions.node.split('.')[0])
  if (major < 22) {
    throw new Error(`tests must run on Node >= 22.12 (the node@24 devDependency); this is ${process.version}`)
  }
})

afterAll(() => {
  removeTempDirs()
})
