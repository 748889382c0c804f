/**
 * The page's browser session: the secret the daemon gave for a login code,
 * kept in localStorage. The browser keeps that storage per origin (scheme,
 * host and port), so a page served from another port of 127.0.0.1 cannot
 * read it, and nothing sends it anywhere by itself: api.ts puts it in the
 * `Authorization: Session` header of the page's own requests to its daemon.
 *
 * A login link lands here as `/#code=CODE` (see node/api/session-wire.ts):
 * {@link takeLoginCode} takes the code out of the address bar before anything
 * else happens, so it stays in neither the history nor a bookmark.
 */
import { CODE_FRAGMENT_PARAM } from '../../api/session-wire.js'

/** The localStorage key of the session secret (the origin already names the daemon, so one key serves every profile). */
const STORAGE_KEY = 'lanchat.session'

/** The stored session secret, or undefined when this browser is not logged in (or storage is off). */
export function sessionSecret (): string | undefined {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? undefined
  } catch {
    return undefined
  }
}

export function keepSession (secret: string): void {
  localStorage.setItem(STORAGE_KEY, secret)
}

/** Forgets the secret the daemon refused, unless another tab has stored a newer one meanwhile. */
export function dropSession (refused: string): void {
  try {
    if (localStorage.getItem(STORAGE_KEY) === refused) localStorage.removeItem(STORAGE_KEY)
  } catch {
    // storage is off: there was nothing to forget
  }
}

/** The login code in the address bar's fragment, if any; the fragment is removed from the address bar either way. */
export function takeLoginCode (): string | undefined {
  if (location.hash === '') return undefined
  const code = new URLSearchParams(location.hash.slice(1)).get(CODE_FRAGMENT_PARAM) ?? undefined
  history.replaceState(history.state, '', location.pathname + location.search)
  return code
}
