/**
 * The name profile and look-alike keys every path applies: what a person may
 * call themselves, and which names a reader could take for one another.
 */
import { describe, expect, it } from 'vitest'
import { MAX_NAME_CHARS } from '../../protocols/constants.js'
import { confusableKey, confusableKeys, looksAlike, nameKey, nameProblem } from '../../protocols/names.js'
import { caseFold, skeleton } from '../../protocols/shared/confusables.js'

describe('the name profile', () => {
  it('takes plain names in each script set, with digits and . _ -', () => {
    for (const name of ['alice', 'Alice', 'j.smith', 'ann-marie', 'bob_2', '42', 'Zoë', 'José', 'Ελένη', 'Иван', 'Олена', '山田太郎', 'やまだ', 'ルーク', '김민수', 'a'.repeat(MAX_NAME_CHARS)]) {
      expect(nameProblem(name), name).toBeUndefined()
    }
  })

  it('refuses the empty name and names that are too long', () => {
    expect(nameProblem('')).toBe('a name cannot be empty')
    expect(nameProblem('a'.repeat(MAX_NAME_CHARS + 1))).toBe(`a name can have at most ${MAX_NAME_CHARS} characters`)
  })

  it('refuses invisible and direction-changing characters, naming the code point', () => {
    expect(nameProblem('ali\u202Eecila')).toMatch(/invisible or direction-changing.*U\+202E/) // right-to-left override
    expect(nameProblem('al\u200Bice')).toMatch(/invisible.*U\+200B/) // zero-width space
    expect(nameProblem('al\u200Dice')).toMatch(/U\+200D/) // zero-width joiner
    expect(nameProblem('\u2066alice\u2069')).toMatch(/U\+2066/) // isolate
    expect(nameProblem('ali\u00ADce')).toMatch(/U\+00AD/) // soft hyphen
    expect(nameProblem('\u3164')).toMatch(/U\+3164/) // Hangul filler: a "letter" nobody sees
    expect(nameProblem('alice\u0000')).toMatch(/U\+0000/)
    expect(nameProblem('al ice')).toBe('a name cannot contain spaces')
  })

  it('refuses fullwidth, mathematical and decomposed letters, saying which plain name to use', () => {
    expect(nameProblem('ａｌｉｃｅ')).toMatch(/special letter forms.*use the plain name "alice"/)
    expect(nameProblem('𝖺𝗅𝗂𝖼𝖾')).toMatch(/use the plain name "alice"/)
    expect(nameProblem('ⓐlice')).toMatch(/use the plain name "alice"/)
    expect(nameProblem('Zoe\u0308')).toMatch(/use the plain name "Zoë"/) // e + combining diaeresis
  })

  it('refuses other characters, and separators at either end', () => {
    expect(nameProblem('alice!')).toBe('a name has only letters, digits 0-9, ".", "_" and "-" (not "!")')
    expect(nameProblem('alice.')).toBe('a name starts and ends with a letter or digit')
    expect(nameProblem('-alice')).toBe('a name starts and ends with a letter or digit')
    expect(nameProblem('😀')).toMatch(/only letters/)
  })

  it('refuses a name that mixes scripts, and letters from other scripts', () => {
    expect(nameProblem('аlice')).toMatch(/cannot mix scripts \("а" is Cyrillic, "l" is Latin\)/) // Cyrillic а
    expect(nameProblem('alіce')).toMatch(/cannot mix scripts \("a" is Latin, "і" is Cyrillic\)/) // Cyrillic і
    expect(nameProblem('alphaβ')).toMatch(/cannot mix scripts/)
    expect(nameProblem('yamada山田')).toMatch(/cannot mix scripts/)
    expect(nameProblem('مريم')).toMatch(/not a letter names can use; names use Latin, Greek/)
  })

  it('refuses reserved names, and names that look like them', () => {
    expect(nameProblem('everyone')).toBe('"everyone" is reserved')
    expect(nameProblem('Everyone')).toBe('"Everyone" is reserved')
    expect(nameProblem('every.one')).toBe('"every.one" looks like the reserved name "everyone"')
    expect(nameProblem('every0ne')).toBe('"every0ne" looks like the reserved name "everyone"')
    expect(nameProblem('sys_tem')).toBe('"sys_tem" looks like the reserved name "system"')
    expect(nameProblem('еvеryоnе')).toMatch(/cannot mix scripts/) // Cyrillic е and о
  })
})

describe('look-alike keys', () => {
  it('gives every look-alike of alice the key of alice', () => {
    for (const lookAlike of ['аlice', 'alіce', 'ａｌｉｃｅ', '𝖺𝗅𝗂𝖼𝖾', 'alice.', 'ALICE', 'a.lice', 'a_l-ice']) {
      expect(confusableKey(lookAlike), lookAlike).toBe(confusableKey('alice'))
      expect(looksAlike(lookAlike, 'alice'), lookAlike).toBe(true)
    }
  })

  it('catches a name written wholly in another script that looks the same (Cyrillic аӀісе)', () => {
    expect(nameProblem('аӀісе')).toBeUndefined() // one script: the profile alone lets it through
    expect(looksAlike('аӀісе', 'alice')).toBe(true)
  })

  it('says so when . _ - are all that differs (j.smith is jsmith)', () => {
    expect(looksAlike('j.smith', 'jsmith')).toBe(true)
    expect(looksAlike('j_smith', 'j-smith')).toBe(true)
  })

  it('catches a capital I, a digit 1 or 0 standing for l or o, and rn for m', () => {
    expect(looksAlike('aIice', 'alice')).toBe(true)
    expect(looksAlike('a1ice', 'alice')).toBe(true)
    expect(looksAlike('b0b', 'bob')).toBe(true)
    expect(looksAlike('jirn', 'jim')).toBe(true)
  })

  it('keeps different names apart', () => {
    for (const [a, b] of [['alice', 'alina'], ['bob', 'rob'], ['ann', 'anna'], ['jim', 'tim'], ['山田', '山本'], ['Ελένη', 'Ελενα']]) {
      expect(looksAlike(a, b), `${a} / ${b}`).toBe(false)
    }
  })

  it('folds case fully (NFKC_Casefold), unlike nameKey', () => {
    expect(caseFold('STRASSE')).toBe(caseFold('straße'))
    expect(nameKey('Alice')).toBe('alice')
    expect(confusableKeys('alice')).toEqual([confusableKey('alice')])
  })

  it('maps by the UTS #39 data (Cyrillic а is a, m is rn)', () => {
    expect(skeleton('\u0430')).toBe('a')
    expect(skeleton('m')).toBe('rn')
  })
})
