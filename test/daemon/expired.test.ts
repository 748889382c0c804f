/**
 * A message never vanishes in silence. alice writes to people who are
 * offline; the index server keeps her messages, until it cannot: one waits
 * longer than the retention (set to 2 s here with --relay-retention-ms), one
 * was for a name the administrator released, one was tampered with on the
 * index's disk so its recipient refuses it. Each time alice's message turns
 * "expired" with the reason, live or at her next login; she sends it again
 * and the new copy arrives once. mallory, a third party, learns nothing of
 * alice's messages and cannot expire them.
 */
import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deposit, fetchExpired, refuseEnvelopes } from '../../node/services/index-client/relay-client.js'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { runIndexCommand, startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { LightClient } from '../helpers/light-client.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { ChatMessage, DaemonEvent } from '../../node/types.js'

/** The relay's retention in this test: short, so the sweep (every half of it) drops what waits. */
const RETENTION_MS = 2_000
/** Deadline for an expiry to reach alice: retention, a sweep, the notice, her fetch. */
const EXPIRY_DEADLINE_MS = 15_000

let index: IndexProcess
let alice: DaemonProcess

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

/** Starts `name` once (registering the name), then stops it: it is offline, known to everyone. */
async function registered (name: string): Promise<DaemonProcess> {
  const d = await new DaemonProcess({ name, indexPort: index.udpPort }).start()
  await alice.sees(name, c => c.online)
  await d.stop()
  await alice.sees(name, c => !c.online)
  return d
}

async function expiredEvent (id: string, since: number): Promise<Extract<DaemonEvent, { type: 'state' }>> {
  return await alice.event(e => e.type === 'state' && e.id === id && e.state === 'expired', EXPIRY_DEADLINE_MS, since) as Extract<DaemonEvent, { type: 'state' }>
}

async function row (history: ChatMessage[], id: string): Promise<ChatMessage | undefined> {
  return history.find(m => m.id === id)
}

describe('a message never vanishes in silence', () => {
  beforeAll(async () => {
    // a long retention first: the release and refusal cases must not race the sweep
    index = await startIndex({ args: ['--relay-retention-ms', '600000'] })
    alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
  })

  it('released: the administrator frees dave\'s name; alice\'s waiting message turns expired (released) at once', async () => {
    await registered('dave')
    const sent = await alice.send('dave', 'the keys are on my desk')
    expect(sent.state).toBe('relayed')
    const since = alice.events.length
    const released = await runIndexCommand(['release', 'dave', '--data', index.dataDir])
    expect(released.code).toBe(0)
    expect(released.stdout).toContain('1 message(s) waiting for it were dropped, and their senders are told (expired, released)')
    const event = await expiredEvent(sent.id, since)
    expect(event).toMatchObject({ peer: 'dave', reason: 'released' })
    expect(await row(await alice.history('dave'), sent.id)).toMatchObject({ state: 'expired', reason: 'released', body: 'the keys are on my desk' })
    const json = JSON.parse((await runCli(['history', 'dave', '--json', '--profile', alice.profileDir])).stdout)
    expect(json).toEqual([{ id: sent.id, from: 'alice', to: 'dave', body: 'the keys are on my desk', sentAt: expect.any(Number), state: 'expired', reason: 'released' }])
    const text = (await runCli(['history', 'dave', '--profile', alice.profileDir])).stdout
    expect(text).toContain(`✗ expired (the administrator released the name it was for; lanchat resend ${sent.id} to send it again)`)
  })

  it('refused: an envelope tampered with on the index\'s disk is refused by erin\'s daemon, and alice sees expired (refused); she sends it again and erin gets it once', async () => {
    const erin = await registered('erin')
    const sent = await alice.send('erin', 'meet at 5')
    expect(sent.state).toBe('relayed')
    // someone with access to the index's disk flips a byte of the sealed payload
    const db = new DatabaseSync(join(index.dataDir, 'index.db'))
    try {
      db.exec('PRAGMA busy_timeout = 5000')
      const { payload } = db.prepare('SELECT payload FROM envelopes WHERE id = ?').get(sent.id) as { payload: Uint8Array }
      payload[payload.length - 5] ^= 0x55
      db.prepare('UPDATE envelopes SET payload = ? WHERE id = ?').run(payload, sent.id)
    } finally {
      db.close()
    }
    const since = alice.events.length
    await erin.start()
    const event = await expiredEvent(sent.id, since)
    expect(event).toMatchObject({ peer: 'erin', reason: 'refused' })
    expect((await erin.history('alice')).map(m => m.id)).not.toContain(sent.id)

    // send again: a new message, the same text
    const again = await runCli(['resend', sent.id, '--json', '--profile', alice.profileDir])
    expect(again.code).toBe(0)
    const copy = JSON.parse(again.stdout) as { id: string, state: string }
    expect(copy.id).not.toBe(sent.id)
    expect(copy.state).toBe('delivered')
    const got = await erin.received('alice', [copy.id])
    expect(got.filter(m => m.body === 'meet at 5').map(m => m.id)).toEqual([copy.id])
    await erin.stop()
  })

  it('a third party learns nothing of alice\'s notes and cannot refuse her envelopes', async () => {
    const frank = await registered('frank')
    const sent = await alice.send('frank', 'for frank only')
    const mallory = await LightClient.create('mallory')
    try {
      await mallory.login(index)
      const indexPeer = mallory.accepted!.indexPeerId
      expect((await fetchExpired(mallory.node, indexPeer, 100)).expired).toEqual([])
      // refusing is for the recipient's own envelopes only
      expect(await refuseEnvelopes(mallory.node, indexPeer, [sent.id])).toBe(0)
      const status = JSON.parse((await runIndexCommand(['status', '--data', index.dataDir, '--json'])).stdout)
      expect(status.relay.find((q: { recipient: string }) => q.recipient === 'frank')?.count).toBe(1)
    } finally {
      await mallory.stop()
    }
    const since = alice.events.length
    await frank.start()
    await frank.received('alice', [sent.id])
    expect(alice.events.slice(since).some(e => e.type === 'state' && e.id === sent.id && e.state === 'expired')).toBe(false)
    await frank.stop()
  })

  it('retention: a message nobody fetched in time turns expired (retention), live and, for a sender who was away, at her next login', async () => {
    await alice.stop()
    await stopAllIndexes()
    index = await startIndex({ args: ['--relay-retention-ms', String(RETENTION_MS)] })
    alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    await registered('gina')

    // alice online when it happens
    const live = await alice.send('gina', 'are you coming?')
    expect(live.state).toBe('relayed')
    const event = await expiredEvent(live.id, 0)
    expect(event).toMatchObject({ peer: 'gina', reason: 'retention' })

    // alice away when it happens: she hears of it at her next login
    const away = await alice.send('gina', 'last call')
    expect(away.state).toBe('relayed')
    await alice.stop()
    // a watcher deposits for gina after alice did; when the relay tells it its own envelope expired, alice's (older) went in that sweep or before
    const watcher = await LightClient.create('watcher')
    try {
      await watcher.login(index)
      const heard = new Promise<void>(resolve => { watcher.session!.once('expired', () => { resolve() }) })
      await deposit(watcher.node, watcher.accepted!.indexPeerId, { id: 'watcher-1', sender: new Uint8Array(), recipient: 'gina', recipientPeerId: new Uint8Array(), depositedAt: 0, payload: new Uint8Array(8) })
      await Promise.race([heard, new Promise((_resolve, reject) => setTimeout(() => { reject(new Error('the relay never said the watcher\'s envelope expired')) }, EXPIRY_DEADLINE_MS))])
    } finally {
      await watcher.stop()
    }
    const since = alice.events.length
    await alice.start()
    const deadline = Date.now() + EXPIRY_DEADLINE_MS
    for (;;) {
      const mine = await row(await alice.history('gina'), away.id)
      if (mine?.state === 'expired') {
        expect(mine.reason).toBe('retention')
        break
      }
      await alice.event(e => e.type === 'state' && e.id === away.id, Math.max(1, deadline - Date.now()), since)
    }
  })
})
