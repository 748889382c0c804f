/**
 * The rules for a file's path in an offer, one home for both ends: the
 * sender checks its own paths fit ({@link pathProblem}); the receiver never
 * trusts them and makes each one a safe relative path of plain names
 * ({@link sanitisePath}) before anything touches its disk; a name already
 * taken there gets a new one ({@link clashName}), never an overwrite.
 *
 * @example
 * ```ts
 * sanitisePath('../../etc/passwd')      // 'etc/passwd'
 * sanitisePath('C:\\Windows\\CON.txt')  // 'C_/Windows/_CON.txt'
 * clashName('report.pdf', 2)            // 'report (2).pdf'
 * ```
 */
import { MAX_FILE_NAME_BYTES, MAX_FILE_PATH_BYTES, MAX_FILE_PATH_DEPTH } from '../constants.js'

/** Names Windows gives to devices, with any extension ("con.txt" opens the console there). */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)(\..*)?$/i
/** C0 and C1 control characters, DEL, and the characters Windows refuses in a name. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f<>:"|?*]/g
/** Characters that change how text is shown (direction overrides, zero-width), which can disguise an extension ("txt.exe" shown as "exe.txt"). */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g
/** Lone UTF-16 surrogates (not valid text: a file system may refuse or mangle them). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
/** Windows drops trailing dots and spaces, so "a.txt." would land as "a.txt". */
const TRAILING_DOTS = /[. ]+$/

/** Folder in the downloads folder where partial files wait; an offered top-level name never equals it. */
export const PARTIAL_DIR = '.lanchat-partial'

const encoder = new TextEncoder()

export function utf8Bytes (text: string): number {
  return encoder.encode(text).byteLength
}

/** Cuts a name to `max` UTF-8 bytes at a character boundary, keeping a short extension. */
function shorten (name: string, max = MAX_FILE_NAME_BYTES): string {
  if (utf8Bytes(name) <= max) return name
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : ''
  const stem = [...name.slice(0, name.length - ext.length)]
  let bytes = utf8Bytes(ext)
  let keep = 0
  while (keep < stem.length && bytes + utf8Bytes(stem[keep]) <= max) bytes += utf8Bytes(stem[keep++])
  return stem.slice(0, keep).join('') + ext
}

/** One name made safe: no control, reserved or invisible characters, no device name, no trailing dot or space, not too long. */
function safeName (part: string): string {
  let name = part.replace(LONE_SURROGATE, '_').replace(INVISIBLE, '').normalize('NFC').replace(UNSAFE_CHARS, '_')
  name = shorten(name).replace(TRAILING_DOTS, '')
  if (name === '' || name === '.' || name === '..') return ''
  if (DEVICE_NAME.test(name)) name = shorten(`_${name}`).replace(TRAILING_DOTS, '')
  if (name.toLowerCase() === PARTIAL_DIR) name = `_${name.slice(1)}`
  return name
}

/**
 * A path from an offer as a safe relative path ("/"-separated plain names):
 * both "/" and "\" separate; empty, "." and ".." parts are dropped (so an
 * absolute or climbing path stays inside); a drive letter ("C:") loses its
 * colon; every name goes through the rules above; parts deeper than
 * MAX_FILE_PATH_DEPTH are dropped. Never empty (a path made only of dropped
 * parts becomes "file"). Applying it twice changes nothing.
 */
export function sanitisePath (path: string): string {
  const parts = path.split(/[/\\]+/).map(safeName).filter(p => p !== '')
  if (parts.length === 0) return 'file'
  if (parts.length > MAX_FILE_PATH_DEPTH) parts.splice(MAX_FILE_PATH_DEPTH - 1, parts.length - MAX_FILE_PATH_DEPTH)
  return parts.join('/')
}

/**
 * The n-th new name for a name that is taken (n >= 1): "a.txt" -> "a (1).txt",
 * "folder" -> "folder (1)"; still within MAX_FILE_NAME_BYTES.
 */
export function clashName (name: string, n: number): string {
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 ? name.slice(dot) : ''
  const tag = ` (${n})`
  const stem = shorten(name.slice(0, name.length - ext.length), Math.max(1, MAX_FILE_NAME_BYTES - utf8Bytes(tag) - utf8Bytes(ext)))
  return shorten(`${stem}${tag}${ext}`)
}

/** Why a path cannot be offered as it is (not plain, too long, too deep, a name too long), or undefined. */
export function pathProblem (path: string): string | undefined {
  const parts = path.split('/')
  if (path === '' || parts.some(p => p === '' || p === '.' || p === '..')) return `"${path}" is not a plain relative path`
  if (utf8Bytes(path) > MAX_FILE_PATH_BYTES) return `the path ${path.slice(0, 60)}… is longer than ${MAX_FILE_PATH_BYTES} bytes`
  if (parts.length > MAX_FILE_PATH_DEPTH) return `${path.slice(0, 60)}… is nested deeper than ${MAX_FILE_PATH_DEPTH} folders`
  const long = parts.find(p => utf8Bytes(p) > MAX_FILE_NAME_BYTES)
  if (long !== undefined) return `the name ${long.slice(0, 60)}… is longer than ${MAX_FILE_NAME_BYTES} bytes`
  return undefined
}
