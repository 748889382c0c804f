/**
 * What differs between operating systems, each in one place: the file modes
 * that keep keys and tokens private, the signals after which a program stops
 * cleanly, and where the programs keep their data by default. (The login's
 * broadcast addresses live with the login: node/services/index-client/udp-login.ts.)
 * Linux is what lanchat is tested on; README's "Platforms" says what is not.
 *
 * This module must only use what Node 20 has: the launcher imports it.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'

/** A profile or data folder: its owner only. */
export const PRIVATE_DIR_MODE = 0o700
/** A key, token, lock or API address file: its owner only. */
export const PRIVATE_FILE_MODE = 0o600
/** Permission bits other users have (none allowed on private files and folders). */
export const OTHERS_MODE_BITS = 0o077
/**
 * Whether file modes mean anything here. On Windows Node reports 0o666/0o777
 * for every file (access is decided by ACLs, and the home folder's are
 * private by default), so a mode is never a reason to refuse there.
 */
export const FILE_MODES_APPLY = process.platform !== 'win32'

/** Ctrl-C, kill or `systemctl stop`, and a closed terminal: each stops a program cleanly (logout, files removed). */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/** `~/.lanchat`: a person's profile when no --profile is given. */
export function defaultProfileDir (): string {
  return join(homedir(), '.lanchat')
}

/** `~/.lanchat-index`: the index server's data when no --data is given (the systemd unit passes /var/lib/lanchat-index). */
export function defaultIndexDataDir (): string {
  return join(homedir(), '.lanchat-index')
}
