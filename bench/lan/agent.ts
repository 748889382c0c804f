/**
 * One end of a LAN-test-bed measurement, run inside a host's network
 * namespace by bench/scenarios/lan.ts. Prints one line on stdout: "ready"
 * (servers and answerers) or the result as JSON (measurers), then for a
 * measurer exits.
 *
 *   agent.js lanchat-direct PROFILE_DIR INDEX_HOST:PORT LISTEN_IP TO_PEER_ID COUNT
 *   agent.js classic-answer SERVER_HOST:PORT
 *   agent.js classic-rtt SERVER_HOST:PORT COUNT
 *   agent.js tcp-rtt SERVER_HOST:PORT COUNT
 */
import { Daemon } from '../../node/daemon/daemon.js'
import { classicAnswerer, classicRoundTrip } from '../floors/classic-relay.js'
import { tcpRoundTrip } from '../floors/tcp.js'
import { latency, timed } from '../lib/stats.js'
import { until } from '../lib/daemon.js'

async function lanchatDirect (profileDir: string, index: string, listen: string, to: string, count: number): Promise<unknown> {
  const [host, port] = index.split(':')
  const daemon = await Daemon.create({ profileDir, name: 'alice', index: { host, port: Number(port) }, listen, port: 0, apiPort: 0, mdns: false })
  await daemon.start()
  try {
    await until(() => daemon.directory.isOnline(to), 20_000, 'bob online')
    const send = async (): Promise<void> => {
      const r = await daemon.send('bob', 'x'.repeat(100))
      if (r.state !== 'delivered') throw new Error(`a direct send ended ${r.state}`)
    }
    await timed(50, 2_000, send)
    return latency(await timed(count, 5_000, send))
  } finally {
    await daemon.stop()
  }
}

async function main (): Promise<void> {
  const [mode, ...args] = process.argv.slice(2)
  let out: unknown
  if (mode === 'lanchat-direct') {
    out = await lanchatDirect(args[0], args[1], args[2], args[3], Number(args[4]))
  } else if (mode === 'classic-answer') {
    await classicAnswerer(args[0])
    process.stdout.write('ready\n')
    process.on('SIGTERM', () => { process.exit(0) })
    return
  } else if (mode === 'classic-rtt') {
    out = await classicRoundTrip(args[0], Number(args[1]), 5_000)
  } else if (mode === 'tcp-rtt') {
    out = await tcpRoundTrip(args[0], Number(args[1]), 5_000)
  } else {
    throw new Error(`unknown agent mode ${mode}`)
  }
  process.stdout.write(`${JSON.stringify(out)}\n`)
  process.exit(0)
}

main().catch((err) => {
  process.stderr.write(`agent failed: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
