/**
 * The directory and presence feed of a real lanchat-index process, as light
 * clients see it: alice logs in; bob logs in and gets a snapshot with alice;
 * alice hears bob join, change status and leave, every delta numbered with
 * the directory version; a client that asks (Resync) gets a fresh snapshot.
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RESYNC_MIN_INTERVAL_MS } from '../../protocols/constants.js'
import { LeftReason, RefusedReason, Status } from '../../protocols/directory/pb/directory.js'
import { IndexSession } from '../../node/services/index-client/session.js'
import { udpLogout } from '../../node/services/index-client/udp-login.js'
import { LightClient } from '../helpers/light-client.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { until, waitForEvent } from '../helpers/wait.js'
import type { Delta } from '../helpers/light-client.js'
import type { User } from '../../protocols/directory/pb/directory.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { ChildProcess } from 'node:child_process'

let index: IndexProcess
const clients: LightClient[] = []
const children: ChildProcess[] = []

async function client (name: string): Promise<LightClient> {
  const c = await LightClient.create(name)
  clients.push(c)
  return c
}

async function heard (c: LightClient, kind: Delta['kind'], name: string, ms = 15_000): Promise<Delta> {
  const seen = c.deltas.find(d => d.kind === kind && d.name === name)
  if (seen != null) return seen
  const [delta] = await waitForEvent<[Delta]>(c, 'delta', d => d.kind === kind && d.name === name, ms)
  return delta
}

/** Starts a client in its own process (so it can be SIGKILLed or SIGSTOPped); resolves once it is online. */
async function clientProcess (name: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [resolve(import.meta.dirname, '../fixtures/index-client.mjs'), '127.0.0.1', String(index.udpPort), name], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(proc)
  let out = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`client ${name} did not log in: ${out}`)) }, 20_000)
    proc.stdout!.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('ONLINE')) { clearTimeout(timer); resolve() } })
    proc.stderr!.on('data', (d: Buffer) => { out += d.toString() })
  })
  return proc
}

beforeAll(async () => {
  // every client here binds a new name from 127.0.0.1: lift the new-name limit (test/security/names.test.ts checks it)
  index = await startIndex({ args: ['--new-name-rate', '100000'] })
})

afterEach(async () => {
  await Promise.all(clients.splice(0).map(async c => { await c.stop() }))
  for (const p of children.splice(0)) {
    p.kill('SIGCONT')
    p.kill('SIGKILL')
  }
})

afterAll(async () => {
  if (process.env.DUMP_INDEX != null) console.log(index.stderr())
  await stopAllIndexes()
})

describe('directory and presence feed', () => {
  it('gives a snapshot, then only deltas: joined, status changed, left on clean logout', async () => {
    const alice = await client('alice')
    const first = await alice.login(index)
    expect(first.find(u => u.name === 'alice')?.status).toBe(Status.ONLINE)

    const bob = await client('bob')
    const snapshot = await bob.login(index, Status.BUSY, 'in a meeting')
    const aliceSeenByBob = snapshot.find(u => u.name === 'alice')
    expect(aliceSeenByBob?.status).toBe(Status.ONLINE)
    expect(Buffer.from(aliceSeenByBob!.peerId).equals(alice.node.peerId.toMultihash().bytes)).toBe(true)
    expect(aliceSeenByBob?.addrs.length).toBeGreaterThan(0)

    const joined = await heard(alice, 'joined', 'bob')
    expect((joined.frame as User).status).toBe(Status.BUSY)
    expect((joined.frame as User).statusText).toBe('in a meeting')

    bob.session!.setStatus(Status.AWAY, 'lunch')
    const changed = await heard(alice, 'status', 'bob')
    expect((changed.frame as any).status).toBe(Status.AWAY)
    expect((changed.frame as any).statusText).toBe('lunch')

    const before = Date.now()
    await bob.session!.logout()
    const left = await heard(alice, 'left', 'bob')
    expect((left.frame as any).reason).toBe(LeftReason.LOGOUT)
    expect(left.at - before).toBeLessThan(2000)
    // every session hears every delta, its own join included, numbered without holes
    // from its snapshot's version on; nothing repeated the whole list
    expect(alice.deltas.filter(d => d.name === 'alice').map(d => d.kind)).toEqual(['joined'])
    const versions = alice.deltas.filter(d => d.kind !== 'pending').map(d => d.version)
    expect(versions[0]).toBe(alice.session!.snapshotVersion + 1)
    expect(versions).toEqual(versions.map((_, i) => versions[0] + i))
  })

  it('answers Resync with a fresh snapshot at the current version, at most one per RESYNC_MIN_INTERVAL_MS', async () => {
    const gus = await client('gus')
    // the server's login snapshot goes out after this: a fresh one may come no sooner than the interval after it
    const loginStarted = Date.now()
    await gus.login(index)
    const snapshots: Array<{ names: string[], version: number, at: number }> = []
    gus.session!.on('snapshot', (users, version) => { snapshots.push({ names: users.map(u => u.name), version, at: Date.now() }) })
    const hal = await client('hal')
    await hal.login(index)
    await heard(gus, 'joined', 'hal')
    const now = gus.session!.version

    // two at once, right after the login snapshot: one fresh snapshot, once the interval has passed
    gus.session!.resync()
    gus.session!.resync()
    await until(() => snapshots.length === 1 ? true : undefined, 5_000, 'a fresh snapshot')
    expect(snapshots[0].version).toBe(now)
    expect(snapshots[0].names).toContain('hal')
    expect(snapshots[0].at - loginStarted).toBeGreaterThanOrEqual(RESYNC_MIN_INTERVAL_MS)

    // the directory goes on from there, numbered from the snapshot's version
    await hal.session!.logout()
    const left = await heard(gus, 'left', 'hal')
    expect(left.version).toBe(now + 1)
    expect(gus.session!.version).toBe(now + 1)
  })

  it('lists known but offline users in the snapshot as offline', async () => {
    const carol = await client('carol')
    await carol.login(index)
    await carol.session!.logout()
    const dan = await client('dan')
    const snapshot = await dan.login(index)
    expect(snapshot.find(u => u.name === 'carol')?.status).toBe(Status.OFFLINE)
  })

  it('refuses the index session for a name bound to another key', async () => {
    const erin = await client('erin')
    await erin.login(index)
    const thief = await client('erin')
    // skip the UDP step (it would say no too): straight to the Noise-authenticated session
    const err = await new IndexSession(erin.accepted!.indexPeerId).open(thief.node, erin.accepted!.dialAddrs, { name: 'erin', addrs: [], status: Status.ONLINE, statusText: '', agent: 'test' }).catch(e => e)
    expect(err.name).toBe('LoginRejectedError')
    expect(err.reason).toBe(RefusedReason.NAME_TAKEN)
    expect(err.message).toContain('belongs to another identity')
  })

  it('ignores spoofed, wrong-key and replayed LOGOUTs; a fresh signed one works', async () => {
    const frank = await client('frank')
    await frank.login(index)
    const watcher = await client('gina')
    await watcher.login(index)
    const target = { host: '127.0.0.1', port: index.udpPort }
    const indexPeerId = peerIdFromString(index.peerId)
    // signed by another key
    await udpLogout(target, { name: 'frank', privateKey: await generateKeyPair('Ed25519'), indexPeerId, counter: Date.now() })
    // frank's own key, but for another index server
    await udpLogout(target, { name: 'frank', privateKey: frank.key, indexPeerId: watcher.node.peerId, counter: Date.now() })
    // a valid logout for frank is what makes him leave
    const counter = Date.now()
    await udpLogout(target, { name: 'frank', privateKey: frank.key, indexPeerId, counter })
    const left = await heard(watcher, 'left', 'frank')
    expect((left.frame as any).reason).toBe(LeftReason.LOGOUT)
    expect(watcher.deltas.filter(d => d.kind === 'left' && d.name === 'frank')).toHaveLength(1)

    // frank logs in again; replaying the same signed logout changes nothing
    await frank.stop()
    const frank2 = await LightClient.create('frank', frank.key)
    clients.push(frank2)
    await frank2.login(index)
    await heard(watcher, 'joined', 'frank')
    await udpLogout(target, { name: 'frank', privateKey: frank.key, indexPeerId, counter })
    await udpLogout(target, { name: 'frank', privateKey: frank.key, indexPeerId, counter: counter - 1 })
    // a status change after the replays arrives, and no second 'left' came before it
    frank2.session!.setStatus(Status.BUSY, 'after replay')
    await heard(watcher, 'status', 'frank')
    expect(watcher.deltas.filter(d => d.kind === 'left' && d.name === 'frank')).toHaveLength(1)
  })

  it('announces a SIGKILLed client offline at once (its socket closes)', async () => {
    const watcher = await client('hank')
    await watcher.login(index)
    const proc = await clientProcess('ivy')
    await heard(watcher, 'joined', 'ivy')
    const killedAt = Date.now()
    proc.kill('SIGKILL')
    const left = await heard(watcher, 'left', 'ivy', 10_000)
    console.log(`offline after SIGKILL: ${left.at - killedAt} ms (reason ${(left.frame as any).reason})`)
    expect(left.at - killedAt).toBeLessThan(10_000)
  })

  it('announces a client that stops answering (SIGSTOP, socket still open) within 10 s', async () => {
    const watcher = await client('jack')
    await watcher.login(index)
    const proc = await clientProcess('kate')
    await heard(watcher, 'joined', 'kate')
    const stoppedAt = Date.now()
    proc.kill('SIGSTOP')
    const left = await heard(watcher, 'left', 'kate', 12_000)
    console.log(`offline after SIGSTOP: ${left.at - stoppedAt} ms (reason ${(left.frame as any).reason})`)
    expect((left.frame as any).reason).toBe(LeftReason.TIMEOUT)
    expect(left.at - stoppedAt).toBeLessThan(10_000)
  })

  it('times out an in-process client that stops echoing heartbeats', async () => {
    const watcher = await client('liam')
    await watcher.login(index)
    const mute = await client('mia')
    await mute.login(index)
    await heard(watcher, 'joined', 'mia')
    const mutedAt = Date.now()
    mute.session!.echoHeartbeats = false
    const left = await heard(watcher, 'left', 'mia', 12_000)
    expect((left.frame as any).reason).toBe(LeftReason.TIMEOUT)
    expect(left.at - mutedAt).toBeLessThan(10_000)
  })
})
