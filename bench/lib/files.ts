/**
 * Test files for the file scenario, written with their SHA-256 (a
 * transfer's state, hashes and RSS sampling: test/helpers/files.ts).
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'

const MiB = 1024 * 1024
/** Random bytes written per write while making a big file. */
const WRITE_BYTES = 16 * MiB

/** Writes `mib` MiB of random bytes to `path`; resolves with their SHA-256 (hex). */
export async function bigFile (path: string, mib: number): Promise<string> {
  const hash = createHash('sha256')
  const fh = await open(path, 'w')
  try {
    for (let at = 0; at < mib * MiB; at += WRITE_BYTES) {
      const bytes = randomBytes(Math.min(WRITE_BYTES, mib * MiB - at))
      hash.update(bytes)
      await fh.write(bytes)
    }
  } finally {
    await fh.close()
  }
  return hash.digest('hex')
}

/** A folder of `count` files of `bytes` random bytes each; resolves with each name's content. */
export function smallFiles (dir: string, count: number, bytes: number): Map<string, Buffer> {
  mkdirSync(dir, { recursive: true })
  const files = new Map<string, Buffer>()
  for (let i = 0; i < count; i++) {
    const name = `f${String(i).padStart(4, '0')}.bin`
    const data = randomBytes(bytes)
    writeFileSync(join(dir, name), data)
    files.set(name, data)
  }
  return files
}

