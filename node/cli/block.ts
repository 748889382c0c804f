/**
 * `lanchat block`, `unblock` and `forget`: what a person does about a
 * stranger (or anyone). Each takes a shown name or a PeerId.
 *
 *   lanchat block unverified-x7Kq9Z
 *   lanchat forget 12D3KooW...
 */
import type { Contact } from '../types.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import type { Command, CommandContext } from './command.js'
import { UsageError } from './errors.js'
import { terminalSafe } from './format.js'

function target (ctx: CommandContext, command: string): string {
  const [who, extra] = ctx.positionals
  if (who === undefined) throw new UsageError(`${command} needs a NAME or PEERID`, command)
  if (extra !== undefined) throw new UsageError(`${command} takes one NAME or PEERID, but also got "${extra}"`, command)
  return who
}

export const block: Command = {
  name: 'block',
  summary: 'block someone: nothing from them is shown, stored or connected',
  json: true,
  help: `usage: lanchat block NAME|PEERID [--json] [--profile DIR]

Blocks a person, known or not (give the PeerId of someone you never heard
of). Their messages are refused, their presence and typing are ignored, and
their daemon can no longer connect to yours. The conversation is kept;
lanchat forget removes it. lanchat unblock undoes this.

${JSON_HELP}
                  (the person, as in lanchat who --json)
${COMMON_HELP}`,
  async run (ctx) {
    const contact = await ctx.client().post<Contact>('/api/block', { peer: target(ctx, 'block') })
    ctx.out(ctx.json ? JSON.stringify(contact) : `blocked ${terminalSafe(contact.name)} (${contact.peerId})`)
    return 0
  }
}

export const unblock: Command = {
  name: 'unblock',
  summary: 'unblock someone you blocked',
  json: true,
  help: `usage: lanchat unblock NAME|PEERID [--json] [--profile DIR]

Lets a person you blocked reach you again (see lanchat who --blocked).

${JSON_HELP}
                  (the person, as in lanchat who --json)
${COMMON_HELP}`,
  async run (ctx) {
    const contact = await ctx.client().post<Contact>('/api/unblock', { peer: target(ctx, 'unblock') })
    ctx.out(ctx.json ? JSON.stringify(contact) : `unblocked ${terminalSafe(contact.name)} (${contact.peerId})`)
    return 0
  }
}

export const forget: Command = {
  name: 'forget',
  summary: 'forget a stranger and the conversation with them',
  json: true,
  help: `usage: lanchat forget NAME|PEERID [--json] [--profile DIR]

Removes a person who is not verified by the index server (a message request,
a LAN peer, a stranger you wrote to) from your lists, and deletes the whole
conversation with them, including messages of yours still waiting to go.
Colleagues registered at the index server stay in the directory: block them
instead. If they write again, they come back as a request.

${JSON_HELP}
                  ({peerId, messages}: how many messages were deleted)
${COMMON_HELP}`,
  async run (ctx) {
    const who = target(ctx, 'forget')
    const result = await ctx.client().post<{ peerId: string, messages: number }>('/api/forget', { peer: who })
    ctx.out(ctx.json ? JSON.stringify(result) : `forgot ${terminalSafe(who)} (${result.peerId}) and ${result.messages} message${result.messages === 1 ? '' : 's'}`)
    return 0
  }
}
