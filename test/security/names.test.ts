/**
 * Who is alice? At a real lanchat-index process: alice registers; then fresh
 * keys try every look-alike of her name, over UDP LOGIN and over the libp2p
 * Hello alone, and each is refused with a reason a person can read; nothing
 * but alice is bound. Bindings made before these rules keep working for
 * their owner. Fresh keys from one address bind at most the burst of new
 * names, then are told to try again later.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey, peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { afterAll, describe, expect, it } from 'vitest'
import { NEW_NAMES_SOURCE_BURST } from '../../protocols/constants.js'
import { RefusedReason, Status } from '../../protocols/directory/pb/directory.js'
import { RejectReason } from '../../protocols/login/codec.js'
import { IndexSession } from '../../node/services/index-client/session.js'
import { udpLogin } from '../../node/services/index-client/udp-login.js'
import { LightClient } from '../helpers/light-client.js'
import { runIndexCommand, startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'

afterAll(async () => {
  await stopAllIndexes()
})

interface Outcome { reason: string, message: string }

/** A fresh key asks for `name` over UDP LOGIN only. */
async function viaLogin (index: IndexProcess, name: string): Promise<Outcome> {
  const peerId = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
  return await udpLogin({ host: '127.0.0.1', port: index.udpPort }, { name, peerId, addrs: [], agent: 'test' })
    .then(() => ({ reason: 'ACCEPTED', message: '' }), (err) => ({ reason: String(err.reason ?? err.name), message: String(err.message) }))
}

/** A fresh key (or `client`) dials the index and says Hello with `name`, skipping UDP LOGIN. */
async function viaHello (index: IndexProcess, name: string, client?: LightClient): Promise<Outcome> {
  const c = client ?? await LightClient.create(name)
  try {
    const session = new IndexSession(peerIdFromString(index.peerId))
    await session.open(c.node, [multiaddr(index.tcpAddr)], {
      name, addrs: [], status: Status.ONLINE, statusText: '', agent: 'test'
    }, { signal: AbortSignal.timeout(10_000) })
    session.abort()
    return { reason: 'BOUND', message: '' }
  } catch (err: any) {
    return { reason: String(err.reason ?? err.name), message: String(err.message) }
  } finally {
    if (client == null) await c.stop()
  }
}

async function registered (index: IndexProcess): Promise<string[]> {
  const out = await runIndexCommand(['users', '--data', index.dataDir, '--json'])
  return (JSON.parse(out.stdout) as Array<{ name: string }>).map(u => u.name).sort()
}

describe('names at the index server', () => {
  it('refuses every look-alike of a registered alice, on both paths, and binds none', async () => {
    const index = await startIndex()
    const alice = await LightClient.create('alice')
    try {
      await alice.login(index)
      const cases: Array<[string, RejectReason, RefusedReason, RegExp]> = [
        ['аlice', RejectReason.INVALID_NAME, RefusedReason.INVALID_NAME, /cannot mix scripts/], // Cyrillic а
        ['alіce', RejectReason.INVALID_NAME, RefusedReason.INVALID_NAME, /cannot mix scripts/], // Cyrillic і
        ['ａｌｉｃｅ', RejectReason.INVALID_NAME, RefusedReason.INVALID_NAME, /use the plain name "alice"/],
        ['𝖺𝗅𝗂𝖼𝖾', RejectReason.INVALID_NAME, RefusedReason.INVALID_NAME, /use the plain name "alice"/],
        ['alice.', RejectReason.INVALID_NAME, RefusedReason.INVALID_NAME, /starts and ends with a letter or digit/],
        ['ali\u202Eecila', RejectReason.INVALID_NAME, RefusedReason.INVALID_NAME, /direction-changing.*U\+202E/],
        ['al\u200Bice', RejectReason.INVALID_NAME, RefusedReason.INVALID_NAME, /invisible.*U\+200B/],
        ['аӀісе', RejectReason.NAME_LOOKS_ALIKE, RefusedReason.NAME_LOOKS_ALIKE, /looks like the registered name "alice"; choose another name/], // all Cyrillic
        ['a.lice', RejectReason.NAME_LOOKS_ALIKE, RefusedReason.NAME_LOOKS_ALIKE, /looks like the registered name "alice"/],
        ['aIice', RejectReason.NAME_LOOKS_ALIKE, RefusedReason.NAME_LOOKS_ALIKE, /looks like the registered name "alice"/], // capital I
        ['a1ice', RejectReason.NAME_LOOKS_ALIKE, RefusedReason.NAME_LOOKS_ALIKE, /looks like the registered name "alice"/],
        ['ALICE', RejectReason.NAME_TAKEN, RefusedReason.NAME_TAKEN, /belongs to another identity/]
      ]
      for (const [name, udpReason, helloReason, message] of cases) {
        const login = await viaLogin(index, name)
        expect(login.reason, `LOGIN ${name}`).toBe(udpReason)
        expect(login.message, `LOGIN ${name}`).toMatch(message)
        const hello = await viaHello(index, name)
        expect(hello.reason, `Hello ${name}`).toBe(helloReason)
        expect(hello.message, `Hello ${name}`).toMatch(message)
      }
      expect(await registered(index)).toEqual(['alice'])
      // alice herself still logs in
      expect((await viaHello(index, 'alice', alice)).reason).toBe('BOUND')
    } finally {
      await alice.stop()
    }
  })

  it('keeps bindings made before these rules working for their owners, and refuses new look-alikes of them', async () => {
    // an index database from before look-alike keys: alice, and a look-alike "аlice" (Cyrillic а) bound beside her
    const dataDir = tempDir('lanchat-index-')
    mkdirSync(dataDir, { recursive: true })
    const aliceKey = await generateKeyPair('Ed25519')
    const fakeKey = await generateKeyPair('Ed25519')
    const db = new DatabaseSync(join(dataDir, 'index.db'))
    db.exec(`CREATE TABLE users (name_key TEXT PRIMARY KEY, name TEXT NOT NULL, peer_id TEXT NOT NULL UNIQUE, first_seen INTEGER NOT NULL,
      last_seen INTEGER NOT NULL, online INTEGER NOT NULL DEFAULT 0, logout_counter INTEGER NOT NULL DEFAULT 0)`)
    const insert = db.prepare('INSERT INTO users (name_key, name, peer_id, first_seen, last_seen) VALUES (?, ?, ?, 1, 1)')
    insert.run('alice', 'alice', peerIdFromPrivateKey(aliceKey).toString())
    insert.run('аlice', 'аlice', peerIdFromPrivateKey(fakeKey).toString())
    db.close()

    const index = await startIndex({ dataDir })
    const alice = await LightClient.create('alice', aliceKey)
    const old = await LightClient.create('аlice', fakeKey)
    try {
      await alice.login(index)
      await old.login(index) // the old binding breaks today's profile, yet its owner logs in
      expect((await viaHello(index, 'al.ice')).reason).toBe(RefusedReason.NAME_LOOKS_ALIKE)
      expect((await viaLogin(index, 'ali-ce')).reason).toBe(RejectReason.NAME_LOOKS_ALIKE)
      expect(await registered(index)).toEqual(['alice', 'аlice'])
    } finally {
      await alice.stop()
      await old.stop()
    }
  })

  it(`binds at most ${NEW_NAMES_SOURCE_BURST} new names from one address at once, then says to try later`, async () => {
    const index = await startIndex()
    const first = await LightClient.create('first')
    try {
      expect((await viaHello(index, 'first', first)).reason).toBe('BOUND')
      const attempts = 30
      const outcomes: Outcome[] = []
      const started = Date.now()
      for (let i = 0; i < attempts; i++) outcomes.push(await viaHello(index, `fresh${i}`))
      const bound = outcomes.filter(o => o.reason === 'BOUND').length
      console.log(`${attempts} fresh keys said Hello in ${Date.now() - started} ms after one name was bound: ${bound} more names bound`)
      expect(bound).toBe(NEW_NAMES_SOURCE_BURST - 1)
      const refused = outcomes.filter(o => o.reason !== 'BOUND')
      expect(new Set(refused.map(o => o.reason))).toEqual(new Set([RefusedReason.TOO_MANY_NEW_NAMES]))
      expect(refused[0].message).toMatch(/too many new names were registered from this address lately; try again in about \d+ minutes?/)
      // UDP LOGIN only looks: it tells a new name the same
      const login = await viaLogin(index, 'latecomer')
      expect(login.reason).toBe(RejectReason.SERVER_BUSY)
      expect(login.message).toMatch(/too many new names/)
      // a registered name is not new: its owner logs in as ever, over both paths
      expect((await viaHello(index, 'first', first)).reason).toBe('BOUND')
      await first.login(index)
      expect((await registered(index)).length).toBe(NEW_NAMES_SOURCE_BURST)
    } finally {
      await first.stop()
    }
  })
})
