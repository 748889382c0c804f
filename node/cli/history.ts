/**
 * `lanchat history NAME`: the conversation with NAME, oldest first, with
 * the state of my own messages.
 *
 *   2026-01-05 09:31  bob: lunch?
 *   2026-01-05 09:32  alice: yes  ✓✓ read
 */
import type { ChatMessage } from '../types.js'
import { MAX_HISTORY_LIMIT } from '../api/constants.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import type { Command } from './command.js'
import { UsageError } from './errors.js'
import { dateTime, messageLine } from './format.js'
import { groupHistory } from './groups.js'

/** the documented shape of `history --json`: one of these per message, oldest first */
export interface HistoryEntry {
  id: string
  from: string
  to: string
  body: string
  sentAt: number
  state: ChatMessage['state']
  /** only on expired messages: retention, released or refused */
  reason?: ChatMessage['reason']
}

function limitOf (raw: string | boolean | undefined): number | undefined {
  if (raw === undefined) return undefined
  const limit = Number(raw)
  if (!/^[0-9]+$/.test(String(raw)) || limit < 1 || limit > MAX_HISTORY_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_HISTORY_LIMIT}`, 'history')
  }
  return limit
}

export const history: Command = {
  name: 'history',
  summary: 'show the conversation with someone',
  json: true,
  options: { limit: { type: 'string' }, group: { type: 'string' } },
  help: `usage: lanchat history NAME [--limit N] [--json] [--profile DIR]
       lanchat history --group GROUP [--limit N] [--json] [--profile DIR]

Shows the conversation with NAME, oldest first: date and time, sender, text,
and the state of your own messages (queued, relayed, delivered, read, or
expired with its reason: lanchat resend ID sends one again).

  --limit N       show the newest N messages (1 to ${MAX_HISTORY_LIMIT}; default 100)
${JSON_HELP}
                  (an array of {id, from, to, body, sentAt, state}, and
                  reason on expired messages: retention, released, refused;
                  with --group an array of {id, from, group, body, sentAt, state})
${COMMON_HELP}`,
  async run (ctx) {
    if (typeof ctx.values.group === 'string') {
      if (ctx.positionals.length > 0) throw new UsageError(`history --group takes no NAME, but got "${ctx.positionals[0]}"`, 'history')
      return await groupHistory(ctx, ctx.values.group, limitOf(ctx.values.limit))
    }
    const [name, extra] = ctx.positionals
    if (name === undefined) throw new UsageError('history needs the NAME of the person', 'history')
    if (extra !== undefined) throw new UsageError(`history takes one NAME, but also got "${extra}"`, 'history')
    const limit = limitOf(ctx.values.limit)
    const messages = await ctx.client().get<ChatMessage[]>('/api/messages', { with: name, limit })
    if (ctx.json) {
      const entries: HistoryEntry[] = messages.map(m => ({
        id: m.id, from: m.from, to: m.to, body: m.body, sentAt: m.sentAt, state: m.state, ...(m.reason !== undefined ? { reason: m.reason } : {})
      }))
      ctx.out(JSON.stringify(entries))
      return 0
    }
    if (messages.length === 0) ctx.out(`no messages with ${name} yet`)
    for (const message of messages) ctx.out(messageLine(message, dateTime(message.sentAt)))
    return 0
  }
}
