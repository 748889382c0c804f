/**
 * What `lanchat chat` with a person and with a group share: the terminal
 * (a prompt kept below what is printed; plain lines when not a terminal),
 * what a typed line means (node/cli/typed-line.ts), sends one at a time in
 * the order typed, and how a lost daemon ends the session.
 *
 * @example
 * ```ts
 * class MyChat extends LineSession {
 *   protected async send (body: string): Promise<void> { ... }
 * }
 * ```
 */
import { clearLine, createInterface, cursorTo, moveCursor } from 'node:readline'
import type { Interface } from 'node:readline'
import type { DaemonEvent } from '../types.js'
import type { ApiClient } from './api-client.js'
import type { Io } from './command.js'
import { typedLine } from './typed-line.js'

export abstract class LineSession {
  protected readonly io: Io
  protected readonly tty: boolean
  protected rl: Interface | undefined
  /** sends, chained: one at a time, in the order typed */
  protected sending: Promise<void> = Promise.resolve()
  protected exitCode = 0
  /** the event stream ended after it had opened */
  protected ended = false
  protected closeEvents: (() => void) | undefined

  constructor (io: Io) {
    this.io = io
    this.tty = io.stdin.isTTY === true && io.stdout.isTTY === true
  }

  /** sends one typed line's text */
  protected abstract send (body: string): Promise<void>

  /** takes one event of the daemon's stream, once the backlog is on screen */
  protected abstract onEvent (event: DaemonEvent): void

  /**
   * Subscribes to the daemon's events, then runs `backlog` (showing what
   * came before), then takes the events that arrived meanwhile: nothing
   * falls between the two. A stream that ends after it opened ends the
   * session (lost).
   */
  protected async follow (client: ApiClient, backlog: () => Promise<void>): Promise<void> {
    const pending: DaemonEvent[] = []
    let live = false
    let opened = false
    await new Promise<void>((resolve, reject) => {
      this.closeEvents = client.events(event => { if (live) this.onEvent(event); else pending.push(event) }, {
        onOpen: () => { opened = true; resolve() },
        onEnd: err => { if (opened) this.lost(); else reject(err ?? new Error('the daemon closed its event stream at once')) }
      })
    })
    try {
      await backlog()
    } catch (err) {
      this.closeEvents?.()
      throw err
    }
    live = true
    for (const event of pending) this.onEvent(event)
  }

  /**
   * Reads typed lines until /quit, Ctrl-D, EOF or a lost daemon, then waits
   * for the sends still on their way. On a terminal, `open` runs once the
   * prompt is up; `close` runs when the reading ends.
   */
  protected async readLines (prompt: string, hooks: { open?: () => void, close?: () => void } = {}): Promise<void> {
    const rl = createInterface({ input: this.io.stdin, ...(this.tty ? { output: this.io.stdout, terminal: true } : { terminal: false }) })
    this.rl = rl
    const closed = new Promise<void>(resolve => rl.once('close', resolve))
    rl.setPrompt(prompt)
    rl.on('SIGINT', () => { rl.close() })
    rl.on('line', line => { this.onLine(line) })
    if (this.ended) rl.close()
    if (this.tty) {
      hooks.open?.()
      rl.prompt()
    }
    await closed
    hooks.close?.()
    await this.sending
  }

  protected onLine (line: string): void {
    if (this.tty) {
      // replace the echoed input by the formatted message once it is sent
      moveCursor(this.io.stdout, 0, -1)
      clearLine(this.io.stdout, 0)
    }
    const typed = typedLine(line)
    if ('send' in typed) {
      const body = typed.send
      this.sending = this.sending.then(async () => { await this.send(body) })
    } else if ('quit' in typed) this.rl?.close()
    else if ('say' in typed) {
      for (const text of typed.say) {
        if (typed.warning === true) this.warn(text)
        else this.show(text)
      }
    } else this.rl?.prompt()
  }

  /** prints a line above the prompt, keeping what I am typing */
  protected show (line: string): void {
    if (this.tty) {
      clearLine(this.io.stdout, 0)
      cursorTo(this.io.stdout, 0)
    }
    this.io.stdout.write(line + '\n')
    if (this.tty) this.rl?.prompt(true)
  }

  protected warn (line: string): void {
    this.io.stderr.write(`lanchat: ${line}\n`)
    if (this.tty) this.rl?.prompt(true)
  }

  protected lost (): void {
    this.ended = true
    this.warn('lost the connection to the daemon; the chat is closed')
    this.exitCode = 1
    this.rl?.close()
  }
}
