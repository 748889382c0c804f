/**
 * `lanchat who`: the people list, online first; `--requests` the strangers
 * who wrote to me; `--blocked` the people I blocked.
 *
 *   ● bob     online   at my desk
 *   ○ dave    offline  (unverified)
 */
import type { Contact, ContactList } from '../types.js'
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
    contact.verified ? '' : '(unverified)',
    contact.claimedName !== '' && contact.claimedName !== contact.name ? `(calls itself ${JSON.stringify(terminalSafe(contact.claimedName))})` : ''
  ].filter(note => note !== '')
  const line = `${contact.name.padEnd(nameWidth)}  ${contact.status.padEnd(7)}  ${notes.join('  ')}`.trimEnd()
  // offline people are greyed, as the classic messengers grey the avatar
  return `${statusMark(contact.status, ctx.io.stdout)} ${contact.online ? line : paint('gray', line, ctx.io.stdout)}`
}

const EMPTY: Record<Exclude<ContactList, 'all'>, string> = {
  people: 'nobody is known yet',
  requests: 'no message requests',
  blocked: 'nobody is blocked'
}

export const who: Command = {
  name: 'who',
  summary: 'list the people the daemon knows and their status',
  json: true,
  options: { requests: { type: 'boolean' }, blocked: { type: 'boolean' } },
  help: `usage: lanchat who [--requests | --blocked] [--json] [--profile DIR]

Lists the people list, online first: colleagues the index server verified,
peers found on your own network segment, and strangers you wrote to.
"(unverified)" marks a name the index server has not confirmed. Someone
whose own name is taken by a registered colleague (or breaks the name rules)
is shown as "unverified-" and the end of their PeerId.

  --requests      strangers who wrote to you and whom you have not answered;
                  answer one with lanchat send PEERID TEXT, or block or forget it
  --blocked       the people you blocked (lanchat unblock NAME|PEERID)
${JSON_HELP}
                  (an array of {name, peerId, online, status, statusText};
                  GET /api/contacts also gives verified, trust, claimedName)
${COMMON_HELP}`,
  async run (ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`who takes no arguments, but got "${ctx.positionals[0]}"`, 'who')
    if (ctx.values.requests === true && ctx.values.blocked === true) throw new UsageError('choose one of --requests and --blocked', 'who')
    const list: Exclude<ContactList, 'all'> = ctx.values.requests === true ? 'requests' : ctx.values.blocked === true ? 'blocked' : 'people'
    const contacts = await ctx.client().get<Contact[]>('/api/contacts', list === 'people' ? {} : { list })
    if (ctx.json) {
      const entries: WhoEntry[] = contacts.map(c => ({ name: c.name, peerId: c.peerId, online: c.online, status: c.status, statusText: c.statusText }))
      ctx.out(JSON.stringify(entries))
      return 0
    }
    if (contacts.length === 0) {
      ctx.out(EMPTY[list])
      return 0
    }
    const width = Math.max(...contacts.map(c => c.name.length))
    for (const contact of contacts) ctx.out(row(contact, width, ctx) + (list === 'people' ? '' : `  ${contact.peerId}`))
    return 0
  }
}
