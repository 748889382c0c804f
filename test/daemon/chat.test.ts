/**
 * Two people chat through their real daemons: alice and bob log in to a real
 * index server; alice writes, bob's daemon stores it and acks, both histories
 * agree; bob reads it and alice sees "read"; typing shows on the other side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess

beforeAll(async () => {
  index = await startIndex()
  alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
  bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
  await alice.event(e => e.type === 'presence' && e.contact.name === 'bob' && e.contact.online)
})

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

describe('direct chat between two daemons', () => {
  it('delivers a message directly, stored in both histories', async () => {
    const sent = await alice.send('bob', 'hello bob')
    expect(sent.state).toBe('delivered')
    const arrived = await bob.event(e => e.type === 'message' && e.message.id === sent.id)
    expect(arrived.type === 'message' && arrived.message).toMatchObject({ from: 'alice', to: 'bob', body: 'hello bob', direction: 'in', state: 'received' })
    const mine = await alice.history('bob')
    const theirs = await bob.history('alice')
    expect(mine.map(m => [m.id, m.body, m.state])).toEqual([[sent.id, 'hello bob', 'delivered']])
    expect(theirs.map(m => [m.id, m.body, m.state])).toEqual([[sent.id, 'hello bob', 'received']])
  })

  it('shows read once bob reads, and counts unread until then', async () => {
    const sent = await alice.send('bob', 'did you read this?')
    expect((await bob.contacts()).find(c => c.name === 'alice')?.unread).toBeGreaterThan(0)
    await bob.api.post('/api/read', { with: 'alice' })
    await alice.event(e => e.type === 'state' && e.id === sent.id && e.state === 'read')
    expect((await alice.history('bob')).find(m => m.id === sent.id)?.state).toBe('read')
    expect((await bob.contacts()).find(c => c.name === 'alice')?.unread).toBe(0)
  })

  it('shows typing on the other side', async () => {
    await bob.api.post('/api/typing', { to: 'alice', on: true })
    await alice.event(e => e.type === 'typing' && e.name === 'bob' && e.on)
    await bob.api.post('/api/typing', { to: 'alice', on: false })
    await alice.event(e => e.type === 'typing' && e.name === 'bob' && !e.on)
  })

  it('brings a status change to the other side within a second', async () => {
    const since = alice.events.length
    const before = Date.now()
    await bob.api.put('/api/status', { status: 'busy', text: 'deep work' })
    await alice.event(e => e.type === 'presence' && e.contact.name === 'bob' && e.contact.status === 'busy' && e.contact.statusText === 'deep work', 1000, since)
    expect(Date.now() - before).toBeLessThan(1000)
    await bob.api.put('/api/status', { status: 'online', text: '' })
  })

  it('refuses a body over the limit with a clear error, and an unknown name', async () => {
    const big = await runCli(['send', 'bob', 'x'.repeat(70 * 1024), '--profile', alice.profileDir])
    expect(big.code).toBe(1)
    expect(big.stderr).toMatch(/^lanchat: a message can have at most 64 KiB of text\n$/)
    const nobody = await runCli(['send', 'zed', 'hi', '--profile', alice.profileDir])
    expect(nobody.code).toBe(1)
    expect(nobody.stderr).toMatch(/nobody called zed is known/)
  })

  it('answers the CLI with one JSON document for who, send and history', async () => {
    const who = await runCli(['who', '--json', '--profile', alice.profileDir])
    expect(who.code).toBe(0)
    const people = JSON.parse(who.stdout)
    expect(people).toContainEqual({ name: 'bob', peerId: bob.peerId, online: true, status: 'online', statusText: '' })
    for (const p of people) expect(Object.keys(p).sort()).toEqual(['name', 'online', 'peerId', 'status', 'statusText'])

    const send = await runCli(['send', 'bob', 'from the CLI', '--json', '--profile', alice.profileDir])
    expect(send.code).toBe(0)
    const result = JSON.parse(send.stdout)
    expect(result).toEqual({ id: expect.any(String), state: 'delivered' })

    const history = await runCli(['history', 'bob', '--json', '--profile', alice.profileDir])
    const list = JSON.parse(history.stdout)
    expect(list.at(-1)).toEqual({ id: result.id, from: 'alice', to: 'bob', body: 'from the CLI', sentAt: expect.any(Number), state: 'delivered' })
    expect(list.map((m: { sentAt: number }) => m.sentAt)).toEqual([...list.map((m: { sentAt: number }) => m.sentAt)].sort((a, b) => a - b))
  })

  it('chats from the terminal: lines typed into lanchat chat arrive at bob', async () => {
    const out = await runCli(['chat', 'bob', '--profile', alice.profileDir], { input: 'typed in a terminal\n' })
    expect(out.code).toBe(0)
    const history = await bob.history('alice')
    expect(history.at(-1)).toMatchObject({ from: 'alice', body: 'typed in a terminal' })
  })

  it('refuses API calls without the token', async () => {
    const res = await fetch(`${alice.apiUrl}/api/status`)
    expect(res.status).toBe(401)
    const withToken = await fetch(`${alice.apiUrl}/api/contacts`, { headers: { authorization: 'Bearer ' + '0'.repeat(64) } })
    expect(withToken.status).toBe(401)
  })
})
