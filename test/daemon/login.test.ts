/**
 * Starting a daemon: a name taken by another identity stops it with the
 * reason in plain words; so does a name that breaks the rules; a second
 * daemon on the same profile is refused; the default peer port, when taken,
 * falls back to any free one.
 */
import { createServer } from 'node:net'
import { multiaddr } from '@multiformats/multiaddr'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_PEER_TCP_PORT } from '../../protocols/constants.js'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

function daemonArgs (profile: string, name: string, udpPort: number): string[] {
  return ['daemon', '--profile', profile, '--name', name, '--index', `127.0.0.1:${udpPort}`, '--listen', '127.0.0.1', '--port', '0', '--api-port', '0', '--no-mdns']
}

describe('daemon start-up and login', () => {
  it('stops with the reason when the name belongs to another identity', async () => {
    const index = await startIndex()
    const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    const impostor = await runCli(daemonArgs(tempDir(), 'alice', index.udpPort), { timeoutMs: 30_000 })
    expect(impostor.code).toBe(1)
    expect(impostor.stderr).toMatch(/lanchat: the index server refused the login: the name "alice" belongs to another identity; choose another name, or ask the index administrator to run: lanchat-index release alice\n/)
    // "ready" only after an accepted login: a refused one never says it
    expect(impostor.stderr).not.toMatch(/ready/)
    await alice.stop()
  })

  it('refuses a name that breaks the rules before it starts anything', async () => {
    const out = await runCli(daemonArgs(tempDir(), 'bad name', 9))
    expect(out.code).toBe(1)
    expect(out.stderr).toBe('lanchat: the name "bad name" cannot be used: a name cannot contain spaces\n')
  })

  it('refuses a second daemon on the same profile', async () => {
    const index = await startIndex()
    const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    const again = await runCli(daemonArgs(bob.profileDir, 'bob', index.udpPort))
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/^lanchat: a daemon is already running for the profile .* \(pid \d+\); stop it first, or use another --profile\n$/)
    await bob.stop()
  })

  it('falls back to any free peer port when the default one is taken, also by a daemon started in the same instant', async () => {
    const index = await startIndex()
    const tcpPort = async (d: DaemonProcess): Promise<number> => Number(multiaddr((await d.status()).listen[0]).getComponents().find(c => c.name === 'tcp')?.value)
    // held by another program (or already taken on this machine: the same case)
    const holder = createServer()
    await new Promise<void>((resolve) => { holder.once('error', () => { resolve() }); holder.listen(DEFAULT_PEER_TCP_PORT, '127.0.0.1', () => { resolve() }) })
    const dora = await new DaemonProcess({ name: 'dora', indexPort: index.udpPort, port: 'default' }).start()
    const doraPort = await tcpPort(dora)
    expect(doraPort).toBeGreaterThan(0)
    expect(doraPort).not.toBe(DEFAULT_PEER_TCP_PORT)
    await dora.stop()
    await new Promise<void>((resolve) => { holder.close(() => { resolve() }) })
    // two daemons let go at once: both start, on two ports
    const go = Promise.withResolvers<void>()
    const pair = [new DaemonProcess({ name: 'erin', indexPort: index.udpPort, port: 'default' }), new DaemonProcess({ name: 'finn', indexPort: index.udpPort, port: 'default' })]
    const started = Promise.all(pair.map(async d => await d.start({ gate: go.promise })))
    go.resolve()
    await started
    const ports = await Promise.all(pair.map(tcpPort))
    expect(new Set(ports).size).toBe(2)
    for (const p of ports) expect(p).toBeGreaterThan(0)
    await Promise.all(pair.map(async d => { await d.stop() }))
  })

  it('says in one line when no daemon runs for a profile', async () => {
    const out = await runCli(['who', '--profile', tempDir()])
    expect(out.code).toBe(1)
    expect(out.stderr.trim().split('\n')).toHaveLength(1)
    expect(out.stderr).toMatch(/no daemon is running for profile/)
  })

  it('keeps the identity across restarts, with the key file readable only by its owner', async () => {
    const index = await startIndex()
    const carol = await new DaemonProcess({ name: 'carol', indexPort: index.udpPort }).start()
    const first = carol.peerId
    await carol.stop()
    await carol.start()
    expect(carol.peerId).toBe(first)
    const { statSync } = await import('node:fs')
    expect(statSync(`${carol.profileDir}/identity.key`).mode & 0o777).toBe(0o600)
    expect(statSync(`${carol.profileDir}/api-token`).mode & 0o777).toBe(0o600)
    await carol.stop()
  })
})
