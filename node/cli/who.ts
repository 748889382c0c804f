/**
 * `lanchat who`: everyone the daemon knows, online first.
 *
 *   ● bob     online   at my desk
 *   ○ dave    offline  (unverified)
 */
import type { Contact } from '../types.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import type { Command, CommandContext } from './command.js'
import { UsageError } from './errors.js'
import { paint, statusMark, terminalSafe } from './format.js'

/** the documented shape of `who --json`: one of these per person */
export interface WhoEntry {
  name: string
  peerId: string
  online: boolean
  status: Contact['status']
  statusText: string
}

function row (contact: Contact, nameWidth: number, ctx: CommandContext): string {
  const notes = [
    contact.statusText !== '' ? terminalSafe(contact.statusText) : '',
    contact.unread > 0 ? `(${contact.unread} unread)` : '',
    contact.verified ? '' : '(unverified)'
  ].filter(note => note !== '')
  const line = `${contact.name.padEnd(nameWidth)}  ${contact.status.padEnd(7)}  ${notes.join('  ')}`.trimEnd()
  // offline people are greyed, as the classic messengers grey the avatar
  return `${statusMark(contact.status, ctx.io.stdout)} ${contact.online ? line : paint('gray', line, ctx.io.stdout)}`
}

export const who: Command = {
  name: 'who',
  summary: 'list the people the daemon knows and their status',
  json: true,
  help: `usage: lanchat who [--json] [--profile DIR]

Lists everyone the daemon knows, online first. "(unverified)" marks a name
learned only from the LAN and not yet confirmed by the index server.

${JSON_HELP}
                  (an array of {name, peerId, online, status, statusText})
${COMMON_HELP}`,
  async run (ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`who takes no arguments, but got "${ctx.positionals[0]}"`, 'who')
    const contacts = await ctx.client().get<Contact[]>('/api/contacts')
    if (ctx.json) {
      const entries: WhoEntry[] = contacts.map(c => ({ name: c.name, peerId: c.peerId, online: c.online, status: c.status, statusText: c.statusText }))
      ctx.out(JSON.stringify(entries))
      return 0
    }
    if (contacts.length === 0) {
      ctx.out('nobody is known yet')
      return 0
    }
    const width = Math.max(...contacts.map(c => c.name.length))
    for (const contact of contacts) ctx.out(row(contact, width, ctx))
    return 0
  }
}
