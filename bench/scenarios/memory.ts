/**
 * Memory and start-up of the real programs. Daemon RSS when idle (logged in,
 * nobody to talk to) and with N peers connected, each with an open chat
 * stream that carried one message (peers are light nodes in this process,
 * each on its own loopback address). Start-up: `lanchat-index` to its ready
 * line, `lanchat daemon` to its API answering (event stream open), beside a
 * bare libp2p node process started the same way.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { v7 as uuidv7 } from 'uuid'
import { CHAT_PROTOCOL, MAX_CHAT_FRAME_BYTES } from '../../protocols/constants.js'
import { AckStatus, ChatFrame } from '../../protocols/chat/pb/chat.js'
import { encodeFrame, readFrame } from '../../protocols/frames.js'
import { DaemonProcess } from '../../test/helpers/daemon-process.js'
import { startIndex } from '../../test/helpers/index-process.js'
import { createBenchNode, loopbackHost } from '../lib/node.js'
import { rssMiB } from '../lib/procs.js'
import { fmtKiB, fmtMiB, fmtMs, median, settle } from '../lib/stats.js'
import type { Bench } from '../lib/context.js'
import type { BenchNode } from '../lib/node.js'

/** Dials the daemon, opens a chat stream and sends one message; resolves once it is acked. */
async function chatOnce (node: BenchNode, addr: string, i: number): Promise<void> {
  const stream = await node.dialProtocol(multiaddr(addr), CHAT_PROTOCOL, { signal: AbortSignal.timeout(10_000) })
  stream.send(encodeFrame(ChatFrame, { message: { id: uuidv7(), from: `peer${i}`, to: 'mem', body: 'hello', sentAt: Date.now(), seq: 1, group: '', item: new Uint8Array() } }))
  const answer = await readFrame(stream, ChatFrame, MAX_CHAT_FRAME_BYTES, { signal: AbortSignal.timeout(10_000) })
  if (answer.ack?.status !== AckStatus.STORED) throw new Error(`the daemon answered ${JSON.stringify(answer)}`)
}

async function daemonMemory (b: Bench): Promise<void> {
  const index = await startIndex({ args: ['--login-rate', '100000', '--new-name-rate', '100000'] })
  const daemon = await new DaemonProcess({ name: 'mem', indexPort: index.udpPort }).start()
  const peers: BenchNode[] = []
  try {
    await settle(b.settleMs(3_000))
    const idle = rssMiB(daemon.proc.pid as number)
    b.add({ scenario: 'daemon RSS, idle', lanchat: fmtMiB(idle), floor: '', target: '< 120 MB', met: idle * 2 ** 20 < 120e6, note: `logged in to the index, no peers, ${b.settleMs(3_000) / 1000} s after start`, values: { rssMiB: idle } })
    const status = await daemon.status()
    const addr = status.listen.find(a => a.includes('/tcp/')) as string
    for (let i = 0; i < b.n.connections; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, b.n.connections - i) }, async (_, j) => await createBenchNode({ host: loopbackHost(5000 + i + j) })))
      peers.push(...batch)
      await Promise.all(batch.map(async (n, j) => { await chatOnce(n, addr, i + j) }))
    }
    await settle(b.settleMs(2_000))
    const busy = rssMiB(daemon.proc.pid as number)
    b.add({
      scenario: `daemon RSS, ${b.n.connections} peers connected`,
      lanchat: fmtMiB(busy),
      floor: '',
      target: '',
      note: `${fmtKiB((busy - idle) * 1024 / b.n.connections)} per peer (connection, identify, chat stream, one stored message)`,
      values: { rssMiB: busy, perPeerKiB: (busy - idle) * 1024 / b.n.connections }
    })
  } finally {
    await Promise.all(peers.map(async n => { await n.stop() }))
    await daemon.stop()
    await index.stop()
  }
}

async function startup (b: Bench): Promise<void> {
  const indexMs: number[] = []
  const daemonMs: number[] = []
  for (let i = 0; i < b.n.starts; i++) {
    let t = performance.now()
    const index = await startIndex()
    indexMs.push(performance.now() - t)
    t = performance.now()
    const d = await new DaemonProcess({ name: `start${i}`, indexPort: index.udpPort }).start({ waitForIndex: false })
    daemonMs.push(performance.now() - t)
    await d.stop()
    await index.stop()
  }
  const floor = b.floors.libp2pStartMs
  const row = (what: string, values: number[], note: string): void => {
    const m = median(values)
    b.add({ scenario: what, lanchat: fmtMs(m), floor: floor == null ? '' : `${fmtMs(floor)} bare libp2p node`, ratio: floor == null ? undefined : m / floor, target: '', note, values: { medianMs: m, runs: values.length } })
  }
  row('start-up: lanchat-index to ready (median)', indexMs, `${indexMs.length} runs; process spawn to its ready line`)
  row('start-up: lanchat daemon to API ready (median)', daemonMs, `${daemonMs.length} runs; process spawn to its ready line (said once its first login is decided: here, accepted by an index server on 127.0.0.1), API answering and event stream open`)
}

export async function memory (b: Bench): Promise<void> {
  await startup(b)
  await daemonMemory(b)
}
