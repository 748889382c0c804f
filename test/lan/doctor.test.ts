/**
 * `lanchat doctor` against each fault the test bed can create, each with the
 * right diagnosis and fix: no route between subnets, a firewall dropping the
 * peer's TCP port, the index server down, a peer bound to loopback.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DaemonProcess, runCli, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { lanSkipReason } from './skip.js'
import { Lan } from './testbed.js'
import type { IndexProcess } from '../helpers/index-process.js'
import type { DoctorReport } from '../../node/types.js'

let lan: Lan | undefined

afterEach(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
  await lan?.destroy()
})

async function doctor (d: DaemonProcess, name?: string): Promise<{ code: number | null, report: DoctorReport, text: string }> {
  const args = ['doctor', ...(name != null ? [name] : []), '--profile', d.profileDir]
  const json = await runCli([...args, '--json'], { netns: lan!.ns(d.name), timeoutMs: 30_000 })
  const text = await runCli(args, { netns: lan!.ns(d.name), timeoutMs: 30_000 })
  return { code: json.code, report: JSON.parse(json.stdout), text: text.stdout }
}

function check (report: DoctorReport, name: string): DoctorReport['checks'][number] {
  const found = report.checks.find(c => c.check === name)
  if (found == null) throw new Error(`no check "${name}" in ${JSON.stringify(report.checks.map(c => c.check))}`)
  return found
}

async function office (hosts: string[], second: string[] = []): Promise<{ lan: Lan, index: IndexProcess, at: string }> {
  lan = await Lan.create(['office', ...hosts], { secondSubnet: second })
  const index = await startIndex({ netns: lan.ns('office'), host: '0.0.0.0', udpPort: 47470 })
  return { lan, index, at: `${lan.ip('office')}:47470` }
}

const daemon = (l: Lan, name: string, index: string, args: string[] = []): DaemonProcess =>
  new DaemonProcess({ name, netns: l.ns(name), index, listen: '0.0.0.0', args: ['--port', '47472', ...args] })

describe.skipIf(lanSkipReason != null)('lanchat doctor on a LAN', () => {
  it('finds nothing wrong on a healthy LAN', async () => {
    const { lan, at } = await office(['alice', 'bob'])
    const alice = await daemon(lan, 'alice', at).start()
    await daemon(lan, 'bob', at).start()
    await alice.sees('bob', c => c.online)
    const { code, report, text } = await doctor(alice, 'bob')
    expect(report.checks.filter(c => c.result === 'fail')).toEqual([])
    expect(code).toBe(0)
    expect(check(report, 'index server over UDP').result).toBe('ok')
    expect(check(report, 'Noise with bob').result).toBe('ok')
    expect(check(report, 'round trip to bob').detail).toMatch(/ms$/)
    console.log(text)
    expect(text).toContain('no problem found')
  })

  it('no route between subnets', async () => {
    const { lan, at } = await office(['alice'], ['bob'])
    const alice = await daemon(lan, 'alice', at).start()
    await daemon(lan, 'bob', at).start()
    await alice.sees('bob', c => c.online)
    await lan.exec('alice', 'ip', ['route', 'del', 'default'])
    const { code, report, text } = await doctor(alice, 'bob')
    expect(code).toBe(1)
    const tcp = check(report, 'TCP to bob')
    expect(tcp).toMatchObject({ result: 'fail', detail: `no route to ${lan.ip('bob')}:47472: bob is on a network this computer cannot reach` })
    expect(tcp.fix).toMatch(/route between the two subnets/)
    console.log(text)
    expect(text).toMatch(/✗ TCP to bob/)
  })

  it('a firewall drops the peer\'s TCP port', async () => {
    const { lan, at } = await office(['alice', 'bob'])
    const alice = await daemon(lan, 'alice', at).start()
    await daemon(lan, 'bob', at).start()
    await alice.sees('bob', c => c.online)
    await lan.exec('bob', 'nft', ['add', 'table', 'inet', 'fw'])
    await lan.exec('bob', 'nft', ['add', 'chain', 'inet', 'fw', 'input', '{ type filter hook input priority 0; }'])
    await lan.exec('bob', 'nft', ['add', 'rule', 'inet', 'fw', 'input', 'tcp', 'dport', '47472', 'ct', 'state', 'new', 'drop'])
    const { report } = await doctor(alice, 'bob')
    const tcp = check(report, 'TCP to bob')
    expect(tcp.result).toBe('fail')
    expect(tcp.detail).toBe(`no answer from ${lan.ip('bob')}:47472 within 3 s`)
    expect(tcp.fix).toMatch(/firewall on bob's computer .* drops TCP port 47472/)
  })

  it('the index server is down', async () => {
    const { lan, index, at } = await office(['alice'])
    const alice = await daemon(lan, 'alice', at).start()
    await index.stop()
    const { code, report } = await doctor(alice)
    expect(code).toBe(1)
    expect(check(report, 'index server over UDP')).toMatchObject({ result: 'fail', detail: `no answer from ${at} over UDP` })
    expect(check(report, 'index server over UDP').fix).toMatch(/lanchat-index runs on .* UDP port 47470/)
    expect(check(report, 'logged in').result).toBe('fail')
  })

  it('a peer bound to the wrong address (loopback)', async () => {
    const { lan, at } = await office(['alice', 'bob'])
    const alice = await daemon(lan, 'alice', at).start()
    const bob = await new DaemonProcess({ name: 'bob', netns: lan.ns('bob'), index: at, listen: '127.0.0.1' }).start()
    await alice.sees('bob', c => c.online)
    const fromAlice = await doctor(alice, 'bob')
    const addrs = check(fromAlice.report, "bob's addresses")
    expect(addrs.result).toBe('fail')
    expect(addrs.detail).toMatch(/^bob listens only on 127\.0\.0\.1:\d+ \(loopback\): nobody else can reach bob$/)
    expect(addrs.fix).toMatch(/without --listen 127\.0\.0\.1/)
    const fromBob = await doctor(bob)
    expect(check(fromBob.report, 'my listen addresses')).toMatchObject({ result: 'fail' })
    expect(check(fromBob.report, 'my listen addresses').detail).toMatch(/you listen only on 127\.0\.0\.1:\d+: nobody else can reach you/)
  })
})
