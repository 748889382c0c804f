/**
 * File transfer between two real libp2p nodes on 127.0.0.1, each with its
 * own profile database and downloads folder (node/files/ behind the file
 * service): alice offers, bob accepts, the files land byte-identical; a
 * transfer cut in the middle resumes from the last verified chunk; files bob
 * has already are skipped; hostile names land inside; a lying sender's data
 * never lands; reject and cancel reach the other side.
 */
import { createHash, randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { setImmediate } from 'node:timers/promises'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { FILE_CHUNK_BYTES } from '../../protocols/constants.js'
import { PARTIAL_DIR } from '../../protocols/files/paths.js'
import { Status } from '../../protocols/files/pb/files.js'
import { FileTransfers } from '../../node/files/transfers.js'
import { files } from '../../node/services/files/index.js'
import { openProfileDatabase } from '../../node/store/db.js'
import { FileStore } from '../../node/store/files.js'
import { PROFILE_SCHEMA_VERSION, profileSchemaVersion } from '../../node/groups/schema.js'
import { until } from '../helpers/wait.js'
import type { FilesService } from '../../node/services/files/index.js'
import type { FileEntry, Notice, Offer } from '../../protocols/files/pb/files.js'
import type { DaemonEvent, FileTransfer } from '../../node/types.js'
import type { Libp2p, PrivateKey } from '@libp2p/interface'
import type { DatabaseSync } from 'node:sqlite'

const root = mkdtempSync(join(tmpdir(), 'lanchat-files-'))
const running: Array<() => Promise<void>> = []
afterEach(async () => { for (const stop of running.splice(0).reverse()) await stop() })
afterAll(() => { rmSync(root, { recursive: true, force: true }) })

interface Person {
  name: string
  node: Libp2p
  db: DatabaseSync
  transfers: FileTransfers
  events: EventEmitter<{ event: [DaemonEvent] }>
  profile: string
  downloads: string
  key: PrivateKey
  stop(): Promise<void>
}

const people = new Map<string, Person>()
/** what the directory answers for a stranger (false: blocked, or the requests are full) */
let strangersWelcome = true
afterEach(() => { strangersWelcome = true })
let n = 0

/** A person with a node on 127.0.0.1, a profile database and a downloads folder; `again` restarts one (same key and profile). */
async function person (name: string, again?: Person): Promise<Person> {
  const key = again?.key ?? await generateKeyPair('Ed25519')
  const profile = again?.profile ?? join(root, `${name}-${++n}`)
  mkdirSync(profile, { recursive: true })
  const node = await createLibp2p({
    privateKey: key,
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify(), files: files() }
  })
  const db = openProfileDatabase(profile)
  const events = new EventEmitter<{ event: [DaemonEvent] }>()
  const downloads = join(profile, 'downloads')
  const wire = (node.services as Record<string, unknown>).files as FilesService
  const transfers = new FileTransfers({
    self: node.peerId,
    selfName: () => name,
    wire,
    store: new FileStore(db),
    downloads,
    emit: (e) => events.emit('event', e),
    peers: {
      resolve: (who) => { const p = people.get(who); return p == null ? undefined : { peerId: p.node.peerId.toString(), name: p.name } },
      show: (peerId) => ({ name: [...people.values()].find(p => p.node.peerId.toString() === peerId)?.name ?? peerId, verified: true }),
      isOnline: (peerId) => node.getConnections().some(c => c.remotePeer.toString() === peerId && c.status === 'open'),
      isBlocked: () => false,
      learn: () => strangersWelcome
    }
  })
  wire.setHandlers(transfers.handlers())
  transfers.start()
  let stopped = false
  const p: Person = {
    name, node, db, transfers, events, profile, downloads, key,
    stop: async () => {
      if (stopped) return
      stopped = true
      await transfers.stop()
      await node.stop()
      db.close()
    }
  }
  people.set(name, p)
  running.push(p.stop)
  return p
}

async function connect (a: Person, b: Person): Promise<void> {
  await a.node.dial(b.node.getMultiaddrs()[0])
  await until(() => b.node.getConnections(a.node.peerId).length > 0 ? true : undefined, 5_000, 'the connection on both sides')
  a.transfers.kick(b.node.peerId.toString())
  b.transfers.kick(a.node.peerId.toString())
}

async function state (p: Person, id: string, wanted: FileTransfer['state'], ms = 20_000): Promise<FileTransfer> {
  return await until(() => { const t = p.transfers.get(id); return t.state === wanted ? t : undefined }, ms, `${p.name}'s transfer ${id} to be ${wanted} (it is ${p.transfers.get(id).state})`)
}

function sha (path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** Every file under `dir` (relative paths), partial folder left out. */
function tree (dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as any[])
    .filter(e => e.isFile()).map(e => relative(dir, join(e.parentPath, e.name))).filter(p => !p.startsWith(PARTIAL_DIR)).sort()
}

function outbox (name: string): string {
  const dir = join(root, `${name}-files-${++n}`)
  mkdirSync(dir, { recursive: true })
  return dir
}

describe('files between two daemons', () => {
  it('alice sends an empty file, a small one and a folder tree with unicode names; bob accepts; everything lands byte-identical', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    await connect(alice, bob)
    const src = outbox('alice')
    writeFileSync(join(src, 'empty.txt'), '')
    writeFileSync(join(src, 'note.txt'), 'the plan for monday\n')
    const tree0 = join(src, 'Fotos été 2026')
    mkdirSync(join(tree0, '日本', 'deeper'), { recursive: true })
    writeFileSync(join(tree0, 'überblick.md'), '# Überblick\n')
    writeFileSync(join(tree0, '日本', '写真.bin'), randomBytes(3 * FILE_CHUNK_BYTES + 123))
    writeFileSync(join(tree0, '日本', 'deeper', 'leer'), '')

    const sent = await alice.transfers.send('bob', [join(src, 'empty.txt'), join(src, 'note.txt'), tree0])
    expect(sent.state).toBe('offered')
    const offer = await state(bob, sent.id, 'offered')
    expect(offer.direction).toBe('in')
    expect(offer.files.map(f => f.name)).toEqual(['empty.txt', 'note.txt', 'Fotos été 2026/überblick.md', 'Fotos été 2026/日本/deeper/leer', 'Fotos été 2026/日本/写真.bin'])

    await bob.transfers.accept(sent.id)
    await state(bob, sent.id, 'done')
    await state(alice, sent.id, 'done')
    expect(tree(bob.downloads)).toEqual(['Fotos été 2026/überblick.md', 'Fotos été 2026/日本/deeper/leer', 'Fotos été 2026/日本/写真.bin', 'empty.txt', 'note.txt'])
    for (const f of tree(bob.downloads)) {
      expect(sha(join(bob.downloads, f))).toBe(sha(join(src, f)))
    }
    // nothing of the transfer is left beside the files: not even an empty partial folder
    expect(existsSync(join(bob.downloads, PARTIAL_DIR))).toBe(false)
  })

  it('a file bob already has (same path and hash) is skipped; a different file of the same name lands beside it as "name (1)"', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    await connect(alice, bob)
    const src = outbox('alice')
    writeFileSync(join(src, 'same.bin'), randomBytes(2 * FILE_CHUNK_BYTES))
    writeFileSync(join(src, 'report.txt'), 'version 2')
    mkdirSync(bob.downloads, { recursive: true })
    copyFileSync(join(src, 'same.bin'), join(bob.downloads, 'same.bin'))
    writeFileSync(join(bob.downloads, 'report.txt'), 'version 1')

    const { id } = await alice.transfers.send('bob', [join(src, 'same.bin'), join(src, 'report.txt')])
    await state(bob, id, 'offered')
    await bob.transfers.accept(id)
    const done = await state(bob, id, 'done')
    expect(done.files.map(f => [f.name, f.state, f.path])).toEqual([['same.bin', 'skipped', undefined], ['report.txt', 'done', 'report (1).txt']])
    expect(readFileSync(join(bob.downloads, 'report.txt'), 'utf8')).toBe('version 1')
    expect(readFileSync(join(bob.downloads, 'report (1).txt'), 'utf8')).toBe('version 2')
    await state(alice, id, 'done')
    expect(alice.transfers.get(id).bytesSent).toBe('version 2'.length)
  })

  it('bob goes away at about half of a 64 MiB file and comes back: the transfer resumes and only the rest is sent again', async () => {
    const alice = await person('alice')
    let bob = await person('bob')
    await connect(alice, bob)
    const src = outbox('alice')
    const size = 64 * FILE_CHUNK_BYTES + 5
    writeFileSync(join(src, 'big.bin'), randomBytes(size))
    const { id } = await alice.transfers.send('bob', [join(src, 'big.bin')])
    await state(bob, id, 'offered')
    await bob.transfers.accept(id)
    // looked at every loop turn (a 25 ms poll could miss the middle of a fast loopback transfer)
    let half = 0
    const deadline = Date.now() + 20_000
    while ((half = bob.transfers.get(id).bytesDone) < size / 2 && Date.now() < deadline) await setImmediate()
    expect(half).toBeLessThan(size)
    await bob.stop()
    const sentBefore = alice.transfers.get(id).bytesSent as number

    bob = await person('bob', bob)
    expect(['paused', 'accepted']).toContain(bob.transfers.get(id).state)
    await connect(bob, alice)
    await state(bob, id, 'done')
    await state(alice, id, 'done')
    expect(sha(join(bob.downloads, 'big.bin'))).toBe(sha(join(src, 'big.bin')))
    const sentAfter = (alice.transfers.get(id).bytesSent as number) - sentBefore
    // what bob had verified is not sent again: at most what was in flight when he went (yamux window + a chunk)
    expect(sentAfter).toBeLessThanOrEqual(size - half + 2 * FILE_CHUNK_BYTES)
    expect(sentAfter).toBeGreaterThan(0)
  })

  it('alice\'s daemon restarts at about half of a file: bob goes on from where he was when she is back', async () => {
    let alice = await person('alice')
    const bob = await person('bob')
    await connect(alice, bob)
    const src = outbox('alice')
    const size = 64 * FILE_CHUNK_BYTES
    writeFileSync(join(src, 'big.bin'), randomBytes(size))
    const { id } = await alice.transfers.send('bob', [join(src, 'big.bin')])
    await state(bob, id, 'offered')
    await bob.transfers.accept(id)
    let half = 0
    const deadline = Date.now() + 20_000
    while ((half = bob.transfers.get(id).bytesDone) < size / 2 && Date.now() < deadline) await setImmediate()
    expect(half).toBeLessThan(size)
    await alice.stop()
    await state(bob, id, 'paused')
    const had = bob.transfers.get(id).bytesDone

    alice = await person('alice', alice)
    expect(alice.transfers.get(id).state).toBe('paused')
    await connect(alice, bob)
    await state(bob, id, 'done')
    await state(alice, id, 'done')
    expect(sha(join(bob.downloads, 'big.bin'))).toBe(sha(join(src, 'big.bin')))
    // the restarted alice sent only what bob lacked
    expect(alice.transfers.get(id).bytesSent).toBe(size - had)
  })

  it('a file changed at alice after she offered it: bob\'s transfer fails "changed" and nothing lands', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    await connect(alice, bob)
    const src = outbox('alice')
    writeFileSync(join(src, 'draft.txt'), 'version 1')
    const { id } = await alice.transfers.send('bob', [join(src, 'draft.txt')])
    await state(bob, id, 'offered')
    writeFileSync(join(src, 'draft.txt'), 'version 2, longer')
    await bob.transfers.accept(id)
    const failed = await state(bob, id, 'failed')
    expect(failed.reason).toBe('changed')
    expect(failed.detail).toMatch(/draft.txt changed since it was offered/)
    expect((await state(alice, id, 'failed')).reason).toBe('changed')
    expect(tree(bob.downloads)).toEqual([])
  })

  it('bob rejects one offer, alice cancels another: each side sees it', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    await connect(alice, bob)
    const src = outbox('alice')
    writeFileSync(join(src, 'a.txt'), 'a')
    const one = await alice.transfers.send('bob', [join(src, 'a.txt')])
    const two = await alice.transfers.send('bob', [join(src, 'a.txt')])
    await state(bob, one.id, 'offered')
    await state(bob, two.id, 'offered')
    await bob.transfers.reject(one.id)
    expect((await state(alice, one.id, 'rejected')).reason).toBe('by_receiver')
    await alice.transfers.cancel(two.id)
    expect((await state(bob, two.id, 'cancelled')).reason).toBe('by_sender')
    await expect(bob.transfers.accept(two.id)).rejects.toThrow(/cancelled/)
  })

  it('an offer to bob while he is away waits as pending, and is made when he is back', async () => {
    const alice = await person('alice')
    let bob = await person('bob')
    const src = outbox('alice')
    writeFileSync(join(src, 'later.txt'), 'for when you are back')
    const { id, state: first } = await alice.transfers.send('bob', [join(src, 'later.txt')])
    expect(first).toBe('pending')
    await connect(alice, bob)
    await state(alice, id, 'offered')
    expect((await state(bob, id, 'offered')).files[0].name).toBe('later.txt')
    void bob
  })
})

/** mallory: a node that speaks the file protocol with her own handlers, to lie in ways lanchat's engine never would. */
async function mallory (serve: (index: number, offset: number) => Uint8Array, hashList: (index: number) => Uint8Array): Promise<{ node: Libp2p, wire: FilesService, notices: Notice[] }> {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify(), files: files() }
  })
  running.push(async () => { await node.stop() })
  const wire = (node.services as Record<string, unknown>).files as FilesService
  const notices: Notice[] = []
  wire.setHandlers({
    onOffer: () => ({ status: Status.REFUSED, text: '' }),
    onNotice: (_peer, notice) => { notices.push(notice); return { status: Status.OK, text: '' } },
    onFetch: async () => ({
      open: async (index, offset) => {
        const bytes = serve(index, offset)
        return { hashList: new Uint8Array(hashList(index)), size: bytes.byteLength, read: async (pos, len) => new Uint8Array(bytes.subarray(pos, pos + len)), close: async () => {} }
      },
      sent: () => {},
      end: () => {}
    })
  })
  people.set('mallory', { name: 'mallory', node } as unknown as Person)
  return { node, wire, notices }
}

function hashes (bytes: Uint8Array): { sha256: Uint8Array, hashList: Uint8Array, chunks: Uint8Array } {
  const h = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest()
  const list: Buffer[] = []
  for (let at = 0; at < bytes.byteLength; at += FILE_CHUNK_BYTES) list.push(h(bytes.subarray(at, at + FILE_CHUNK_BYTES)))
  const hashList = new Uint8Array(Buffer.concat(list))
  return { sha256: new Uint8Array(h(bytes)), hashList, chunks: new Uint8Array(h(hashList)) }
}

function offerOf (from: Libp2p, to: Libp2p, entries: FileEntry[], id = `m-${++n}`): Offer {
  return { id, from: 'mallory', fromPeer: from.peerId.toMultihash().bytes, toPeer: to.peerId.toMultihash().bytes, sentAt: Date.now(), fileCount: entries.length, totalBytes: entries.reduce((a, e) => a + e.size, 0), chunkBytes: FILE_CHUNK_BYTES }
}

describe('a hostile sender', () => {
  it('names files "../../x", "/etc/x", "C:\\x", "CON" and the partial folder: everything lands inside bob\'s downloads', async () => {
    const bob = await person('bob')
    const content = new TextEncoder().encode('harmless?')
    const m = await mallory(() => content, () => hashes(content).hashList)
    await m.node.dial(bob.node.getMultiaddrs()[0])
    const names = ['../../escape.txt', '/etc/cron.d/evil', 'C:\\Windows\\System32\\x.dll', 'CON', `${PARTIAL_DIR}/sneak`, 'a/../../../b.txt', 'link\u202etxt.exe']
    const h = hashes(content)
    const offer = offerOf(m.node, bob.node, names.map(path => ({ path, size: content.byteLength, sha256: h.sha256, chunks: h.chunks })))
    expect((await m.wire.offer(bob.node.peerId, offer, names.map(path => ({ path, size: content.byteLength, sha256: h.sha256, chunks: h.chunks })))).status).toBe(Status.OK)
    await bob.transfers.accept(offer.id)
    const done = await state(bob, offer.id, 'done')
    expect(done.files.map(f => f.path)).toEqual(['escape.txt', 'etc/cron.d/evil', 'C_/Windows/System32/x.dll', '_CON', '_lanchat-partial/sneak', 'a/b.txt', 'linktxt.exe'])
    expect(tree(bob.downloads)).toEqual(['C_/Windows/System32/x.dll', '_CON', '_lanchat-partial/sneak', 'a/b.txt', 'escape.txt', 'etc/cron.d/evil', 'linktxt.exe'])
    // nothing beside the profile's own files
    expect(readdirSync(bob.profile).filter(f => !f.startsWith('lanchat.db')).sort()).toEqual(['downloads'])
  })

  it('offers more files or bytes than bob takes: refused TOO_MANY / TOO_LARGE with the limits in words, nothing recorded', async () => {
    const bob = await person('bob')
    const m = await mallory(() => new Uint8Array(0), () => new Uint8Array(0))
    await m.node.dial(bob.node.getMultiaddrs()[0])
    const h = hashes(new Uint8Array(1))
    const many = offerOf(m.node, bob.node, [{ path: 'x', size: 1, sha256: h.sha256, chunks: h.chunks }])
    many.fileCount = 10_001
    expect(await m.wire.offer(bob.node.peerId, many, [])).toEqual({ status: Status.TOO_MANY, text: 'at most 10000 files are taken in one offer; this one has 10001' })
    const big = offerOf(m.node, bob.node, [{ path: 'x', size: 65 * 1024 ** 3, sha256: h.sha256, chunks: h.chunks }])
    expect(await m.wire.offer(bob.node.peerId, big, [])).toEqual({ status: Status.TOO_LARGE, text: 'at most 64 GiB are taken in one offer; this one has 65 GiB' })
    expect(bob.transfers.list()).toEqual([])
  })

  it('is a stranger while bob takes no more strangers (his requests are full): refused, nothing recorded', async () => {
    const bob = await person('bob')
    const m = await mallory(() => new Uint8Array(0), () => new Uint8Array(0))
    await m.node.dial(bob.node.getMultiaddrs()[0])
    strangersWelcome = false
    const h = hashes(new Uint8Array(1))
    const entries = [{ path: 'hello.txt', size: 1, sha256: h.sha256, chunks: h.chunks }]
    expect(await m.wire.offer(bob.node.peerId, offerOf(m.node, bob.node, entries), entries)).toEqual({ status: Status.REFUSED, text: 'the receiver does not take files from you now' })
    expect(bob.transfers.list()).toEqual([])
  })

  it('floods bob with offers: the 101st waiting one is refused until he answers some', async () => {
    const bob = await person('bob')
    const m = await mallory(() => new Uint8Array(0), () => new Uint8Array(0))
    await m.node.dial(bob.node.getMultiaddrs()[0])
    const h = hashes(new Uint8Array(1))
    const entries = [{ path: 'spam.txt', size: 1, sha256: h.sha256, chunks: h.chunks }]
    for (let i = 0; i < 100; i++) expect((await m.wire.offer(bob.node.peerId, offerOf(m.node, bob.node, entries), entries)).status).toBe(Status.OK)
    const refused = await m.wire.offer(bob.node.peerId, offerOf(m.node, bob.node, entries), entries)
    expect(refused).toEqual({ status: Status.REFUSED, text: '100 of your offers are waiting for an answer already' })
    expect(bob.transfers.list()).toHaveLength(100)
    await bob.transfers.reject(bob.transfers.list()[0].id)
    expect((await m.wire.offer(bob.node.peerId, offerOf(m.node, bob.node, entries), entries)).status).toBe(Status.OK)
  })

  it('offers a file under another person\'s PeerId: refused INVALID, nothing recorded', async () => {
    const bob = await person('bob')
    const alice = await person('alice')
    const content = new Uint8Array(10)
    const m = await mallory(() => content, () => hashes(content).hashList)
    await m.node.dial(bob.node.getMultiaddrs()[0])
    const h = hashes(content)
    const entries = [{ path: 'x', size: 10, sha256: h.sha256, chunks: h.chunks }]
    const forged = offerOf(alice.node, bob.node, entries)
    const answer = await m.wire.offer(bob.node.peerId, forged, entries)
    expect(answer).toEqual({ status: Status.INVALID, text: 'the offer names another sender than the one connected' })
    expect(bob.transfers.list()).toEqual([])
  })

  it('lies about a whole file\'s hash, a chunk, or the size: bob never moves the data into place, deletes the partial, and tells mallory CORRUPT', async () => {
    const bob = await person('bob')
    const real = randomBytes(2 * FILE_CHUNK_BYTES + 7)
    const other = randomBytes(real.byteLength)
    const cases: Array<{ what: string, entry: FileEntry, served: Uint8Array, list: Uint8Array }> = []
    // 1: the hash list matches what is served, the whole-file hash is another file's
    cases.push({ what: 'whole hash', entry: { path: 'whole.bin', size: real.byteLength, sha256: hashes(other).sha256, chunks: hashes(real).chunks }, served: real, list: hashes(real).hashList })
    // 2: the offer is honest, the bytes served are another file's
    cases.push({ what: 'chunk', entry: { path: 'chunk.bin', size: real.byteLength, ...pick(hashes(real)) }, served: other, list: hashes(real).hashList })
    // 3: a hash list that does not match the offer's root
    cases.push({ what: 'list', entry: { path: 'list.bin', size: real.byteLength, ...pick(hashes(real)) }, served: real, list: hashes(other).hashList })
    // 4: offers 1 MiB + 7 bytes, sends more
    const short = real.subarray(0, FILE_CHUNK_BYTES + 7)
    cases.push({ what: 'size', entry: { path: 'size.bin', size: short.byteLength, ...pick(hashes(short)) }, served: real, list: hashes(short).hashList })
    for (const c of cases) {
      const m = await mallory(() => c.served, () => c.list)
      await m.node.dial(bob.node.getMultiaddrs()[0])
      const offer = offerOf(m.node, bob.node, [c.entry])
      expect((await m.wire.offer(bob.node.peerId, offer, [c.entry])).status).toBe(Status.OK)
      await bob.transfers.accept(offer.id)
      const failed = await state(bob, offer.id, 'failed')
      expect(failed.reason, c.what).toBe('corrupt')
      expect(failed.detail).toMatch(/does not match|more data than/)
      await until(() => m.notices.find(x => x.id === offer.id && x.status === Status.CORRUPT), 10_000, `mallory to hear CORRUPT (${c.what})`)
      expect(tree(bob.downloads), c.what).toEqual([])
      expect(existsSync(join(bob.downloads, PARTIAL_DIR)), c.what).toBe(false)
    }
  })
})

function pick (h: { sha256: Uint8Array, chunks: Uint8Array }): { sha256: Uint8Array, chunks: Uint8Array } {
  return { sha256: h.sha256, chunks: h.chunks }
}

describe('the profile database', () => {
  it('a profile made before file transfer (main\'s code) opens with its history and gains the file tables', () => {
    const dir = join(root, 'old-profile')
    mkdirSync(dir)
    copyFileSync(join(import.meta.dirname, '../fixtures/profile-before-files.db'), join(dir, 'lanchat.db'))
    const db = openProfileDatabase(dir)
    try {
      expect(db.prepare('SELECT body FROM messages').get()).toEqual({ body: 'the report is coming as a file' })
      expect(profileSchemaVersion(db)).toBe(PROFILE_SCHEMA_VERSION)
      expect(new FileStore(db).all()).toEqual([])
    } finally {
      db.close()
    }
    expect(statSync(join(dir, 'lanchat.db')).size).toBeGreaterThan(0)
  })
})
