/**
 * A new person's first hour, on one computer (everything on 127.0.0.1, as in
 * `npm run demo`): doctor finds nothing wrong with a loopback-only office and
 * checks bob all the way; a daemon whose output pipe goes away keeps
 * running, and a closed terminal still leaves its profile clean; a status
 * text that is too long is refused; sending to yourself says so; a
 * remembered name is not asked for again.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { DaemonEvent, DoctorReport } from '../../node/types.js'

let index: IndexProcess
let alice: DaemonProcess
let bob: DaemonProcess

beforeAll(async () => {
  index = await startIndex()
  alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
  bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
  await alice.sees('bob', c => c.online)
})

afterAll(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
})

async function cli (who: DaemonProcess, ...args: string[]): Promise<{ code: number | null, stdout: string, stderr: string }> {
  return await runCli([...args, '--profile', who.profileDir])
}

describe('the first hour on one computer', () => {
  it('doctor: loopback is "this computer only", and bob is checked all the way', async () => {
    const out = await cli(alice, 'doctor', 'bob', '--json')
    const report = JSON.parse(out.stdout) as DoctorReport
    const result = (name: string): string => `${name}: ${report.checks.find(c => c.check === name)?.result ?? 'missing'}`
    expect(report.checks.filter(c => c.result === 'fail')).toEqual([])
    expect(out.code).toBe(0)
    expect(report.checks.find(c => c.check === 'my listen addresses')?.detail).toMatch(/^you listen on 127\.0\.0\.1:\d+: this computer only, like the index server at 127\.0\.0\.1:\d+$/)
    expect(report.checks.find(c => c.check === "bob's addresses")?.detail).toMatch(/^127\.0\.0\.1:\d+ \(this computer only\)$/)
    expect(['TCP to bob', 'Noise with bob', 'round trip to bob'].map(result)).toEqual(['TCP to bob: ok', 'Noise with bob: ok', 'round trip to bob: ok'])
    const text = await cli(alice, 'doctor')
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('this computer only')
  })

  it('a status text over 140 characters is refused plainly, and nothing changes', async () => {
    const long = 'x'.repeat(141)
    const out = await cli(alice, 'status', 'away', long)
    expect(out.code).toBe(1)
    expect(out.stderr).toBe('lanchat: a status text can have at most 140 characters; this one has 141\n')
    expect((await alice.status()).status).toBe('online')
    const fits = await cli(alice, 'status', 'away', 'y'.repeat(140), '--json')
    expect(fits.code).toBe(0)
    expect(JSON.parse(fits.stdout).statusText).toBe('y'.repeat(140))
    await bob.sees('alice', c => c.statusText === 'y'.repeat(140))
  })

  it('sending to yourself says so', async () => {
    const out = await cli(alice, 'send', 'alice', 'note to self')
    expect(out.code).toBe(1)
    expect(out.stderr).toBe('lanchat: you are alice: a message cannot be sent to yourself\n')
    const upper = await cli(alice, 'send', 'ALICE', 'note to self')
    expect(upper.stderr).toBe('lanchat: you are alice: a message cannot be sent to yourself\n')
  })

  it('a daemon whose output pipe went away keeps running, and leaves its profile clean when it stops', async () => {
    const carol = await new DaemonProcess({ name: 'carol', indexPort: index.udpPort }).start()
    // the reader of its stdout and stderr goes away (like `lanchat daemon 2>&1 | tee log`, then tee ends)
    carol.proc.stdout!.destroy()
    carol.proc.stderr!.destroy()
    // the index server stops and comes back: carol writes a line about each, into the closed pipe
    const lost = carol.event((e: DaemonEvent) => e.type === 'index' && !e.connected, 15_000)
    await index.stop()
    await lost
    const since = carol.events.length
    index = await startIndex({ dataDir: index.dataDir, udpPort: index.udpPort })
    await carol.event((e: DaemonEvent) => e.type === 'index' && e.connected, 20_000, since)
    expect((await carol.status()).name).toBe('carol')
    expect(carol.proc.exitCode).toBeNull()
    // the index moved its TCP port: alice and bob log in again too before the next test
    await alice.sees('bob', c => c.online, 20_000)

    expect(await carol.stop()).toBe(0)
    for (const file of ['api.json', 'daemon.pid', 'lanchat.db-wal', 'lanchat.db-shm']) expect(existsSync(join(carol.profileDir, file)), file).toBe(false)
  })

  it('a closed terminal (SIGHUP) stops the daemon cleanly too', async () => {
    const dave = await new DaemonProcess({ name: 'dave', indexPort: index.udpPort }).start()
    const exited = new Promise<number | null>(resolve => dave.proc.once('exit', code => { resolve(code) }))
    dave.proc.kill('SIGHUP')
    expect(await exited).toBe(0)
    expect(dave.stderr()).toMatch(/SIGHUP received, logging out/)
    for (const file of ['api.json', 'daemon.pid']) expect(existsSync(join(dave.profileDir, file)), file).toBe(false)
  })

  it('with no daemon running, the hint does not ask again for a name the profile remembers', async () => {
    const erin = await new DaemonProcess({ name: 'erin', indexPort: index.udpPort }).start()
    await erin.stop()
    const out = await cli(erin, 'who')
    expect(out.code).toBe(1)
    expect(out.stderr).toBe(`lanchat: no daemon is running for profile ${erin.profileDir} (erin); start it with: lanchat daemon --profile ${erin.profileDir}\n`)
  })
})
