/**
 * The path rules of an offer (protocols/files/paths.ts): whatever a sender
 * writes as a path, what the receiver makes of it is a plain relative path
 * that stays inside the downloads folder, shows what it is, and fits every
 * file system lanchat runs on; a taken name gets a new one.
 */
import { join, posix, resolve, sep } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_FILE_NAME_BYTES, MAX_FILE_PATH_BYTES, MAX_FILE_PATH_DEPTH } from '../../protocols/constants.js'
import { PARTIAL_DIR, clashName, pathProblem, sanitisePath, utf8Bytes } from '../../protocols/files/paths.js'

/** Pieces hostile senders use, mixed with any text. */
const hostile = fc.constantFrom('..', '.', '', '/', '\\', 'C:', 'c:\\', '//server/share', '~', 'CON', 'nul.txt', 'LPT1', 'COM¹.log',
  '\u0000', '\n', '\u001b[31m', '\u007f', '\u0085', '\u202e', '\u200b', '\ufeff', 'a.', 'a ', ' ', '...', PARTIAL_DIR, '.LANCHAT-PARTIAL',
  'é', 'e\u0301', '\ud800', '\udc00', '😀', '名前', 'x'.repeat(300), 'ü'.repeat(200), '<>:"|?*')
const anyPath = fc.array(fc.oneof(hostile, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 })), { maxLength: 60 })
  .chain(parts => fc.constantFrom('/', '\\').map(s => parts.join(s)))

const DOWNLOADS = resolve('/home/bob/Downloads')

describe('a path from an offer, made safe', () => {
  it('is a plain relative path inside the downloads folder, whatever the sender wrote', () => {
    fc.assert(fc.property(anyPath, (raw) => {
      const safe = sanitisePath(raw)
      expect(safe).not.toBe('')
      expect(posix.normalize(safe)).toBe(safe)
      expect(safe.startsWith('/')).toBe(false)
      expect(safe).not.toContain('\\')
      expect(join(DOWNLOADS, safe).startsWith(DOWNLOADS + sep)).toBe(true)
      const parts = safe.split('/')
      expect(parts.length).toBeLessThanOrEqual(MAX_FILE_PATH_DEPTH)
      for (const part of parts) {
        expect(['', '.', '..']).not.toContain(part)
        expect(utf8Bytes(part)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES)
        expect(part).not.toMatch(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u202e\u200b\ufeff]/)
        expect(part).not.toMatch(/[. ]$/)
        expect(part).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i)
        expect(part.toLowerCase()).not.toBe(PARTIAL_DIR)
        expect(part).toBe(part.normalize('NFC'))
        expect(part.isWellFormed()).toBe(true)
      }
    }), { numRuns: 1000 })
  })

  it('changes nothing the second time', () => {
    fc.assert(fc.property(anyPath, (raw) => {
      const once = sanitisePath(raw)
      expect(sanitisePath(once)).toBe(once)
    }), { numRuns: 2000 })
  })

  it('keeps a plain path as it is, unicode included', () => {
    for (const plain of ['a.txt', 'photos/2026/Ünïcödé café.jpg', '名前/資料.pdf', 'deep/er/still/😀.png']) {
      expect(sanitisePath(plain)).toBe(plain)
    }
  })

  it('turns the classic attacks into names inside', () => {
    expect(sanitisePath('../../etc/passwd')).toBe('etc/passwd')
    expect(sanitisePath('/etc/shadow')).toBe('etc/shadow')
    expect(sanitisePath('C:\\Windows\\CON.txt')).toBe('C_/Windows/_CON.txt')
    expect(sanitisePath('\\\\server\\share\\x')).toBe('server/share/x')
    expect(sanitisePath('..')).toBe('file')
    expect(sanitisePath('report\u202efdp.exe')).toBe('reportfdp.exe')
    expect(sanitisePath('a\nb\u0000c')).toBe('a_b_c')
    expect(sanitisePath('notes.txt. . ')).toBe('notes.txt')
    expect(sanitisePath(`${PARTIAL_DIR}/x`)).toBe('_lanchat-partial/x')
  })

  it('cuts an over-long name at a character boundary and keeps its extension', () => {
    const cut = sanitisePath('ü'.repeat(200) + '.tar.gz')
    expect(utf8Bytes(cut)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES)
    expect(cut.endsWith('.gz')).toBe(true)
    expect(cut.startsWith('ü')).toBe(true)
  })

  it('keeps the first folders and the file name of a path nested too deep', () => {
    const deep = Array.from({ length: MAX_FILE_PATH_DEPTH + 10 }, (_, i) => `d${i}`).join('/') + '/leaf.txt'
    const parts = sanitisePath(deep).split('/')
    expect(parts).toHaveLength(MAX_FILE_PATH_DEPTH)
    expect(parts[0]).toBe('d0')
    expect(parts.at(-1)).toBe('leaf.txt')
  })
})

describe('a name already taken', () => {
  it('gets a numbered name before its extension', () => {
    expect(clashName('report.pdf', 1)).toBe('report (1).pdf')
    expect(clashName('folder', 2)).toBe('folder (2)')
    expect(clashName('.bashrc', 1)).toBe('.bashrc (1)')
  })

  it('is different for every n, safe, and never too long', () => {
    fc.assert(fc.property(anyPath, fc.integer({ min: 1, max: 100_000 }), (raw, n) => {
      const name = sanitisePath(raw).split('/').at(-1) as string
      const other = clashName(name, n)
      expect(other).not.toBe(name)
      expect(clashName(name, n + 1)).not.toBe(other)
      expect(utf8Bytes(other)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES)
      expect(sanitisePath(other)).toBe(other)
    }), { numRuns: 1000 })
  })
})

describe('a sender\'s own paths', () => {
  it('are refused with a reason when not plain, too long or too deep', () => {
    expect(pathProblem('a/b.txt')).toBeUndefined()
    expect(pathProblem('../x')).toMatch(/not a plain relative path/)
    expect(pathProblem('/x')).toMatch(/not a plain relative path/)
    expect(pathProblem('a'.repeat(MAX_FILE_PATH_BYTES + 1))).toMatch(/longer than 1024 bytes/)
    expect(pathProblem(Array(MAX_FILE_PATH_DEPTH + 1).fill('d').join('/'))).toMatch(/deeper than 32/)
    expect(pathProblem('n'.repeat(MAX_FILE_NAME_BYTES + 1))).toMatch(/longer than 255 bytes/)
  })
})
