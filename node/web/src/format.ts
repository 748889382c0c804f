/**
 * Plain-text helpers for the views: day separators, times, and splitting a
 * message body into text and http(s) links. Views render the pieces as text
 * nodes and <a> elements; nothing here produces HTML.
 */

export type Piece = { text: string } | { link: string }

/** http(s) URLs only: any other scheme (javascript:, data:, file:) stays plain text. */
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi
/** Punctuation that ends a sentence rather than the URL ("see https://x.org/a."). */
const TRAILING = /[.,;:!?)\]}'"]+$/

export function linkify (text: string): Piece[] {
  const pieces: Piece[] = []
  let last = 0
  for (const match of text.matchAll(URL_RE)) {
    const url = match[0].replace(TRAILING, '')
    const start = match.index
    if (start > last) pieces.push({ text: text.slice(last, start) })
    pieces.push({ link: url })
    last = start + url.length
  }
  if (last < text.length) pieces.push({ text: text.slice(last) })
  return pieces
}

function startOfDay (ms: number): number {
  const d = new Date(ms)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
}

export function sameDay (a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b)
}

/** "Today", "Yesterday", or the date written out ("Monday, 5 January 2026"). */
export function dayLabel (ms: number, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / 86_400_000)
  if (days === 0) return 'Today'
  if (days === 1) return 'Yesterday'
  return new Date(ms).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
}

export function timeLabel (ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
}

/** "last seen 5 min ago" for offline people. */
export function lastSeen (ms: number, now = Date.now()): string {
  if (ms <= 0) return 'offline'
  const minutes = Math.round((now - ms) / 60_000)
  if (minutes < 1) return 'offline, seen just now'
  if (minutes < 60) return `offline, seen ${minutes} min ago`
  if (minutes < 24 * 60) return `offline, seen ${Math.round(minutes / 60)} h ago`
  return `offline, seen ${new Date(ms).toLocaleDateString()}`
}
