/**
 * Identities cannot be swapped silently: a rogue index server in place of
 * the pinned one is refused (and an explicit re-pin trusts a replaced one);
 * an address that answers with another PeerId gets nothing.
 */
import { createServer } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => { server.listen(0, '127.0.0.1', resolve) })
  const port = (server.address() as { port: number }).port
  await new Promise(resolve => server.close(resolve))
  return port
}

describe('pinned identities', () => {
  it('refuses a different index server in place of the pinned one, until told to re-pin', async () => {
    const real = await startIndex()
    const alice = await new DaemonProcess({ name: 'alice', indexPort: real.udpPort }).start()
    expect(alice.stderr()).toContain(`trusting the index server ${real.peerId}`)
    await alice.stop()
    await real.stop()

    const rogue = await startIndex({ udpPort: real.udpPort })
    expect(rogue.peerId).not.toBe(real.peerId)
    await alice.start({ waitForIndex: false })
    const [line] = await alice.line(/warning: the index server at .* is (\S+), but this profile trusts (\S+); not logging in there\. If your office really replaced its index server, restart with: lanchat daemon --repin-index/, 20_000)
    expect(line).toContain(rogue.peerId)
    expect(line).toContain(real.peerId)
    expect((await alice.status()).index.connected).toBe(false)
    const doctor = JSON.parse((await runCli(['doctor', '--json', '--profile', alice.profileDir], { timeoutMs: 30_000 })).stdout)
    expect(doctor.checks[0]).toMatchObject({ check: 'index server over UDP', result: 'fail' })
    expect(doctor.checks[0].fix).toMatch(/--repin-index/)
    await alice.stop()

    const repinned = new DaemonProcess({ name: 'alice', indexPort: real.udpPort, profileDir: alice.profileDir, args: ['--repin-index'] })
    await repinned.start()
    expect(repinned.stderr()).toContain(`trusting the index server ${rogue.peerId}`)
  })

  it('sends nothing to an address that answers with another PeerId (Noise)', async () => {
    const index = await startIndex()
    const port = await freePort()
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort, args: ['--port', String(port)] }).start()
    await alice.sees('bob', c => c.online)
    // the index goes away (so alice keeps bob's old address), bob too; mallory takes bob's port
    await index.stop()
    await alice.line(/is not reachable; chatting directly/)
    await bob.stop()
    const mallory = await new DaemonProcess({ name: 'mallory', args: ['--port', String(port)] }).start({ waitForIndex: false })
    const sent = await alice.send('bob', 'for bob only')
    expect(sent.state).toBe('queued')
    expect(mallory.events.filter(e => e.type === 'message')).toEqual([])
    expect(await mallory.contacts()).toEqual([])
  })
})
