/**
 * How the CLI shows things to a person: status marks, message states in
 * words, times. Colors only when stdout is a terminal (and NO_COLOR is not
 * set), which node:util's styleText decides.
 */
import { styleText } from 'node:util'
import type { ChatMessage, ExpiryReason, MessageState, PresenceStatus } from '../types.js'

/** Why a message expired, in words. */
export const EXPIRY_WORDS: Record<ExpiryReason, string> = {
  retention: 'not fetched in time: the index server keeps messages for a limited time',
  released: 'the administrator released the name it was for',
  refused: "the recipient's daemon refused it"
}

type Style = Parameters<typeof styleText>[0]

export function paint (style: Style, text: string, stream: NodeJS.WritableStream): string {
  return styleText(style, text, { stream })
}

const MARKS: Record<PresenceStatus, [string, Style]> = {
  online: ['●', 'green'],
  away: ['◐', 'yellow'],
  busy: ['◉', 'red'],
  offline: ['○', 'gray']
}

/** a colored dot and the status word, e.g. "● online" */
export function statusMark (status: PresenceStatus, stream: NodeJS.WritableStream): string {
  const [mark, color] = MARKS[status] ?? MARKS.offline
  return paint(color, mark, stream)
}

/** the state of one of my messages, short, e.g. "✓ delivered" ("" for incoming ones) */
export function stateBadge (state: MessageState, reason?: ExpiryReason): string {
  switch (state) {
    case 'queued': return '… queued'
    case 'relayed': return '↑ relayed'
    case 'expired': return `✗ expired (${EXPIRY_WORDS[reason ?? 'retention']}; lanchat resend ID to send it again)`
    case 'delivered': return '✓ delivered'
    case 'read': return '✓✓ read'
    default: return ''
  }
}

/** what `lanchat send` says happened */
export function sendOutcome (to: string, state: MessageState): string {
  switch (state) {
    case 'delivered': return `delivered to ${to}`
    case 'read': return `delivered to ${to} and read`
    case 'relayed': return `${to} is offline: relayed via the index server`
    case 'queued': return `queued: will be sent when ${to} or the index server is reachable`
    default: return `sent to ${to} (${state})`
  }
}

function pad (n: number): string {
  return String(n).padStart(2, '0')
}

/** local "YYYY-MM-DD HH:MM" */
export function dateTime (ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** local "HH:MM" for today, else the date too */
export function shortTime (ms: number, now = Date.now()): string {
  const full = dateTime(ms)
  return full.slice(0, 10) === dateTime(now).slice(0, 10) ? full.slice(11) : full
}

/**
 * Text from other people, made safe for a terminal: control characters
 * (escape sequences could move the cursor, retitle the window or fake
 * output) become U+FFFD; line breaks are kept and indented by `indent`.
 */
export function terminalSafe (text: string, indent = ''): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd').replaceAll('\n', '\n' + indent)
}

/** one message as a line: "09:31  bob: hello" plus the state of my own ones */
export function messageLine (message: ChatMessage, time: string): string {
  const badge = message.direction === 'out' ? stateBadge(message.state, message.reason).replace(' ID ', ` ${message.id} `) : ''
  const head = `${time}  ${terminalSafe(message.from)}: `
  return `${head}${terminalSafe(message.body, ' '.repeat(time.length + 2))}${badge !== '' ? `  ${badge}` : ''}`
}
