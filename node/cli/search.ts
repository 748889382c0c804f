/**
 * `lanchat search TEXT...`: finds messages in every conversation, newest
 * first, each with when, the conversation, who wrote it, and an excerpt with
 * the matches highlighted (bold on a terminal, plain otherwise).
 *
 *   2026-11-05 09:31  bob  bob: …the VPN address is 10.0.0.5, call me
 */
import type { SearchResult } from '../types.js'
import { MAX_SEARCH_LIMIT } from '../store/search-limits.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import type { Command, CommandContext } from './command.js'
import { UsageError } from './errors.js'
import { dateTime, paint, terminalSafe } from './format.js'

/** the documented shape of `search --json`: one of these per hit, newest first */
export interface SearchEntry {
  id: string
  conversation: string
  from: string
  sentAt: number
  body: string
  snippet: string
  /** on a post in a group: the group's id */
  groupId?: string
}

/** "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (also with a T), local time, as ms since the epoch. */
export function parseDate (text: string, flag: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(text.trim())
  const ms = m === null ? NaN : new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)).getTime()
  if (m === null || Number.isNaN(ms) || new Date(ms).getDate() !== Number(m[3])) {
    throw new UsageError(`${flag} takes a date like 2026-11-05 or "2026-11-05 14:30", not "${text}"`, 'search')
  }
  return ms
}

/** The snippet, with its matches in bold when stdout is a terminal (styleText decides). */
function highlighted (hit: SearchResult, ctx: CommandContext): string {
  let out = ''
  let at = 0
  for (const [start, end] of hit.matches) {
    out += terminalSafe(hit.snippet.slice(at, start)) + paint(['bold', 'underline'], terminalSafe(hit.snippet.slice(start, end)), ctx.io.stdout)
    at = end
  }
  return out + terminalSafe(hit.snippet.slice(at))
}

export const search: Command = {
  name: 'search',
  summary: 'find messages in every conversation',
  json: true,
  options: { with: { type: 'string' }, group: { type: 'string' }, before: { type: 'string' }, after: { type: 'string' }, limit: { type: 'string' } },
  help: `usage: lanchat search TEXT... [--with NAME] [--group NAME] [--before DATE] [--after DATE]
                      [--limit N] [--json] [--profile DIR]

Finds the messages, in all your conversations, that contain every word of
TEXT (anywhere, also inside words; case does not matter), newest first. Put
the text in double quotes (inside single quotes for the shell) to find it as
one phrase: lanchat search '"lunch at noon"'.

  --with NAME     only the conversation with NAME (or a PeerId)
  --group NAME    only the conversation of a group
  --before DATE   only messages sent before DATE (2026-11-05 or "2026-11-05 14:30")
  --after DATE    only messages sent after DATE
  --limit N       at most N messages (1 to ${MAX_SEARCH_LIMIT}; default 20)
${JSON_HELP}
                  (an array of {id, conversation, from, sentAt, body, snippet}, and
                  groupId on a post in a group (conversation is the group's name),
                  newest first)
${COMMON_HELP}`,
  async run (ctx) {
    if (ctx.positionals.length === 0) throw new UsageError('search needs the TEXT to look for', 'search')
    const text = ctx.positionals.join(' ')
    const limit = ctx.values.limit
    if (limit !== undefined && (!/^[0-9]+$/.test(String(limit)) || Number(limit) < 1 || Number(limit) > MAX_SEARCH_LIMIT)) {
      throw new UsageError(`--limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`, 'search')
    }
    const query: Record<string, string | number | undefined> = {
      q: text,
      with: ctx.values.with as string | undefined,
      group: ctx.values.group as string | undefined,
      before: ctx.values.before !== undefined ? parseDate(String(ctx.values.before), '--before') : undefined,
      after: ctx.values.after !== undefined ? parseDate(String(ctx.values.after), '--after') : undefined,
      limit: limit as string | undefined
    }
    const hits = await ctx.client().get<SearchResult[]>('/api/search', query)
    if (ctx.json) {
      const entries: SearchEntry[] = hits.map(h => ({ id: h.id, conversation: h.conversation, from: h.from, sentAt: h.sentAt, body: h.body, snippet: h.snippet, ...(h.groupId !== undefined ? { groupId: h.groupId } : {}) }))
      ctx.out(JSON.stringify(entries))
      return 0
    }
    if (hits.length === 0) ctx.out(`no message contains ${JSON.stringify(terminalSafe(text))}`)
    const width = Math.max(0, ...hits.map(h => h.conversation.length))
    for (const hit of hits) {
      ctx.out(`${dateTime(hit.sentAt)}  ${terminalSafe(hit.conversation).padEnd(width)}  ${terminalSafe(hit.from)}: ${highlighted(hit, ctx)}`)
    }
    return 0
  }
}
