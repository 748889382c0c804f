/**
 * The CLI's live view of a transfer (node/cli/file-progress.ts), fed the
 * daemon's events by a stub client: on a terminal a cli-progress bar with
 * the rate and time left, ending at 100 %; off a terminal plain lines, no
 * escape codes; either way one closing line saying how it ended.
 */
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { endLine, follow } from '../../node/cli/file-progress.js'
import type { ApiClient } from '../../node/cli/api-client.js'
import type { Io } from '../../node/cli/command.js'
import type { DaemonEvent, FileTransfer } from '../../node/types.js'

const MiB = 1024 * 1024

function transfer (over: Partial<FileTransfer> = {}): FileTransfer {
  return { id: 't1', direction: 'out', peer: 'bob', peerId: '12D3KooWbob', verified: true, files: [{ name: 'big.iso', size: 8 * MiB, state: 'waiting' }], size: 8 * MiB, bytesDone: 0, state: 'offered', createdAt: 1, updatedAt: 1, ...over }
}

/** A client whose event stream plays `events` once it opens. */
function stubClient (events: DaemonEvent[]): ApiClient {
  return {
    get: async () => transfer(),
    events: (onEvent: (e: DaemonEvent) => void, handlers: { onOpen?: () => void } = {}) => {
      setImmediate(() => {
        handlers.onOpen?.()
        let i = 0
        const next = (): void => {
          if (i < events.length) { onEvent(events[i++]); setTimeout(next, 150) }
        }
        setTimeout(next, 5)
      })
      return () => {}
    }
  } as unknown as ApiClient
}

function io (tty: boolean): Io & { text: () => string } {
  let out = ''
  const stdout = Object.assign(new Writable({ write (chunk, _enc, cb) { out += String(chunk); cb() } }), { isTTY: tty, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true })
  return { stdin: process.stdin, stdout, stderr: stdout, text: () => out } as unknown as Io & { text: () => string }
}

const story: DaemonEvent[] = [
  { type: 'file', transfer: transfer({ state: 'sending' }) },
  { type: 'file-progress', id: 't1', direction: 'out', peerId: '12D3KooWbob', bytesDone: 2 * MiB, size: 8 * MiB, bytesPerSecond: 4 * MiB },
  { type: 'file-progress', id: 't1', direction: 'out', peerId: '12D3KooWbob', bytesDone: 6 * MiB, size: 8 * MiB, bytesPerSecond: 4 * MiB },
  { type: 'file', transfer: transfer({ state: 'done', bytesDone: 8 * MiB }) }
]

describe('following a transfer in the CLI', () => {
  it('on a terminal: a progress bar with the rate and time left, then how it ended', async () => {
    const term = io(true)
    const ended = await follow(stubClient(story), ['t1'], term)
    expect(ended.map(t => t.state)).toEqual(['done'])
    const text = term.text()
    expect(text).toContain('→ bob big.iso')
    expect(text).toContain('2.0 MiB of 8.0 MiB 4.0 MiB/s 0:02 left')
    expect(text).toContain('100%')
    expect(text.trimEnd().split('\n').at(-1)).toBe('sent 1 file (8.0 MiB) to bob')
  })

  it('off a terminal: plain lines without escape codes, then how it ended', async () => {
    const plain = io(false)
    await follow(stubClient(story), ['t1'], plain)
    const text = plain.text()
    expect(text).not.toContain('\u001b[')
    expect(text).toMatch(/→ bob big.iso: (offered|sending) /)
    expect(text.trimEnd().split('\n').at(-1)).toBe('sent 1 file (8.0 MiB) to bob')
  })
})

describe('the closing line of a received transfer', () => {
  const files = (...states: Array<'done' | 'skipped'>): FileTransfer['files'] => states.map((state, i) => ({ name: `f${i}`, size: 10, state }))
  const received = (states: Array<'done' | 'skipped'>): FileTransfer => transfer({ direction: 'in', peer: 'alice', state: 'done', dir: '/home/bob/Downloads', files: files(...states), size: 10 * states.length })

  it('says which files were there already and not sent again', () => {
    expect(endLine(received(['done', 'done']))).toBe('received 2 files (20 bytes) from alice into /home/bob/Downloads')
    expect(endLine(received(['done', 'skipped']))).toBe('received 2 files (20 bytes) from alice into /home/bob/Downloads (1 of them were there already, not sent again)')
    expect(endLine(received(['skipped']))).toBe('1 file (10 bytes) from alice: already in /home/bob/Downloads (the same path and content); nothing was sent')
  })
})
