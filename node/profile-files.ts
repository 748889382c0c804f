/**
 * The files of a profile directory (`~/.lanchat` or `--profile DIR`), one
 * home for their names: the daemon writes them, the CLI and the web client's
 * login read some of them.
 */

/** The Ed25519 identity key (mode 0600): the person's PeerId. */
export const KEY_FILE = 'identity.key'
/** The local API's bearer token, 64 hex characters (mode 0600). */
export const TOKEN_FILE = 'api-token'
/** Where the running daemon's API listens: {"url","port","pid"}; removed on exit. */
export const API_INFO_FILE = 'api.json'
/** The running daemon's pid: one daemon per profile. */
export const LOCK_FILE = 'daemon.pid'
/** History, outbox, contacts, settings and the search index (SQLite, mode 0600). */
export const PROFILE_DB_FILE = 'lanchat.db'
