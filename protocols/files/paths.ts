/**
 * The rules for a file's path in an offer, one home for both ends: the
 * sender checks its own paths fit ({@link pathProblem}); the receiver never
 * trusts them and makes each one a safe relative path of plain names
 * ({@link sanitisePath}) before anything touches its disk.
 *
 * @example
 * ```ts
 * sanitisePath('../../etc/passwd')      // 'etc/passwd'
 * sanitisePath('C:\\Windows\\CON.txt')  // 'C_/Windows/_CON.txt'
 * ```
 */
import { MAX_FILE_NAME_BYTES, MAX_FILE_PATH_BYTES, MAX_FILE_PATH_DEPTH } from '../constants.js'

/** Names Windows gives to devices, with any extension ("con.txt" opens the console there). */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i
/** C0 and C1 control characters, DEL, and the characters Windows refuses in a name. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f<>:"|?*]/g
/** Characters that change how text is shown (direction overrides, zero-width), which can disguise an extension ("txt.exe" shown as "exe.txt"). */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g

/** Folder where partial files wait inside the folder they land in; an offered path never starts with it. */
export const PARTIAL_DIR = '.lanchat-partial'

const encoder = new TextEncoder()

function utf8Bytes (text: string): number {
  return encoder.encode(text).byteLength
}

/** Cuts a name to MAX_FILE_NAME_BYTES UTF-8 bytes at a character boundary, keeping a short extension. */
function shorten (name: string): string {
  if (utf8Bytes(name) <= MAX_FILE_NAME_BYTES) return name
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : ''
  let stem = [...name.slice(0, name.length - ext.length)]
  while (stem.length > 0 && utf8Bytes(stem.join('') + ext) > MAX_FILE_NAME_BYTES) stem = stem.slice(0, -1)
  return stem.join('') + ext
}

/** One name made safe: no control or reserved characters, no device name, no trailing dot or space, not too long. */
function safeName (part: string): string {
  let name = part.normalize('NFC').replace(INVISIBLE, '').replace(UNSAFE_CHARS, '_')
  // Windows drops trailing dots and spaces, so "a.txt." would land as "a.txt"
  name = name.replace(/[. ]+$/, '')
  if (name === '' || name === '.' || name === '..') return ''
  if (DEVICE_NAME.test(name)) name = `_${name}`
  if (name.toLowerCase() === PARTIAL_DIR) name = `_${name.slice(1)}`
  return shorten(name)
}

/**
 * A path from an offer as a safe relative path ("/"-separated plain names):
 * both "/" and "\" separate; empty, "." and ".." parts are dropped (so an
 * absolute or climbing path stays inside); a drive letter ("C:") loses its
 * colon; every name goes through the rules above. Never empty (a path made
 * only of dropped parts becomes "file").
 */
export function sanitisePath (path: string): string {
  const parts = path.split(/[/\\]+/).map(safeName).filter(p => p !== '')
  if (parts.length === 0) return 'file'
  return parts.join('/')
}

/** Why a path cannot be offered as it is (too long, too deep, an empty name), or undefined. */
export function pathProblem (path: string): string | undefined {
  const parts = path.split('/')
  if (path === '' || parts.some(p => p === '' || p === '.' || p === '..')) return `"${path}" is not a plain relative path`
  if (utf8Bytes(path) > MAX_FILE_PATH_BYTES) return `the path ${path.slice(0, 60)}… is longer than ${MAX_FILE_PATH_BYTES} bytes`
  if (parts.length > MAX_FILE_PATH_DEPTH) return `${path.slice(0, 60)}… is nested deeper than ${MAX_FILE_PATH_DEPTH} folders`
  const long = parts.find(p => utf8Bytes(p) > MAX_FILE_NAME_BYTES)
  if (long !== undefined) return `the name ${long.slice(0, 60)}… is longer than ${MAX_FILE_NAME_BYTES} bytes`
  return undefined
}
