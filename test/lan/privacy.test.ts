/**
 * A direct chat is encrypted on the wire (Noise): alice sends bob a marked
 * message on the LAN while tcpdump captures bob's link; the marker never
 * appears in the capture, though the message arrives.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DaemonProcess, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes, tempDir } from '../helpers/index-process.js'
import { lanSkipReason } from './skip.js'
import { Lan } from './testbed.js'

let lan: Lan | undefined

afterEach(async () => {
  await stopAllDaemons()
  await stopAllIndexes()
  await lan?.destroy()
})

describe.skipIf(lanSkipReason != null)('privacy on the wire', () => {
  it('never shows a direct message in captured traffic', async () => {
    lan = await Lan.create(['office', 'alice', 'bob'])
    await startIndex({ netns: lan.ns('office'), host: '0.0.0.0', udpPort: 47470 })
    const at = `${lan.ip('office')}:47470`
    const alice = await new DaemonProcess({ name: 'alice', netns: lan.ns('alice'), index: at, listen: '0.0.0.0' }).start()
    const bob = await new DaemonProcess({ name: 'bob', netns: lan.ns('bob'), index: at, listen: '0.0.0.0' }).start()
    await alice.sees('bob', c => c.online)

    const pcap = join(tempDir(), 'bob.pcap')
    const capture = spawn('ip', ['netns', 'exec', lan.ns('bob'), 'tcpdump', '-Z', 'root', '--immediate-mode', '-i', 'eth0', '-U', '-w', pcap, 'tcp'], { stdio: ['ignore', 'ignore', 'pipe'] })
    let captureLog = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`tcpdump did not start: ${captureLog}`)) }, 10_000)
      capture.stderr.on('data', (d: Buffer) => { captureLog += d.toString(); if (captureLog.includes('listening on')) { clearTimeout(timer); resolve() } })
    })
    const marker = `marker-${randomUUID()}`
    const sent = await alice.send('bob', `the code is ${marker}`)
    expect(sent.state).toBe('delivered')
    expect((await bob.received('alice', [sent.id])).at(-1)?.body).toBe(`the code is ${marker}`)
    await new Promise(resolve => { capture.once('exit', resolve); capture.kill('SIGINT') })
    console.log(captureLog)
    const bytes = readFileSync(pcap)
    expect(bytes.length).toBeGreaterThan(1000) // the capture did see the chat
    expect(bytes.includes(marker)).toBe(false)
  })
})
