/**
 * Naming rules shared by the index server (which enforces them) and the
 * daemon (which checks before it asks).
 */
import { MAX_NAME_CHARS, MAX_STATUS_TEXT_CHARS, RESERVED_NAMES } from './constants.js'

/** Letters or digits first, then letters, digits, ".", "_" or "-". */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u

/** The key a name is bound under: NFC and lower case, so "Alice" and "alice" are one name. */
export function nameKey (name: string): string {
  return name.normalize('NFC').toLowerCase()
}

/**
 * The key two names are compared under to tell whether a person could take
 * one for the other (look-alikes). Every path that shows a name keeps names
 * with equal keys apart.
 */
export function confusableKey (name: string): string {
  return name.normalize('NFKC').toLowerCase().normalize('NFKC')
}

/** Returns why a name is not allowed, in words a person can read, or undefined when it is fine. */
export function nameProblem (name: string): string | undefined {
  const chars = [...name.normalize('NFC')].length
  if (chars === 0) return 'a name cannot be empty'
  if (chars > MAX_NAME_CHARS) return `a name can have at most ${MAX_NAME_CHARS} characters`
  if (!NAME_PATTERN.test(name.normalize('NFC'))) {
    return 'a name starts with a letter or digit and has only letters, digits, ".", "_" and "-"'
  }
  if (RESERVED_NAMES.has(nameKey(name))) return `"${name}" is reserved`
  return undefined
}

/** Returns why a status text cannot be set (too long), in words a person can read, or undefined when it is fine. */
export function statusTextProblem (text: string): string | undefined {
  const chars = [...text].length
  if (chars > MAX_STATUS_TEXT_CHARS) return `a status text can have at most ${MAX_STATUS_TEXT_CHARS} characters; this one has ${chars}`
  return undefined
}

/** Cuts a status text to MAX_STATUS_TEXT_CHARS characters and strips control characters. */
export function cleanStatusText (text: string): string {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/[\u0000-\u001f\u007f]/g, ' ')].slice(0, MAX_STATUS_TEXT_CHARS).join('')
}
