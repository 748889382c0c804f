/**
 * The benchmark's output: one row per figure (scenario, lanchat, floor,
 * ratio, target, met?), printed as a table on stdout and written as JSON
 * under bench/results/ with the machine's description.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, release } from 'node:os'
import { join } from 'node:path'

export interface Row {
  scenario: string
  /** lanchat's figure, formatted */
  lanchat: string
  /** the floor or baseline it is compared with, formatted ('' when none) */
  floor: string
  /** lanchat / floor, when both are numbers of the same unit */
  ratio?: number
  /** the target in words ('' when none) */
  target: string
  /** whether the target is met; undefined when there is no target */
  met?: boolean
  /** how it was measured (counts, what is compared) */
  note: string
  /** the raw numbers behind the row (ms, msg/s, MiB ...) */
  values: Record<string, number | string | null>
}

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  node: string
  kernel: string
}

export function machine (): Machine {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release()
  }
}

export function describeMachine (m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}`
}

export function fmtRatio (r: number | undefined): string {
  if (r == null || !Number.isFinite(r)) return ''
  return `${r < 10 ? r.toFixed(2) : r.toFixed(0)}x`
}

function metText (met: boolean | undefined): string {
  return met == null ? '' : met ? 'yes' : 'NO'
}

const HEAD = ['scenario', 'lanchat', 'floor', 'ratio', 'target', 'met?']

function cells (r: Row): string[] {
  return [r.scenario, r.lanchat, r.floor, fmtRatio(r.ratio), r.target, metText(r.met)]
}

/** A plain-text table for the terminal. */
export function textTable (rows: Row[]): string {
  const all = [HEAD, ...rows.map(cells)]
  const widths = HEAD.map((_, i) => Math.max(...all.map(c => c[i].length)))
  return all.map(c => c.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n'
}

/** The same table in Markdown (for the README). */
export function markdownTable (rows: Row[]): string {
  const line = (c: string[]): string => `| ${c.map(v => v.replaceAll('|', '\\|')).join(' | ')} |`
  return [line(HEAD), line(HEAD.map(() => '---')), ...rows.map(r => line(cells(r)))].join('\n') + '\n'
}

export interface Report {
  command: string
  quick: boolean
  /** only some scenarios ran (--only) */
  partial?: boolean
  startedAt: string
  durationS: number
  machine: Machine
  rows: Row[]
  notes: string[]
}

/** Writes the report as JSON; resolves with the path. Full runs (all scenarios, not --quick) also update latest.json and latest.md. */
export function writeReport (dir: string, report: Report): string {
  mkdirSync(dir, { recursive: true })
  if (report.quick) {
    const path = join(dir, 'quick.json')
    writeFileSync(path, JSON.stringify(report, null, 2) + '\n')
    return path
  }
  const stamp = report.startedAt.replaceAll(':', '').replace(/\.\d+Z$/, 'Z')
  const path = join(dir, `bench-${stamp}.json`)
  writeFileSync(path, JSON.stringify(report, null, 2) + '\n')
  if (report.partial === true) return path
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n')
  writeFileSync(join(dir, 'latest.md'), `Command: \`${report.command}\`  \nMachine: ${describeMachine(report.machine)}  \nRun: ${report.startedAt}, ${report.durationS.toFixed(0)} s\n\n${markdownTable(report.rows)}\n${report.notes.map(n => `- ${n}`).join('\n')}\n`)
  return path
}
