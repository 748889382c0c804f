/**
 * Search over a large history: a real profile database (node:sqlite, the
 * same schema, triggers and FTS5 trigram index the daemon uses) filled with
 * 100 000 messages of office chat in 50 conversations (English words, some
 * numbers and addresses, some Chinese and Japanese), then timed queries of
 * every kind a person types: a rare word, a common word, two words, a
 * phrase, a part of a word, two CJK characters (the LIKE path), a search
 * in one conversation. Also: what the index costs on disk next to the
 * history (SQLite's dbstat), and the insert rate with the index kept.
 */
import { openProfileDatabase } from '../../node/store/db.js'
import { SearchIndex } from '../../node/store/search.js'
import { transaction } from '../../runtime/sqlite.js'
import { tempDir } from '../../test/helpers/index-process.js'
import { fmtMs, fmtRate, latency, fmtLatency } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'
import type { DatabaseSync } from 'node:sqlite'

const WORDS = ('meeting lunch report budget deadline printer vpn password server backup invoice client project review ' +
  'monday friday tomorrow today coffee office call email slides draft release build deploy ticket bug fix test team ' +
  'kitchen parking holiday schedule agenda minutes contract offer hiring laptop monitor keyboard network wifi').split(' ')
const CJK = ['会議', '予算', '明日', '报告', '开会', '东京', '資料', '确认', '服务器', '周五']
const PEERS = 50

/** A deterministic pseudo-random sequence, so every run searches the same history. */
function random (seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31
    return s / 2 ** 31
  }
}

function body (r: () => number, i: number): string {
  const words = Array.from({ length: 8 + Math.floor(r() * 12) }, () => WORDS[Math.floor(r() * WORDS.length)])
  if (r() < 0.1) words.push(CJK[Math.floor(r() * CJK.length)])
  if (i % 1000 === 0) words.push(`zebra${i}`) // rare: in one message each
  if (r() < 0.05) words.push(`10.0.${i % 256}.${(i * 7) % 256},`)
  return words.join(' ')
}

/** Fills a profile database with `total` messages in transactions of 5 000; returns the seconds it took. */
function fill (db: DatabaseSync, total: number): number {
  const insert = db.prepare(`INSERT INTO messages (id, peer_id, direction, from_name, to_name, body, sent_at, seq, state, created_at)
    VALUES (?, ?, 'in', ?, 'me', ?, ?, ?, 'received', ?)`)
  const r = random(42)
  const t0 = Date.now() - total * 60_000
  const started = performance.now()
  for (let i = 0; i < total; i += 5_000) {
    transaction(db, () => {
      for (let k = i; k < Math.min(total, i + 5_000); k++) {
        const peer = `peer${k % PEERS}`
        insert.run(`m${k}`, peer, peer, body(r, k), t0 + k * 60_000, k + 1, t0 + k * 60_000)
      }
    })
  }
  return (performance.now() - started) / 1000
}

export async function search (b: Bench): Promise<void> {
  const total = b.quick ? 2_000 : 100_000
  const reps = b.quick ? 5 : 40
  // the same history without the index (its triggers dropped): what the index costs on insert
  const bare = openProfileDatabase(tempDir('lanchat-bench-search-bare-'))
  bare.exec('DROP TRIGGER messages_fts_insert; DROP TRIGGER messages_fts_delete; DROP TRIGGER messages_fts_update')
  const bareS = fill(bare, total)
  bare.close()
  const db = openProfileDatabase(tempDir('lanchat-bench-search-'))
  const insertS = fill(db, total)
  const sizes = db.prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name`).all() as Array<{ name: string, bytes: number }>
  const bytesOf = (test: (name: string) => boolean): number => sizes.filter(s => test(s.name)).reduce((sum, s) => sum + s.bytes, 0)
  const history = bytesOf(name => name === 'messages' || name.startsWith('messages_by') || name.startsWith('messages_out') || name.startsWith('messages_unread') || name.startsWith('sqlite_autoindex_messages'))
  const index = bytesOf(name => name.startsWith('messages_fts'))

  const searcher = new SearchIndex(db)
  const kinds: Array<[string, (i: number) => Parameters<SearchIndex['search']>[0]]> = [
    ['a rare word', i => ({ text: `zebra${(i % Math.max(1, Math.floor(total / 1000))) * 1000}` })],
    ['a common word', () => ({ text: 'meeting' })],
    ['two words', i => ({ text: `${WORDS[i % WORDS.length]} ${WORDS[(i * 3 + 1) % WORDS.length]}` })],
    ['a phrase', () => ({ text: '"vpn password"' })],
    ['part of a word', () => ({ text: 'udge' })],
    ['two CJK characters', i => ({ text: CJK[i % CJK.length] })],
    ['in one conversation', i => ({ text: 'report', peerId: `peer${i % PEERS}` })]
  ]
  const all: number[] = []
  const perKind: string[] = []
  for (const [kind, query] of kinds) {
    const ms: number[] = []
    for (let i = 0; i < reps; i++) {
      const t = performance.now()
      searcher.search(query(i))
      ms.push(performance.now() - t)
    }
    all.push(...ms)
    perKind.push(`${kind} ${fmtLatency(latency(ms))}`)
  }
  const l = latency(all)
  db.close()
  b.add({
    scenario: `search over ${total.toLocaleString('en')} messages p50 / p99`,
    lanchat: fmtLatency(l),
    floor: '',
    target: 'p50 < 20 ms, p99 < 100 ms',
    met: l.p50 < 20 && l.p99 < 100,
    note: `${reps} queries of each kind, newest 20 hits: ${perKind.join('; ')}`,
    values: { p50Ms: l.p50, p99Ms: l.p99 }
  })
  b.add({
    scenario: 'search index size / history size',
    lanchat: `${(index / 2 ** 20).toFixed(1)} MiB / ${(history / 2 ** 20).toFixed(1)} MiB = ${(index / history).toFixed(2)}x`,
    floor: '',
    target: '',
    met: undefined,
    note: 'SQLite dbstat: FTS5 trigram tables against the messages table and its indexes',
    values: { indexBytes: index, historyBytes: history }
  })
  b.add({
    scenario: 'history insert rate with the search index kept',
    lanchat: fmtRate(total / insertS),
    floor: `${fmtRate(total / bareS)} without`,
    ratio: bareS / insertS,
    target: '',
    met: undefined,
    note: `${total} rows in transactions of 5 000, triggers updating the index in each (${fmtMs(insertS * 1000)}); the same rows without the index ${fmtMs(bareS * 1000)}`,
    values: { rowsPerS: total / insertS, bareRowsPerS: total / bareS }
  })
}
