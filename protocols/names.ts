/**
 * Naming rules shared by the index server (which enforces them) and the
 * daemon (which checks before it asks, and applies them to every name it
 * learns).
 *
 * The name profile (`nameProblem`):
 * - 1 to MAX_NAME_CHARS characters;
 * - letters, the digits 0-9, and ".", "_", "-"; it starts and ends with a
 *   letter or digit;
 * - the letters come from one of these script sets (no mixing within a
 *   name; digits and ".", "_", "-" go with any): Latin, Greek, Cyrillic,
 *   Japanese/Chinese (Han, Hiragana and Katakana together), Hangul;
 * - already in NFKC form: fullwidth, mathematical, circled or decomposed
 *   letters are refused with the plain name to use instead;
 * - no invisible, format or direction-changing characters (zero-width
 *   space, joiners, bidi overrides, soft hyphen, fillers) and no spaces;
 * - not a reserved name (RESERVED_NAMES), nor a look-alike of one.
 *
 * Look-alikes (`confusableKeys`, `looksAlike`): two names look alike when
 * they share a key. Keys are UTS #39 skeletons of the NFKC case-fold with
 * ".", "_" and "-" removed (so "j.smith", "j_smith" and "jsmith" are one
 * name to a reader), taken both of the folded name and of the name as it is
 * shown (so a capital I or a digit 1 or 0 cannot pass for l or o:
 * "aIice", "a1ice" and "b0b" look like "alice" and "bob").
 */
import { MAX_NAME_CHARS, MAX_STATUS_TEXT_CHARS, RESERVED_NAMES } from './constants.js'
import { caseFold, skeleton } from './shared/confusables.js'

/** The key a name is bound under: NFC and lower case, so "Alice" and "alice" are one name. */
export function nameKey (name: string): string {
  return name.normalize('NFC').toLowerCase()
}

/** Separators a reader does not count: "j.smith" and "jsmith" look alike. */
const SEPARATORS = /[._-]/g

/**
 * The UTS #39 skeleton of the name's NFKC case-fold, without ".", "_" and
 * "-": names with equal keys look alike. Not text to show.
 */
export function confusableKey (name: string): string {
  return skeleton(caseFold(name)).replace(SEPARATORS, '')
}

/**
 * Every key a name is compared under: `confusableKey`, and the same taken
 * after the skeleton of the name as shown (where "I" and "1" are "l" and
 * "0" is "O", which folding alone would lose). Two names look alike when
 * any of their keys are equal.
 */
export function confusableKeys (name: string): string[] {
  const keys = [confusableKey(name), skeleton(caseFold(skeleton(name.normalize('NFKC')))).replace(SEPARATORS, '')]
  return keys[0] === keys[1] ? [keys[0]] : keys
}

/** Whether a reader could take one name for the other. */
export function looksAlike (a: string, b: string): boolean {
  const keys = new Set(confusableKeys(a))
  return confusableKeys(b).some(key => keys.has(key))
}

let reserved: Array<{ name: string, keys: string[] }> | undefined

/** The look-alike keys of the reserved names, computed once. */
function reservedKeys (): Array<{ name: string, keys: string[] }> {
  reserved ??= [...RESERVED_NAMES].map(name => ({ name, keys: confusableKeys(name) }))
  return reserved
}

/** The script sets a name's letters may come from; one per name. */
const SCRIPT_SETS: ReadonlyArray<{ name: string, letter: RegExp }> = [
  { name: 'Latin', letter: /^\p{scx=Latin}$/u },
  { name: 'Greek', letter: /^\p{scx=Greek}$/u },
  { name: 'Cyrillic', letter: /^\p{scx=Cyrillic}$/u },
  { name: 'Japanese/Chinese', letter: /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]$/u },
  { name: 'Hangul', letter: /^\p{scx=Hangul}$/u }
]
const SCRIPT_NAMES = 'Latin, Greek, Cyrillic, Japanese/Chinese (Han, Hiragana, Katakana) or Hangul'

/** Characters nobody sees, or that turn the text around them: format, control, ignorable, bidi. */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Co}\p{Cs}\p{Cn}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Zl}\p{Zp}]/u
const SPACE = /[\p{White_Space}\p{Zs}]/u
const LETTER = /^\p{L}$/u
const DIGIT = /^[0-9]$/
const SEPARATOR = /^[._-]$/

function codePoint (ch: string): string {
  return `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`
}

/** Returns why a name is not allowed, in words a person can read, or undefined when it is fine. */
export function nameProblem (name: string): string | undefined {
  const chars = [...name]
  if (chars.length === 0) return 'a name cannot be empty'
  if (chars.length > MAX_NAME_CHARS) return `a name can have at most ${MAX_NAME_CHARS} characters`
  const invisible = chars.find(ch => INVISIBLE.test(ch))
  if (invisible != null) return `a name cannot contain invisible or direction-changing characters (it has ${codePoint(invisible)})`
  if (chars.some(ch => SPACE.test(ch))) return 'a name cannot contain spaces'
  const plain = name.normalize('NFKC')
  if (plain !== name) {
    return nameProblem(plain) == null
      ? `it is written with special letter forms (fullwidth, mathematical, decomposed, ...); use the plain name "${plain}"`
      : 'it is written with special letter forms (fullwidth, mathematical, decomposed, ...); use plain letters and digits'
  }
  const other = chars.find(ch => !LETTER.test(ch) && !DIGIT.test(ch) && !SEPARATOR.test(ch))
  if (other != null) return `a name has only letters, digits 0-9, ".", "_" and "-" (not "${other}")`
  if (SEPARATOR.test(chars[0]) || SEPARATOR.test(chars[chars.length - 1])) {
    return 'a name starts and ends with a letter or digit'
  }
  const scriptProblem = mixedScripts(chars.filter(ch => LETTER.test(ch)))
  if (scriptProblem != null) return scriptProblem
  if (RESERVED_NAMES.has(nameKey(name))) return `"${name}" is reserved`
  const keys = new Set(confusableKeys(name))
  const reserved = reservedKeys().find(r => r.keys.some(key => keys.has(key)))
  if (reserved != null) return `"${name}" looks like the reserved name "${reserved.name}"`
  return undefined
}

/** Why the letters do not fit one script set, or undefined when they do. */
function mixedScripts (letters: string[]): string | undefined {
  let sets = SCRIPT_SETS
  let first: string | undefined
  for (const ch of letters) {
    const fits = sets.filter(set => set.letter.test(ch))
    if (fits.length > 0) {
      sets = fits
      first ??= ch
      continue
    }
    if (!SCRIPT_SETS.some(set => set.letter.test(ch))) return `"${ch}" (${codePoint(ch)}) is not a letter names can use; names use ${SCRIPT_NAMES} letters`
    return `a name cannot mix scripts ("${first ?? ''}" is ${sets.map(s => s.name).join('/')}, "${ch}" is ${SCRIPT_SETS.filter(s => s.letter.test(ch)).map(s => s.name).join('/')}); write it in one script`
  }
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
