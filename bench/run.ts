/**
 * `npm run bench`: lanchat's figures on this machine, through the real
 * binaries on 127.0.0.1 (bounded in count and time; about a minute).
 * `npm run bench -- --quick` uses tiny counts, for CI.
 *
 * Measured: start-up of both programs, UDP+libp2p logins per second, direct
 * send -> delivered through the local HTTP API, relay deposit latency and
 * the drain of a backlog at login, RSS of an idle daemon and of the index
 * server per connected peer.
 */
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { DaemonProcess, stopAllDaemons } from '../test/helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../test/helpers/index-process.js'
import { LightClient } from '../test/helpers/light-client.js'

const quick = process.argv.includes('--quick')
const N = {
  starts: quick ? 1 : 3,
  logins: quick ? 10 : 100,
  loginConcurrency: quick ? 5 : 20,
  sends: quick ? 20 : 300,
  relayed: quick ? 20 : 200,
  sessions: quick ? 10 : 100
}

interface Row { scenario: string, value: string, note: string }
const rows: Row[] = []
const record = (scenario: string, value: string, note = ''): void => {
  rows.push({ scenario, value, note })
  process.stderr.write(`  ${scenario}: ${value} ${note}\n`)
}

function pct (values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))]
}
const ms = (v: number): string => `${v.toFixed(2)} ms`
function rssMiB (pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m == null ? NaN : Number(m[1]) / 1024
}
async function settle (msDelay: number): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, msDelay))
}

async function startup (): Promise<void> {
  const indexTimes: number[] = []
  const daemonTimes: number[] = []
  for (let i = 0; i < N.starts; i++) {
    let t = performance.now()
    const index = await startIndex()
    indexTimes.push(performance.now() - t)
    t = performance.now()
    const d = await new DaemonProcess({ name: `start${i}`, indexPort: index.udpPort }).start({ waitForIndex: false })
    daemonTimes.push(performance.now() - t)
    await d.stop()
    await index.stop()
  }
  record('start-up: lanchat-index to ready (median)', ms(pct(indexTimes, 50)), `${N.starts} runs`)
  record('start-up: lanchat daemon to API ready (median)', ms(pct(daemonTimes, 50)), `${N.starts} runs, includes opening its event stream`)
}

async function logins (): Promise<void> {
  // all clients come from 127.0.0.1: lift the per-IP LOGIN limit (20/s by default) to measure the server itself
  const index = await startIndex({ args: ['--login-rate', '100000'] })
  const clients = await Promise.all(Array.from({ length: N.logins }, async (_, i) => await LightClient.create(`user${i}`)))
  let failures = 0
  const t = performance.now()
  for (let i = 0; i < clients.length; i += N.loginConcurrency) {
    await Promise.all(clients.slice(i, i + N.loginConcurrency).map(async c => { await c.login(index).catch(() => { failures++ }) }))
  }
  const seconds = (performance.now() - t) / 1000
  record('logins per second (UDP LOGIN + libp2p dial + snapshot)', (N.logins / seconds).toFixed(0), `${N.logins} clients, ${N.loginConcurrency} at a time, ${failures} failed; clients share the machine with the server`)
  const before = rssMiB(index.pid)
  await settle(1000)
  record('index server RSS with all of them online', `${rssMiB(index.pid).toFixed(1)} MiB`, `was ${before.toFixed(1)} MiB right after the logins`)
  await Promise.all(clients.map(async c => { await c.stop() }))
  await index.stop()
}

async function sessionsMemory (): Promise<void> {
  const index = await startIndex()
  await settle(1000)
  const base = rssMiB(index.pid)
  const clients = await Promise.all(Array.from({ length: N.sessions }, async (_, i) => await LightClient.create(`m${i}`)))
  for (let i = 0; i < clients.length; i += 20) await Promise.all(clients.slice(i, i + 20).map(async c => await c.login(index)))
  await settle(2000)
  const after = rssMiB(index.pid)
  record('index server RSS per connected peer', `${((after - base) * 1024 / N.sessions).toFixed(0)} KiB`, `${base.toFixed(1)} -> ${after.toFixed(1)} MiB with ${N.sessions} sessions`)
  await Promise.all(clients.map(async c => { await c.stop() }))
  await index.stop()
}

async function messaging (): Promise<void> {
  const index = await startIndex()
  const alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
  const bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
  await alice.event(e => e.type === 'presence' && e.contact.name === 'bob' && e.contact.online)
  await settle(2000)
  record('daemon RSS, idle (logged in, one peer)', `${rssMiB(bob.proc.pid!).toFixed(1)} MiB`)

  const body = 'x'.repeat(100)
  const direct: number[] = []
  for (let i = 0; i < N.sends; i++) {
    const t = performance.now()
    const r = await alice.send('bob', body)
    direct.push(performance.now() - t)
    if (r.state !== 'delivered') throw new Error(`direct send ended ${r.state}`)
  }
  record('direct send -> delivered, via HTTP API (p50 / p99)', `${ms(pct(direct, 50))} / ${ms(pct(direct, 99))}`, `${N.sends} sequential 100-byte messages`)

  await bob.stop()
  await alice.event(e => e.type === 'presence' && e.contact.name === 'bob' && !e.contact.online)
  const relayed: number[] = []
  const ids: string[] = []
  for (let i = 0; i < N.relayed; i++) {
    const t = performance.now()
    const r = await alice.send('bob', body)
    relayed.push(performance.now() - t)
    ids.push(r.id)
    if (r.state !== 'relayed') throw new Error(`relay send ended ${r.state}`)
  }
  record('send to an offline peer -> relayed, via HTTP API (p50 / p99)', `${ms(pct(relayed, 50))} / ${ms(pct(relayed, 99))}`, `${N.relayed} sequential; each a durable deposit at the index`)
  const t = performance.now()
  await bob.start({ waitForIndex: false })
  await bob.received('alice', ids, 60_000)
  record(`login with ${N.relayed} waiting -> all in history`, ms(performance.now() - t), 'from starting the daemon process')
  await alice.stop()
  await bob.stop()
  await index.stop()
}

async function main (): Promise<void> {
  process.stderr.write(`lanchat bench${quick ? ' (quick)' : ''}: ${cpus()[0]?.model ?? '?'} x${cpus().length}, Node ${process.version}\n`)
  try {
    await startup()
    await logins()
    await sessionsMemory()
    await messaging()
  } finally {
    await stopAllDaemons()
    await stopAllIndexes()
  }
  const w = Math.max(...rows.map(r => r.scenario.length))
  const v = Math.max(...rows.map(r => r.value.length))
  process.stdout.write(`${'scenario'.padEnd(w)}  ${'value'.padEnd(v)}  note\n`)
  for (const r of rows) process.stdout.write(`${r.scenario.padEnd(w)}  ${r.value.padEnd(v)}  ${r.note}\n`)
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).message}\n`)
  process.exitCode = 1
})
