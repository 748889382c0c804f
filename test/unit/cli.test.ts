// The lanchat CLI as a person (or a script) uses it: `main(argv, io)` run in
// this process (one smoke test spawns the built binary), against a real local
// API on 127.0.0.1 backed by a stub daemon, with a temp profile holding
// api.json and api-token. --json output must be exactly the documented
// shapes; human output must read well; problems are one plain line.
import { spawn } from 'node:child_process'
import { PassThrough } from 'node:stream'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApi, listenApi } from '../../node/api/index.js'
import type { LanchatApi } from '../../node/api/index.js'
import { main } from '../../node/cli/main.js'
import { StubDaemon, T0 } from '../helpers/stub-daemon.js'

const BIN = resolve('dist/node/bin/lanchat.js')
// times in the human output are local: the same zone whether in process or spawned
process.env.TZ = 'UTC'
const TOKEN = 'c3'.repeat(32)

/** `lanchat ...`: in this process through main(argv, io) (or spawned from dist/ with `spawned`), its output as it comes, and its exit */
class Run {
  stdout = ''
  stderr = ''
  readonly exited: Promise<number>
  private readonly stdin: NodeJS.WritableStream
  private readonly waiters = new Set<() => void>()

  constructor (args: string[], opts: { spawned?: boolean } = {}) {
    let done: Promise<number>
    if (opts.spawned === true) {
      const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', NO_COLOR: '1' }
      delete env.FORCE_COLOR
      const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
      child.stdout.setEncoding('utf8').on('data', (text: string) => { this.stdout += text; this.notify() })
      child.stderr.setEncoding('utf8').on('data', (text: string) => { this.stderr += text; this.notify() })
      this.stdin = child.stdin
      done = new Promise(resolve => { child.on('close', code => { resolve(code ?? -1) }) })
    } else {
      const stdin = new PassThrough()
      const stdout = new PassThrough().setEncoding('utf8')
      const stderr = new PassThrough().setEncoding('utf8')
      stdout.on('data', (text: string) => { this.stdout += text; this.notify() })
      stderr.on('data', (text: string) => { this.stderr += text; this.notify() })
      this.stdin = stdin
      done = main(args, { stdin, stdout, stderr })
    }
    this.exited = new Promise((resolve, reject) => {
      const deadline = setTimeout(() => { reject(new Error(`lanchat ${args.join(' ')} did not exit within 20 s; stderr: ${this.stderr}`)) }, 20_000)
      // output written just before the exit is read on the next turn
      void done.then(code => { clearTimeout(deadline); setImmediate(() => { resolve(code) }) }, reject)
    })
  }

  type (text: string): void { this.stdin.write(text) }
  endInput (): void { this.stdin.end() }

  /** resolves when stdout contains `text`; fails after `ms` */
  async sees (text: string, ms = 10_000): Promise<void> {
    if (this.stdout.includes(text)) return
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!this.stdout.includes(text)) return
        clearTimeout(timer)
        this.waiters.delete(check)
        resolve()
      }
      const timer = setTimeout(() => {
        this.waiters.delete(check)
        reject(new Error(`stdout never showed ${JSON.stringify(text)} within ${ms} ms; stdout: ${JSON.stringify(this.stdout)}; stderr: ${JSON.stringify(this.stderr)}`))
      }, ms)
      this.waiters.add(check)
    })
  }

  private notify (): void { for (const waiter of [...this.waiters]) waiter() }
}

let daemon: StubDaemon
let app: LanchatApi
let profile: string

async function lanchat (...args: string[]): Promise<{ code: number, stdout: string, stderr: string }> {
  const run = new Run([...args, '--profile', profile])
  run.endInput()
  const code = await run.exited
  return { code, stdout: run.stdout, stderr: run.stderr }
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" first (npm test does)`)
})

beforeEach(async () => {
  daemon = new StubDaemon()
  let port = 0
  app = createApi({ daemon, token: TOKEN, allowedPort: () => port })
  port = await listenApi(app, { port: 0, fallback: false })
  profile = await mkdtemp(join(tmpdir(), 'lanchat-cli-'))
  await writeFile(join(profile, 'api.json'), JSON.stringify({ url: `http://127.0.0.1:${port}`, port, pid: process.pid }))
  await writeFile(join(profile, 'api-token'), TOKEN + '\n', { mode: 0o600 })
})

afterEach(async () => {
  await app.close()
  await rm(profile, { recursive: true, force: true })
})

describe('who', () => {
  it('--json prints exactly one array of {name, peerId, online, status, statusText}', async () => {
    const { code, stdout, stderr } = await lanchat('who', '--json')
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(JSON.parse(stdout)).toEqual(daemon.people.map(c => ({ name: c.name, peerId: c.peerId, online: c.online, status: c.status, statusText: c.statusText })))
  })

  it('prints a table a person can read: mark, name, status, text, unverified names marked', async () => {
    const { code, stdout } = await lanchat('who')
    expect(code).toBe(0)
    expect(stdout.split('\n')).toEqual([
      '● bob    online   at my desk',
      '◐ carol  away     lunch',
      '○ dave   offline  (unverified)',
      ''
    ])
  })
})

describe('send', () => {
  it('--json prints exactly {id, state}', async () => {
    const { code, stdout } = await lanchat('send', 'bob', 'lunch', 'at', 'noon?', '--json')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual({ id: expect.any(String), state: 'delivered' })
    expect(daemon.sends).toEqual([{ to: 'bob', body: 'lunch at noon?' }])
  })

  it.each([
    ['delivered', 'delivered to bob'],
    ['relayed', 'bob is offline: relayed via the index server'],
    ['queued', 'queued: will be sent when bob or the index server is reachable']
  ] as const)('says in words how far the message got (%s)', async (state, words) => {
    daemon.nextSendState = state
    const { code, stdout } = await lanchat('send', 'bob', 'hi')
    expect(code).toBe(0)
    expect(stdout).toBe(words + '\n')
  })

  it('to somebody unknown: the API\'s sentence on stderr, exit 1', async () => {
    const { code, stdout, stderr } = await lanchat('send', 'zed', 'hi', '--json')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toBe('lanchat: nobody called zed is known\n')
  })
})

describe('history', () => {
  beforeEach(async () => {
    daemon.receive('bob', 'lunch?')
    await daemon.send('bob', 'yes, at noon')
  })

  it('--json prints the conversation oldest first as {id, from, to, body, sentAt, state}', async () => {
    const { code, stdout } = await lanchat('history', 'bob', '--json')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual([
      { id: 'in-1', from: 'bob', to: 'alice', body: 'lunch?', sentAt: daemon.messages[0].sentAt, state: 'received' },
      { id: 'out-2', from: 'alice', to: 'bob', body: 'yes, at noon', sentAt: daemon.messages[1].sentAt, state: 'delivered' }
    ])
  })

  it('prints date, time, sender and text, and the state of my own messages', async () => {
    const { stdout } = await lanchat('history', 'bob', '--limit', '10')
    expect(stdout).toBe('2026-01-05 09:31  bob: lunch?\n2026-01-05 09:32  alice: yes, at noon  ✓ delivered\n')
  })

  it('a --limit that is not a number is a usage error', async () => {
    const { code, stderr } = await lanchat('history', 'bob', '--limit', 'all')
    expect(code).toBe(2)
    expect(stderr).toBe('lanchat: --limit must be a whole number from 1 to 1000\nrun lanchat history --help\n')
  })
})

describe('status', () => {
  it('shows mine without arguments and sets it with one', async () => {
    const shown = await lanchat('status')
    expect(shown.stdout.split('\n')[0]).toBe('● alice  online')
    const set = await lanchat('status', 'away', 'out', 'for', 'lunch', '--json')
    expect(set.code).toBe(0)
    expect(JSON.parse(set.stdout)).toMatchObject({ name: 'alice', status: 'away', statusText: 'out for lunch' })
    expect(daemon.me.status).toBe('away')
  })

  it('a status that is not online, away or busy is a usage error', async () => {
    const { code, stderr } = await lanchat('status', 'gone')
    expect(code).toBe(2)
    expect(stderr.split('\n')[0]).toBe('lanchat: a status is online, away or busy, not "gone"')
  })
})

describe('when things are wrong', () => {
  it('an empty profile: no daemon is running, and how to start one', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'lanchat-empty-'))
    try {
      const run = new Run(['who', '--json', '--profile', empty])
      run.endInput()
      expect(await run.exited).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toBe(`lanchat: no daemon is running for profile ${empty}; start it with: lanchat daemon --profile ${empty} --name NAME\n`)
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
  })

  it('an api.json left behind by a crashed daemon (connection refused) reads the same', async () => {
    const gone = createServer()
    await new Promise<void>(resolve => gone.listen(0, '127.0.0.1', resolve))
    const port = (gone.address() as { port: number }).port
    await new Promise(resolve => gone.close(resolve))
    await writeFile(join(profile, 'api.json'), JSON.stringify({ url: `http://127.0.0.1:${port}`, port, pid: process.pid }))
    const { code, stderr } = await lanchat('who')
    expect(code).toBe(1)
    expect(stderr).toMatch(/^lanchat: no daemon is running for profile .*; start it with: lanchat daemon --profile .* --name NAME\n$/)
  })

  it('an unknown flag: a one-line reason, where to look, exit 2', async () => {
    const { code, stdout, stderr } = await lanchat('who', '--bogus')
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toBe("lanchat: unknown option '--bogus'\nrun lanchat who --help\n")
  })

  it('a transfer ID that cannot be one (a path, spaces) is answered like an unknown one, not with the API\'s schema', async () => {
    for (const command of ['accept', 'reject', 'cancel']) {
      const { code, stdout, stderr } = await lanchat(command, '../../etc')
      expect([code, stdout, stderr]).toEqual([1, '', 'lanchat: no file transfer ../../etc; see `lanchat files`\n'])
    }
  })

  it('a missing NAME is a usage error too', async () => {
    const { code, stderr } = await lanchat('send')
    expect(code).toBe(2)
    expect(stderr).toBe('lanchat: send needs a NAME and a TEXT\nrun lanchat send --help\n')
  })

  it('--help and --version answer on stdout (the built binary, spawned, as a person runs it)', async () => {
    const smoke = new Run(['who', '--json', '--profile', profile], { spawned: true })
    smoke.endInput()
    expect(await smoke.exited).toBe(0)
    expect(JSON.parse(smoke.stdout).map((c: { name: string }) => c.name)).toEqual(['bob', 'carol', 'dave'])
    const help = await lanchat('history', '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^usage: lanchat history NAME/)
    const version = new Run(['--version'], { spawned: true })
    expect(await version.exited).toBe(0)
    expect(version.stdout).toMatch(/^lanchat \d+\.\d+\.\d+\n$/)
  })
})

describe('chat', () => {
  it('alice chats with bob through a pipe: her lines go out, bob\'s reply and receipts show up, EOF ends it', async () => {
    daemon.receive('bob', 'are you there?')
    const chat = new Run(['chat', 'bob', '--profile', profile])
    await chat.sees('09:31  bob: are you there?')
    // what the chat showed is marked read
    await daemon.until(() => daemon.reads.length === 1, 10_000, 'the chat to mark the backlog read')

    chat.type('yes!\nwhat is up?\n')
    await daemon.until(() => daemon.sends.length === 2, 10_000, 'both lines to be sent')
    // once bob is found, the chat writes to his identity, not to whoever holds the name later
    const bob = daemon.person('bob')!.peerId
    expect(daemon.sends).toEqual([{ to: bob, body: 'yes!' }, { to: bob, body: 'what is up?' }])
    await chat.sees('alice: what is up?  ✓ delivered')

    daemon.publish({ type: 'typing', name: 'bob', peerId: bob, verified: true, on: true })
    await chat.sees('bob is typing…')
    const reply = daemon.receive('bob', 'lunch at noon?', { publish: true })
    await chat.sees('bob: lunch at noon?')
    await daemon.until(() => daemon.reads.some(r => r.ids?.includes(reply.id) === true), 10_000, 'the live message to be marked read')

    const first = daemon.messages.find(m => m.body === 'yes!')!
    daemon.publish({ type: 'state', id: first.id, peer: 'bob', peerId: bob, state: 'read' })
    await chat.sees('✓✓ read: yes!')

    chat.endInput()
    expect(await chat.exited).toBe(0)
    expect(chat.stderr).toBe('')
    // my own messages are shown once, though the daemon also announces them as events
    expect(chat.stdout.split('alice: yes!').length).toBe(2)
    await daemon.until(() => daemon.subscribers === 0, 5_000, 'the chat to close its event stream')
  })

  it('the daemon stops while the chat is open: one plain line, exit 1', async () => {
    const chat = new Run(['chat', 'bob', '--profile', profile])
    await chat.sees('chat with bob')
    await daemon.until(() => daemon.reads.length === 1, 10_000, 'the chat to have opened (backlog marked read)')
    await app.close()
    expect(await chat.exited).toBe(1)
    expect(chat.stderr).toBe('lanchat: lost the connection to the daemon; the chat is closed\n')
  })

  it('everything piped at once is sent in order before the chat exits', async () => {
    const chat = new Run(['chat', 'carol', '--profile', profile])
    chat.type('one\ntwo\nthree\n')
    chat.endInput()
    expect(await chat.exited).toBe(0)
    expect(daemon.sends.map(s => s.body)).toEqual(['one', 'two', 'three'])
  })
})


describe('groups', () => {
  it('groups --json prints exactly the array of groups; the table names members and admins', async () => {
    const json = await lanchat('groups', '--json')
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual([daemon.lunch])
    const table = await lanchat('groups')
    expect(table.stdout).toBe('lunch  3 members: alice, bob, carol; admin: alice\n')
  })

  it('group create|add|remove|admin|rename|leave|members go to their routes; --json prints the group', async () => {
    const created = await lanchat('group', 'create', 'coffee', 'bob', 'carol', '--json')
    expect(created.code).toBe(0)
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'coffee', members: ['alice', 'bob', 'carol'] })
    for (const args of [['add', 'lunch', 'dave'], ['remove', 'lunch', 'carol'], ['admin', 'lunch', 'bob'], ['rename', 'lunch', 'long lunch'], ['leave', 'lunch']]) {
      const { code, stderr } = await lanchat('group', ...args)
      expect([code, stderr]).toEqual([0, ''])
    }
    expect(daemon.groupChanges.map(c => c.change)).toEqual([
      { action: 'create', members: ['bob', 'carol'] },
      { action: 'add', people: ['dave'] },
      { action: 'remove', people: ['carol'] },
      { action: 'admin', people: ['bob'] },
      { action: 'rename', name: 'long lunch' },
      { action: 'leave' }
    ])
    const members = await lanchat('group', 'members', 'lunch')
    expect(members.stdout).toBe('alice  (admin)\nbob\ncarol\n')
  })

  it('send --group --json prints {id, state, members, delivered}; history --group --json [{id, from, group, body, sentAt, state}]', async () => {
    const sent = await lanchat('send', '--group', 'lunch', 'noon', 'today?', '--json')
    expect(JSON.parse(sent.stdout)).toEqual({ id: 'g1', state: 'delivered', members: 2, delivered: 2 })
    expect((await lanchat('send', '--group', 'lunch', 'again')).stdout).toBe('delivered to all 2 other members of lunch\n')
    const history = await lanchat('history', '--group', 'lunch', '--json')
    expect(JSON.parse(history.stdout)).toEqual([
      { id: 'g1', from: 'alice', group: 'lunch', body: 'noon today?', sentAt: T0, state: 'delivered' },
      { id: 'g2', from: 'alice', group: 'lunch', body: 'again', sentAt: T0, state: 'delivered' }
    ])
  })

  it('chat --group: the backlog, live posts marked read, my lines sent with how far they got, EOF ends it', async () => {
    const lunch = daemon.lunch
    daemon.groupPosts.push({ id: 'b1', from: 'bob', group: 'lunch', groupId: lunch.id, body: 'noon?', sentAt: T0, state: 'received', direction: 'in', peerId: '12D3KooWbob', receivedAt: T0 })
    const chat = new Run(['chat', '--group', 'lunch', '--profile', profile])
    await chat.sees('lunch: alice, bob, carol; /quit or Ctrl-D to leave')
    await chat.sees('09:30  bob: noon?')
    await daemon.until(() => daemon.groupReads.length === 1, 10_000, 'the chat to mark the backlog read')
    chat.type('yes\n')
    await chat.sees('alice: yes  ✓ delivered to all 2')
    daemon.publish({ type: 'group-message', message: { id: 'c1', from: 'carol', group: 'lunch', groupId: lunch.id, body: 'me too', sentAt: T0, state: 'received', direction: 'in', peerId: '12D3KooWcarol', receivedAt: T0 } })
    await chat.sees('carol: me too')
    await daemon.until(() => daemon.groupReads.some(r => r.ids?.includes('c1') === true), 10_000, 'the live post to be marked read')
    const mine = daemon.groupPosts.find(p => p.body === 'yes')!
    daemon.publish({ type: 'group-state', progress: { id: mine.id, group: 'lunch', groupId: lunch.id, state: 'read', members: 2, delivered: 2, read: 2, perMember: [] } })
    await chat.sees('✓✓ read by all 2: yes')
    chat.endInput()
    expect(await chat.exited).toBe(0)
    expect(chat.stderr).toBe('')
  })

  it('wrong usage exits 2 with the fix; an unknown group exits 1 with the daemon\'s sentence', async () => {
    expect((await lanchat('group')).code).toBe(2)
    expect((await lanchat('group', 'shout', 'lunch')).stderr).toMatch(/group cannot "shout"/)
    expect((await lanchat('group', 'add', 'lunch')).stderr).toMatch(/group add needs at least one MEMBER/)
    expect((await lanchat('send', '--group', 'lunch')).code).toBe(2)
    const unknown = await lanchat('send', '--group', 'tea', 'hi')
    expect([unknown.code, unknown.stderr]).toEqual([1, 'lanchat: there is no group called tea; see lanchat groups\n'])
  })
})
