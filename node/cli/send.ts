/**
 * `lanchat send NAME TEXT...`: sends one message and says how far it got
 * ("delivered to bob", "bob is offline: relayed via the index server", ...).
 */
import type { SendResult } from '../types.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import type { Command } from './command.js'
import { UsageError } from './errors.js'
import { sendOutcome } from './format.js'
import { sendToGroup } from './groups.js'

export const send: Command = {
  name: 'send',
  summary: 'send a message to someone',
  json: true,
  options: { group: { type: 'string' } },
  help: `usage: lanchat send NAME TEXT... [--json] [--profile DIR]
       lanchat send --group GROUP TEXT... [--json] [--profile DIR]

Sends TEXT (the remaining words, joined by spaces) to NAME and says how far
it got: delivered, relayed via the index server (NAME is offline), or queued
(it will be sent when NAME or the index server is reachable). Put -- before
a text that starts with "-".

With --group, sends TEXT to every member of GROUP (see lanchat groups) and
says how many have it.

${JSON_HELP}
                  ({id, state}; with --group {id, state, members, delivered}:
                  state is delivered once every member has it)
${COMMON_HELP}`,
  async run (ctx) {
    if (typeof ctx.values.group === 'string') {
      if (ctx.positionals.length === 0) throw new UsageError(`send needs a TEXT to send to ${ctx.values.group}`, 'send')
      return await sendToGroup(ctx, ctx.values.group, ctx.positionals.join(' '))
    }
    const [to, ...words] = ctx.positionals
    if (to === undefined) throw new UsageError('send needs a NAME and a TEXT', 'send')
    if (words.length === 0) throw new UsageError(`send needs a TEXT to send to ${to}`, 'send')
    const result = await ctx.client().post<SendResult>('/api/messages', { to, body: words.join(' ') })
    ctx.out(ctx.json ? JSON.stringify({ id: result.id, state: result.state }) : sendOutcome(to, result.state))
    return 0
  }
}
