/**
 * Sizes, rates and times of file transfers in words, the same in the CLI,
 * the daemon's refusals and the web client (no Node APIs here).
 *
 * @example
 * ```ts
 * formatBytes(1536)          // "1.5 KiB"
 * formatRate(12_500_000)     // "11.9 MiB/s"
 * formatDuration(95_000)     // "1:35"
 * ```
 */

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']

export function formatBytes (n: number): string {
  let v = n
  let u = 0
  while (v >= 1024 && u < UNITS.length - 1) { v /= 1024; u++ }
  if (u === 0) return n === 1 ? '1 byte' : `${n} bytes`
  return `${v.toFixed(v < 10 ? 1 : 0)} ${UNITS[u]}`
}

export function formatRate (bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond)).replace(' bytes', ' B').replace(' byte', ' B')}/s`
}

/** h:mm:ss or m:ss */
export function formatDuration (ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}
