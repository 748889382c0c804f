/**
 * A profile directory holds one person's daemon state: the Ed25519 identity
 * (identity.key, 0600), the API token (api-token, 0600), the database, the
 * API address the daemon bound (api.json) and a lock (daemon.pid) so two
 * daemons never share a profile.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadOrCreateKey } from '../../runtime/identity.js'
import { FILE_MODES_APPLY, OTHERS_MODE_BITS, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../runtime/platform.js'
import { API_INFO_FILE, KEY_FILE, LOCK_FILE, PROFILE_DB_FILE, TOKEN_FILE } from '../profile-files.js'
import type { PrivateKey } from '@libp2p/interface'

/** API tokens are 256 random bits, as 64 hex characters. */
export const TOKEN_BYTES = 32

/** Thrown when the profile, its key, its token or its database can be read by other users. */
export class ProfileInsecureError extends Error {
  static name = 'ProfileInsecureError'
  name = 'ProfileInsecureError'
}

/** Refuses a path other users can read or write (the key and token are secrets). */
function assertPrivate (path: string, what: string, wanted: number): void {
  if (!FILE_MODES_APPLY || !existsSync(path)) return
  const mode = statSync(path).mode & 0o777
  if ((mode & OTHERS_MODE_BITS) !== 0) {
    throw new ProfileInsecureError(`${what} ${path} can be read by other users (mode ${mode.toString(8)}); run: chmod ${wanted.toString(8)} ${path}`)
  }
}

/** Thrown when another live daemon holds the profile. */
export class ProfileInUseError extends Error {
  static name = 'ProfileInUseError'
  name = 'ProfileInUseError'
}

export interface Profile {
  dir: string
  key: PrivateKey
  token: string
  /** identity created on this start */
  created: boolean
  writeApiInfo(port: number): void
  /** removes api.json and the lock (clean exit) */
  release(): void
}

function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err: any) {
    return err.code === 'EPERM'
  }
}

function lock (dir: string): void {
  const path = join(dir, LOCK_FILE)
  for (let i = 0; i < 2; i++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx', mode: PRIVATE_FILE_MODE })
      return
    } catch (err: any) {
      if (err.code !== 'EEXIST') throw err
      const pid = Number(readFileSync(path, 'utf8').trim())
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new ProfileInUseError(`a daemon is already running for the profile ${dir} (pid ${pid}); stop it first, or use another --profile`)
      }
      rmSync(path, { force: true }) // left over from a crash
    }
  }
}

function loadOrCreateToken (dir: string): string {
  const path = join(dir, TOKEN_FILE)
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim()
    if (/^[0-9a-f]{64}$/.test(token)) return token
  }
  const token = randomBytes(TOKEN_BYTES).toString('hex')
  writeFileSync(path, `${token}\n`, { mode: PRIVATE_FILE_MODE })
  chmodSync(path, PRIVATE_FILE_MODE)
  return token
}

/** Opens (creating) the profile at `dir` and takes its lock. */
export async function openProfile (dir: string): Promise<Profile> {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  assertPrivate(dir, 'the profile', PRIVATE_DIR_MODE)
  assertPrivate(join(dir, KEY_FILE), 'the identity key', PRIVATE_FILE_MODE)
  assertPrivate(join(dir, TOKEN_FILE), 'the API token', PRIVATE_FILE_MODE)
  // the history is as private as the key (SQLite gives -wal and -shm the database file's mode)
  for (const suffix of ['', '-wal', '-shm']) assertPrivate(join(dir, PROFILE_DB_FILE + suffix), 'the message database', PRIVATE_FILE_MODE)
  lock(dir)
  // however the process ends (a crash included), it leaves no lock or API address of its own behind
  const removeOwn = (): void => { removeIfMine(dir) }
  process.once('exit', removeOwn)
  try {
    const { key, created } = await loadOrCreateKey(join(dir, KEY_FILE))
    const token = loadOrCreateToken(dir)
    return {
      dir,
      key,
      token,
      created,
      writeApiInfo (port: number) {
        const info = { url: `http://127.0.0.1:${port}`, port, pid: process.pid }
        writeFileSync(join(dir, API_INFO_FILE), `${JSON.stringify(info)}\n`, { mode: PRIVATE_FILE_MODE })
      },
      release () {
        process.off('exit', removeOwn)
        rmSync(join(dir, API_INFO_FILE), { force: true })
        rmSync(join(dir, LOCK_FILE), { force: true })
      }
    }
  } catch (err) {
    process.off('exit', removeOwn)
    rmSync(join(dir, LOCK_FILE), { force: true })
    throw err
  }
}

/** Removes the lock and api.json when they are this process's (never another daemon's that took over the profile). */
function removeIfMine (dir: string): void {
  try {
    if (Number(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()) !== process.pid) return
    rmSync(join(dir, API_INFO_FILE), { force: true })
    rmSync(join(dir, LOCK_FILE), { force: true })
  } catch {}
}
