/**
 * `lanchat groups` (the groups I am in) and `lanchat group create|add|
 * remove|admin|rename|leave|members ...` (one group); `send --group` and
 * `history --group` are in send.ts and history.ts and use the helpers here.
 *
 * @example
 * ```sh
 * lanchat group create lunch bob carol
 * lanchat groups --json     # [{id, name, members, admins, version, ...}]
 * ```
 */
import type { GroupInfo, GroupMessage, GroupSendResult } from '../types.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import type { Command, CommandContext } from './command.js'
import { UsageError } from './errors.js'
import { dateTime, stateBadge, terminalSafe } from './format.js'

/** The API path of one group (named by name or id). */
export function groupPath (group: string, rest = ''): string {
  return `/api/groups/${encodeURIComponent(group)}${rest}`
}

function groupLine (g: GroupInfo): string {
  const unread = g.unread > 0 ? `  [${g.unread} unread]` : ''
  // the everyone room has no admins: nobody changes it
  const admins = g.admins.length === 0 ? '' : `; admin${g.admins.length === 1 ? '' : 's'}: ${g.admins.map(a => terminalSafe(a)).join(', ')}`
  return `${terminalSafe(g.name)}  ${g.members.length} member${g.members.length === 1 ? '' : 's'}: ${g.members.map(m => terminalSafe(m)).join(', ')}${admins}${unread}`
}

export const groups: Command = {
  name: 'groups',
  summary: 'list the groups you are in',
  json: true,
  help: `usage: lanchat groups [--json] [--profile DIR]

Lists the groups you are in, by name: members, admins, unread posts.

${JSON_HELP}
                  (an array of {id, name, members, admins, version,
                  memberPeerIds, adminPeerIds, member, unread})
${COMMON_HELP}`,
  async run (ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`groups takes no arguments, but got "${ctx.positionals[0]}"`, 'groups')
    const list = await ctx.client().get<GroupInfo[]>('/api/groups')
    if (ctx.json) {
      ctx.out(JSON.stringify(list))
      return 0
    }
    if (list.length === 0) ctx.out('you are in no group yet; lanchat group create NAME MEMBER... makes one')
    for (const g of list) ctx.out(groupLine(g))
    return 0
  }
}

const ACTIONS = ['create', 'add', 'remove', 'admin', 'rename', 'leave', 'members'] as const
type Action = typeof ACTIONS[number]

async function act (ctx: CommandContext, action: Action, group: string, rest: string[]): Promise<GroupInfo> {
  const client = ctx.client()
  const need = (what: string): void => { if (rest.length === 0) throw new UsageError(`group ${action} needs ${what}`, 'group') }
  const none = (): void => { if (rest.length > 0) throw new UsageError(`group ${action} takes only the group's NAME, but also got "${rest[0]}"`, 'group') }
  switch (action) {
    case 'create': return await client.post<GroupInfo>('/api/groups', { name: group, members: rest })
    case 'add':
    case 'remove':
    case 'admin':
      need('at least one MEMBER')
      return await client.post<GroupInfo>(groupPath(group, `/${action}`), { people: rest })
    case 'rename':
      need('the NEW name')
      if (rest.length > 1) throw new UsageError('group rename takes one NEW name (quote it if it has spaces)', 'group')
      return await client.post<GroupInfo>(groupPath(group, '/rename'), { name: rest[0] })
    case 'leave':
      none()
      return await client.post<GroupInfo>(groupPath(group, '/leave'), {})
    case 'members':
      none()
      return await client.get<GroupInfo>(groupPath(group))
  }
}

const names = (list: string[]): string => list.map(n => terminalSafe(n)).join(', ')

const DONE: Record<Action, (g: GroupInfo) => string> = {
  create: g => `created ${terminalSafe(g.name)}: ${names(g.members)}`,
  add: g => `${terminalSafe(g.name)} now has ${g.members.length} members: ${names(g.members)}`,
  remove: g => `${terminalSafe(g.name)} now has ${g.members.length} members: ${names(g.members)}`,
  admin: g => `admins of ${terminalSafe(g.name)}: ${names(g.admins)}`,
  rename: g => `the group is now called ${terminalSafe(g.name)}`,
  leave: g => `you left ${terminalSafe(g.name)}; its history stays here`,
  members: g => g.members.map(m => `${terminalSafe(m)}${g.admins.includes(m) ? '  (admin)' : ''}`).join('\n')
}

export const group: Command = {
  name: 'group',
  summary: 'create a group, change it, leave it, list its members',
  json: true,
  help: `usage: lanchat group create NAME [MEMBER...]
       lanchat group add|remove|admin NAME MEMBER...
       lanchat group rename NAME NEW
       lanchat group leave NAME
       lanchat group members NAME
       (each with [--json] [--profile DIR])

A group is a conversation of up to 64 people; the one who creates it is its
admin, and admins add and remove members, rename it and name other admins.
Anyone leaves. NAME is the group's name (or its id, when two of your groups
share a name); a MEMBER is a person's name or PeerId.

${JSON_HELP}
                  (the group as lanchat groups --json lists it)
${COMMON_HELP}`,
  async run (ctx) {
    const [action, name, ...rest] = ctx.positionals
    if (action === undefined) throw new UsageError(`group needs what to do: ${ACTIONS.join(', ')}`, 'group')
    if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`group cannot "${action}"; it can ${ACTIONS.join(', ')}`, 'group')
    if (name === undefined) throw new UsageError(`group ${action} needs the group's NAME`, 'group')
    const g = await act(ctx, action as Action, name, rest)
    ctx.out(ctx.json ? JSON.stringify(g) : DONE[action as Action](g))
    return 0
  }
}

/** `lanchat send --group NAME TEXT` */
export async function sendToGroup (ctx: CommandContext, name: string, body: string): Promise<number> {
  const r = await ctx.client().post<GroupSendResult>(groupPath(name, '/messages'), { body })
  if (ctx.json) {
    ctx.out(JSON.stringify({ id: r.id, state: r.state, members: r.members, delivered: r.delivered }))
    return 0
  }
  const of = `${r.delivered} of ${r.members} member${r.members === 1 ? '' : 's'} of ${terminalSafe(name)}`
  if (r.members === 0) ctx.out(`nobody else is in ${terminalSafe(name)}: kept in its history`)
  else if (r.state === 'delivered' || r.state === 'read') ctx.out(r.members === 1 ? `delivered to the other member of ${terminalSafe(name)}` : `delivered to all ${r.members} other members of ${terminalSafe(name)}`)
  else if (r.state === 'relayed') ctx.out(`delivered to ${of}; the others are offline: relayed via the index server`)
  else ctx.out(`delivered to ${of}; queued for the others: sent when they or the index server are reachable`)
  return 0
}

/** the documented shape of `history --group --json`: one per post, oldest first */
export interface GroupHistoryEntry { id: string, from: string, group: string, body: string, sentAt: number, state: GroupMessage['state'] }

/** `lanchat history --group NAME` */
export async function groupHistory (ctx: CommandContext, name: string, limit: number | undefined): Promise<number> {
  const posts = await ctx.client().get<GroupMessage[]>(groupPath(name, '/messages'), { limit })
  if (ctx.json) {
    ctx.out(JSON.stringify(posts.map((p): GroupHistoryEntry => ({ id: p.id, from: p.from, group: p.group, body: p.body, sentAt: p.sentAt, state: p.state }))))
    return 0
  }
  if (posts.length === 0) ctx.out(`no messages in ${name} yet`)
  for (const p of posts) {
    const time = dateTime(p.sentAt)
    const badge = p.direction === 'out' ? `  ${stateBadge(p.state)}` : ''
    ctx.out(`${time}  ${terminalSafe(p.from)}: ${terminalSafe(p.body, ' '.repeat(time.length + 2))}${badge}`)
  }
  return 0
}
