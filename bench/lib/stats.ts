/** Percentiles and the small formatting helpers every scenario uses. */

/** The p-th percentile (nearest rank) of `values`; NaN for none. */
export function pct (values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))]
}

export function median (values: number[]): number {
  return pct(values, 50)
}

export interface Latency {
  p50: number
  p99: number
  n: number
}

export function latency (ms: number[]): Latency {
  return { p50: pct(ms, 50), p99: pct(ms, 99), n: ms.length }
}

/** Milliseconds with a sensible number of digits (µs below 1 ms). */
export function fmtMs (ms: number): string {
  if (!Number.isFinite(ms)) return '—'
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`
  if (ms < 100) return `${ms.toFixed(2)} ms`
  return `${ms.toFixed(0)} ms`
}

export function fmtLatency (l: Latency): string {
  return `${fmtMs(l.p50)} / ${fmtMs(l.p99)}`
}

export function fmtRate (perSecond: number, unit = 'msg/s'): string {
  if (!Number.isFinite(perSecond)) return '—'
  return `${Math.round(perSecond).toLocaleString('en-US')} ${unit}`
}

export function fmtMiB (mib: number): string {
  return `${mib.toFixed(1)} MiB`
}

export function fmtKiB (kib: number): string {
  return `${Math.round(kib)} KiB`
}

/** Resolves after `ms` (only for settling memory before a reading, never to wait for an outcome). */
export async function settle (ms: number): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, ms))
}

/**
 * Runs `once` up to `count` times or until `budgetMs` has passed (at least
 * `min` times), sequentially; resolves with each run's duration in ms.
 */
export async function timed (count: number, budgetMs: number, once: (i: number) => Promise<void>, min = 5): Promise<number[]> {
  const out: number[] = []
  const deadline = performance.now() + budgetMs
  for (let i = 0; i < count; i++) {
    if (i >= min && performance.now() > deadline) break
    const t = performance.now()
    await once(i)
    out.push(performance.now() - t)
  }
  return out
}
