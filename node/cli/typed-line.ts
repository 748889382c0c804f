/**
 * What a line typed into `lanchat chat` (with a person or a group) means:
 * nothing, one of the few commands (lines starting with "/" are never
 * sent), or text to send ("//text" sends "/text").
 *
 * @example
 * ```ts
 * typedLine('//etc')    // { send: '/etc' }
 * typedLine('/quit')    // { quit: true }
 * typedLine('/frob')    // { say: ['there is no command /frob (not sent); ...'], warning: true }
 * ```
 */
import { terminalSafe } from './format.js'

/** What /help shows: lines starting with "/" are commands, never messages. */
export const CHAT_COMMANDS = [
  '/help          this list',
  '/quit          leave (or Ctrl-D)',
  '//text         send a message that starts with "/" ("/text")'
]

export type TypedLine =
  | { send: string }
  | { quit: true }
  | { say: string[], warning?: true }
  | { nothing: true }

export function typedLine (line: string): TypedLine {
  const body = line.trimEnd()
  if (body.trim() === '') return { nothing: true }
  if (body.startsWith('//')) return { send: body.slice(1) }
  if (!body.startsWith('/')) return { send: body }
  const [name] = body.trim().split(/\s+/)
  if (name === '/quit') return { quit: true }
  if (name === '/help') return { say: CHAT_COMMANDS.map(help => `  ${help}`) }
  return { say: [`there is no command ${terminalSafe(name)} (not sent); /help lists them, and //text sends a message that starts with "/"`], warning: true }
}
