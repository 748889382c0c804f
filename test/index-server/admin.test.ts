/**
 * The office administrator's view: `lanchat-index users|status|release`,
 * run against the data directory while the server is running.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { afterAll, describe, expect, it } from 'vitest'
import { LeftReason } from '../../protocols/directory/pb/directory.js'
import { LightClient } from '../helpers/light-client.js'
import { runIndexCommand, startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { waitForEvent } from '../helpers/wait.js'
import type { Delta } from '../helpers/light-client.js'

afterAll(async () => { await stopAllIndexes() })

describe('admin commands beside a running server', () => {
  it('lists users, shows status, and releases a name (ending its session)', async () => {
    const index = await startIndex()
    const alice = await LightClient.create('alice')
    const bob = await LightClient.create('bob')
    try {
      await alice.login(index)
      await bob.login(index)

      const users = await runIndexCommand(['users', '--data', index.dataDir, '--json'])
      expect(users.code).toBe(0)
      const list = JSON.parse(users.stdout)
      expect(list.map((u: any) => [u.name, u.online])).toEqual([['alice', true], ['bob', true]])
      expect(list[0].peerId).toBe(alice.node.peerId.toString())
      expect(list[0].firstSeen).toBeGreaterThan(0)
      const table = await runIndexCommand(['users', '--data', index.dataDir])
      expect(table.stdout).toMatch(/^NAME\s+PEER ID\s+FIRST SEEN\s+LAST SEEN\s+ONLINE/)

      const status = JSON.parse((await runIndexCommand(['status', '--data', index.dataDir, '--json'])).stdout)
      expect(status).toMatchObject({ running: true, peerId: index.peerId, users: 2, online: 2, relay: [] })

      // listen first: the server may announce the release before the command's process has exited
      const leaving = waitForEvent<[Delta]>(alice, 'delta', d => d.kind === 'left' && d.name === 'bob', 5000)
      leaving.catch(() => {})
      const released = await runIndexCommand(['release', 'bob', '--data', index.dataDir, '--json'])
      expect(released.code).toBe(0)
      expect(JSON.parse(released.stdout)).toMatchObject({ released: true, name: 'bob', peerId: bob.node.peerId.toString() })
      const [left] = await leaving
      expect((left.frame as any).reason).toBe(LeftReason.RELEASED)

      // the name is free for a new identity now
      const newBob = await LightClient.create('bob', await generateKeyPair('Ed25519'))
      try {
        const snapshot = await newBob.login(index)
        expect(snapshot.map(u => u.name)).toContain('bob')
      } finally {
        await newBob.stop()
      }
    } finally {
      await alice.stop()
      await bob.stop()
    }
  })

  it('says clearly when the name or the data directory is unknown', async () => {
    const index = await startIndex()
    const unknown = await runIndexCommand(['release', 'nobody', '--data', index.dataDir])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr.trim()).toBe('lanchat-index: nobody called "nobody" is registered; see lanchat-index users')
    const empty = await runIndexCommand(['status', '--data', tempDir()])
    expect(empty.code).toBe(1)
    expect(empty.stderr).toMatch(/there is no index data in/)
  })

  it('reports a stopped server as not running', async () => {
    const dataDir = tempDir()
    const index = await startIndex({ dataDir })
    const code = await index.stop()
    expect(code, index.stderr()).toBe(0)
    const status = JSON.parse((await runIndexCommand(['status', '--data', dataDir, '--json'])).stdout)
    expect(status.running).toBe(false)
    expect(status.online).toBe(0)
  })
})
