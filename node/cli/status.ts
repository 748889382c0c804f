/**
 * `lanchat status [online|away|busy] [TEXT...]`: shows my status, or sets it.
 */
import type { DaemonStatus, SettableStatus } from '../types.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import type { Command, CommandContext } from './command.js'
import { UsageError } from './errors.js'
import { statusMark, terminalSafe } from './format.js'

const SETTABLE: readonly string[] = ['online', 'away', 'busy'] satisfies SettableStatus[]

function describe (me: DaemonStatus, ctx: CommandContext): string[] {
  const text = me.statusText !== '' ? `  ${terminalSafe(me.statusText)}` : ''
  const index = me.index.address ?? 'found by broadcast'
  return [
    `${statusMark(me.status, ctx.io.stdout)} ${me.name}  ${me.status}${text}`,
    `  peer id  ${me.peerId}`,
    `  index    ${index}, ${me.index.connected ? 'connected' : 'not connected'}`,
    `  outbox   ${me.queued === 0 ? 'empty' : `${me.queued} message${me.queued === 1 ? '' : 's'} waiting`}`
  ]
}

export const status: Command = {
  name: 'status',
  summary: 'show or set my status (online, away, busy) and its text',
  json: true,
  help: `usage: lanchat status [online|away|busy] [TEXT...] [--json] [--profile DIR]

Without arguments, shows your status, peer id, index server connection and
outbox. With a status, sets it; TEXT (the remaining words) becomes the
status text, and without TEXT the current text is kept ("" clears it).

${JSON_HELP}
                  (the daemon's status object)
${COMMON_HELP}`,
  async run (ctx) {
    const [wanted, ...words] = ctx.positionals
    if (wanted !== undefined && !SETTABLE.includes(wanted)) {
      throw new UsageError(`a status is online, away or busy, not "${wanted}"`, 'status')
    }
    const client = ctx.client()
    const me = wanted === undefined
      ? await client.get<DaemonStatus>('/api/status')
      : await client.put<DaemonStatus>('/api/status', { status: wanted, ...(words.length > 0 ? { text: words.join(' ') } : {}) })
    if (ctx.json) ctx.out(JSON.stringify(me))
    else for (const line of describe(me, ctx)) ctx.out(line)
    return 0
  }
}
