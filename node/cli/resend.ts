/**
 * `lanchat resend ID`: sends the text of one of my messages again, as a new
 * message to the same person; for a message that expired at the index
 * server (see `lanchat history`).
 */
import type { SendResult } from '../types.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import type { Command } from './command.js'
import { UsageError } from './errors.js'

export const resend: Command = {
  name: 'resend',
  summary: 'send one of your messages again (e.g. one that expired)',
  json: true,
  help: `usage: lanchat resend ID [--json] [--profile DIR]

Sends the text of your message ID (from lanchat history, or history --json)
again, as a new message to the same person, and says how far it got. Use it
for a message that expired at the index server: the first copy is gone.

${JSON_HELP}
                  ({id, state} of the new message)
${COMMON_HELP}`,
  async run (ctx) {
    const [id, extra] = ctx.positionals
    if (id === undefined) throw new UsageError('resend needs the ID of one of your messages', 'resend')
    if (extra !== undefined) throw new UsageError(`resend takes one ID, but also got "${extra}"`, 'resend')
    const result = await ctx.client().post<SendResult>('/api/resend', { id })
    ctx.out(ctx.json ? JSON.stringify({ id: result.id, state: result.state }) : `sent again as ${result.id}: ${result.state}`)
    return 0
  }
}
