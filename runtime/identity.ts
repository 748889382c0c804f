/**
 * The Ed25519 identity key of a profile or of an index server: created on
 * first start, stored as a protobuf-encoded private key with mode 0600.
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { FILE_MODES_APPLY, OTHERS_MODE_BITS, PRIVATE_FILE_MODE } from './platform.js'

/** Thrown when a key file exists but cannot be used. */
export class KeyFileError extends Error {
  static name = 'KeyFileError'
  name = 'KeyFileError'
}

/** Loads the key at `path`, or creates one there (mode 0600) when there is none. */
export async function loadOrCreateKey (path: string): Promise<{ key: PrivateKey, created: boolean }> {
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777
    if (FILE_MODES_APPLY && (mode & OTHERS_MODE_BITS) !== 0) {
      // tighten rather than refuse: the file is ours, and a key readable by others is a leak
      chmodSync(path, PRIVATE_FILE_MODE)
    }
    try {
      return { key: privateKeyFromProtobuf(readFileSync(path)), created: false }
    } catch (err) {
      throw new KeyFileError(`the identity key ${path} is damaged (${(err as Error).message}); move it away to create a new identity`)
    }
  }
  const key = await generateKeyPair('Ed25519')
  writeFileSync(path, privateKeyToProtobuf(key), { mode: PRIVATE_FILE_MODE, flag: 'wx' })
  return { key, created: true }
}
