/**
 * One open group in the terminal (`lanchat chat --group NAME`): the last
 * posts, then live ones from the event stream (marked read as they are
 * shown), each line typed sent to the group, and how far my posts got
 * ("delivered to 3 of 4", then "delivered to all 4", "read by all 4").
 * Lines from a pipe are sent one by one and the session ends at EOF once
 * they are all sent. Who starts typing is shown as a line (this session
 * does not send my own typing).
 *
 * @example
 * ```ts
 * const code = await new GroupChatSession(client, 'lunch', io).run()
 * ```
 */
import type { DaemonEvent, DaemonStatus, GroupInfo, GroupMessage, GroupProgress, GroupSendResult } from '../types.js'
import type { ApiClient } from './api-client.js'
import { CHAT_BACKLOG } from './chat-session.js'
import type { Io } from './command.js'
import { shortTime, stateBadge, terminalSafe } from './format.js'
import { groupPath } from './groups.js'
import { LineSession } from './line-session.js'

const PROMPT = '› '

function snippet (body: string): string {
  const flat = terminalSafe(body.replace(/\s+/g, ' '))
  return flat.length > 40 ? flat.slice(0, 39) + '…' : flat
}

/** "delivered to 3 of 4", "delivered to all 4", "read by all 4", or the state's badge. */
function progressWords (p: Pick<GroupProgress, 'state' | 'members' | 'delivered' | 'read'>): string {
  if (p.members === 0) return stateBadge('delivered')
  if (p.read === p.members) return `✓✓ read by all ${p.members}`
  if (p.delivered === p.members) return `✓ delivered to all ${p.members}${p.read > 0 ? `, read by ${p.read}` : ''}`
  return `${stateBadge(p.state)} (delivered to ${p.delivered} of ${p.members})`
}

export class GroupChatSession extends LineSession {
  private readonly client: ApiClient
  private readonly name: string
  private group: GroupInfo | undefined
  private me: DaemonStatus | undefined
  private readonly shown = new Set<string>()
  /** my posts: body and the progress words last shown */
  private readonly mine = new Map<string, { body: string, words: string }>()

  constructor (client: ApiClient, name: string, io: Io) {
    super(io)
    this.client = client
    this.name = name
  }

  /** Runs until /quit, Ctrl-D, EOF, leaving the group or a lost daemon; resolves with the exit code. */
  async run (): Promise<number> {
    this.me = await this.client.get<DaemonStatus>('/api/status')
    const group = await this.client.get<GroupInfo>(groupPath(this.name))
    this.group = group
    await this.follow(this.client, async () => {
      const backlog = await this.client.get<GroupMessage[]>(groupPath(group.id, '/messages'), { limit: CHAT_BACKLOG })
      this.show(`${terminalSafe(group.name)}: ${group.members.map(m => terminalSafe(m)).join(', ')}; /quit or Ctrl-D to leave`)
      for (const post of backlog) this.showPost(post)
      await this.client.post(groupPath(group.id, '/read'), {})
    })
    return await this.converse()
  }

  private async converse (): Promise<number> {
    await this.readLines(PROMPT)
    this.closeEvents?.()
    return this.exitCode
  }

  protected async send (body: string): Promise<void> {
    const group = this.group
    if (group === undefined) return
    try {
      const r = await this.client.post<GroupSendResult>(groupPath(group.id, '/messages'), { body })
      const now = Date.now()
      this.showPost({ id: r.id, from: this.me?.name ?? 'me', group: group.name, groupId: group.id, body, sentAt: now, state: r.state, direction: 'out', peerId: this.me?.peerId ?? '', receivedAt: now }, progressWords({ ...r, read: 0 }))
    } catch (err) {
      this.warn(`could not send "${snippet(body)}": ${(err as Error).message}`)
    }
  }

  protected onEvent (event: DaemonEvent): void {
    const id = this.group?.id
    switch (event.type) {
      case 'group-message': {
        const p = event.message
        // my own posts are shown when their send answers
        if (p.groupId !== id || p.direction !== 'in' || this.shown.has(p.id)) return
        this.showPost(p)
        this.client.post(groupPath(p.groupId, '/read'), { ids: [p.id] }).catch((err: Error) => { this.warn(`could not mark a post read: ${err.message}`) })
        return
      }
      case 'group-state': {
        const mine = this.mine.get(event.progress.id)
        if (event.progress.groupId !== id || mine === undefined) return
        const words = progressWords(event.progress)
        if (words === mine.words) return
        mine.words = words
        this.show(`  ${words}: ${snippet(mine.body)}`)
        return
      }
      case 'typing':
        if (event.group !== id || !event.on) return
        this.show(`${terminalSafe(event.name)} is typing…`)
        return
      case 'group':
        if (event.group.id !== id) return
        if (!event.group.member) {
          this.show(`you are no longer in ${terminalSafe(event.group.name)}; the chat is closed`)
          this.rl?.close()
        } else if (event.group.name !== this.group?.name || event.group.members.join() !== this.group?.members.join()) {
          this.group = event.group
          this.show(`${terminalSafe(event.group.name)} now: ${event.group.members.map(m => terminalSafe(m)).join(', ')}`)
        }
    }
  }

  private showPost (p: GroupMessage, words?: string): void {
    this.shown.add(p.id)
    const time = shortTime(p.sentAt)
    const badge = p.direction === 'out' ? `  ${words ?? stateBadge(p.state)}` : ''
    if (p.direction === 'out') this.mine.set(p.id, { body: p.body, words: words ?? '' })
    this.show(`${time}  ${terminalSafe(p.from)}: ${terminalSafe(p.body, ' '.repeat(time.length + 2))}${badge}`)
  }

}
