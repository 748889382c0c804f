/**
 * Search with real daemons: bob writes to alice in two conversations; alice
 * finds it with `lanchat search` (text and --json) and GET /api/search; a
 * message that alice's daemon committed just before it was SIGKILLed (before
 * it could ack) is found after her restart; bad queries get a plain answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { SearchResult } from '../../node/types.js'

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess
let carol: DaemonProcess

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('search with real daemons', () => {
  beforeAll(async () => {
    index = await startIndex()
    ;[alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map(async name => await new DaemonProcess({ name, indexPort: index.udpPort }).start()))
    await alice.sees('bob', c => c.online)
    await alice.sees('carol', c => c.online)
    await bob.send('alice', 'the VPN address is 10.0.0.5, call me')
    await carol.send('alice', 'is the vpn down again?')
    await alice.send('bob', 'thanks, 会議は3時です')
    await alice.received('carol', [(await carol.history('alice'))[0].id])
  })

  it('lanchat search finds it in every conversation, newest first, with who and where', async () => {
    const json = JSON.parse((await runCli(['search', 'vpn', '--json', '--profile', alice.profileDir])).stdout)
    expect(json).toEqual([
      { id: expect.any(String), conversation: 'carol', from: 'carol', sentAt: expect.any(Number), body: 'is the vpn down again?', snippet: 'is the vpn down again?' },
      { id: expect.any(String), conversation: 'bob', from: 'bob', sentAt: expect.any(Number), body: 'the VPN address is 10.0.0.5, call me', snippet: 'the VPN address is 10.0.0.5, call me' }
    ])
    const text = await runCli(['search', '会議', '--profile', alice.profileDir])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}bob {2}alice: thanks, 会議は3時です\n$/)
    const only = JSON.parse((await runCli(['search', 'vpn', '--with', 'bob', '--json', '--profile', alice.profileDir])).stdout)
    expect(only.map((h: { conversation: string }) => h.conversation)).toEqual(['bob'])
    const none = await runCli(['search', 'vpn', '--after', '2999-01-01', '--profile', alice.profileDir])
    expect(none.stdout).toBe('no message contains "vpn"\n')
  })

  it('GET /api/search answers the same, with where the matches are', async () => {
    const hits = await alice.api.get<SearchResult[]>('/api/search', { q: '10.0.0.5,' })
    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({ conversation: 'bob', from: 'bob', direction: 'in' })
    const [[start, end]] = hits[0].matches
    expect(hits[0].snippet.slice(start, end)).toBe('10.0.0.5,')
  })

  it('bad queries and flags get one plain line, never an SQL error', async () => {
    for (const q of ['"', '*', '(', 'NEAR', 'a"b', 'x'.repeat(10_000)]) {
      const run = await runCli(['search', q, '--profile', alice.profileDir])
      expect(run.stderr, q).not.toMatch(/SQL|fts5|syntax error/i)
      if (q.length > 1000) expect(run.stderr).toBe('lanchat: a search can be at most 200 characters long\n')
      else expect(run.code, q).toBe(0)
    }
    expect((await runCli(['search', '  ', '--profile', alice.profileDir])).stderr).toBe('lanchat: a search needs some text to look for\n')
    expect((await runCli(['search', 'x', '--before', 'yesterday', '--profile', alice.profileDir])).stderr).toContain('--before takes a date like 2026-11-05')
    expect((await runCli(['search', 'x', '--group', 'sales', '--profile', alice.profileDir])).stderr).toBe('lanchat: there is no group called sales; see lanchat groups\n')
    expect((await runCli(['search', 'x', '--limit', '0', '--profile', alice.profileDir])).code).toBe(2)
  })

  it('finds a message whose daemon was killed right after committing it, before the ack', async () => {
    await alice.stop()
    alice.setEnv({ LANCHAT_FAILPOINTS: 'history-committed:1' })
    await alice.start()
    const sent = bob.send('alice', 'the parking code is 4711')
    await alice.exited()
    await sent
    alice.setEnv({})
    await alice.start()
    const hits = await alice.api.get<SearchResult[]>('/api/search', { q: 'parking' })
    expect(hits.map(h => h.body)).toEqual(['the parking code is 4711'])
  })
})
