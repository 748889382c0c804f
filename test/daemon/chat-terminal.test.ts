/**
 * `lanchat chat` in a real terminal (tmux): bob typing shows in alice's
 * prompt line and is gone again when he stops, leaving nothing in the
 * scrollback; /help lists the commands and is never sent; a line is sent.
 */
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DaemonProcess, LANCHAT_BIN, stopAllDaemons } from '../helpers/daemon-process.js'
import { startIndex, stopAllIndexes } from '../helpers/index-process.js'
import { until } from '../helpers/wait.js'
import { RUNTIME_FLAGS } from '../../runtime/node-version.js'

const tmuxMissing = ((): boolean => { try { execFileSync('tmux', ['-V'], { stdio: 'ignore' }); return false } catch { return true } })()
if (tmuxMissing) console.log('terminal chat test skipped: it needs tmux (apt-get install tmux)')
/** our own tmux server, so nothing else's sessions are touched */
const SOCKET = `lanchat-test-${process.pid}`
const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' })
/** the whole pane, scrollback included */
const screen = (): string => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'chat')

let alice: DaemonProcess
let bob: DaemonProcess

describe.skipIf(tmuxMissing && process.env.LANCHAT_REQUIRE_TMUX !== '1')('lanchat chat in a terminal', () => {
  beforeAll(async () => {
    const index = await startIndex()
    alice = await new DaemonProcess({ name: 'alice', indexPort: index.udpPort }).start()
    bob = await new DaemonProcess({ name: 'bob', indexPort: index.udpPort }).start()
    await alice.sees('bob', c => c.online)
  })

  afterAll(async () => {
    try { tmux('kill-server') } catch {}
    await stopAllDaemons()
    await stopAllIndexes()
  })

  it('typing shows in place, /help is a command, a line is a message', async () => {
    const command = [process.execPath, ...RUNTIME_FLAGS.lanchat, LANCHAT_BIN, 'chat', 'bob', '--profile', alice.profileDir].join(' ')
    tmux('new-session', '-d', '-s', 'chat', '-x', '120', '-y', '30', command)
    await until(() => screen().includes('chat with bob') ? true : undefined, 15_000, 'the chat to open')

    await bob.api.post('/api/typing', { to: 'alice', on: true })
    await until(() => /bob is typing… › $/m.test(screen()) ? true : undefined, 5_000, '"bob is typing" in the prompt')
    await bob.api.post('/api/typing', { to: 'alice', on: false })
    await until(() => !screen().includes('is typing') ? true : undefined, 5_000, 'the typing note to go')

    tmux('send-keys', '-t', 'chat', '/help', 'Enter')
    await until(() => screen().includes('/quit          leave (or Ctrl-D)') ? true : undefined, 5_000, 'the help')
    tmux('send-keys', '-t', 'chat', 'lunch at noon?', 'Enter')
    await until(async () => (await bob.history('alice')).some(m => m.body === 'lunch at noon?') ? true : undefined, 10_000, 'bob to get the line')
    expect((await bob.history('alice')).map(m => m.body)).toEqual(['lunch at noon?'])
    expect(screen()).not.toContain('is typing')
    tmux('send-keys', '-t', 'chat', '/quit', 'Enter')
  })
})
