/**
 * `npm run bench`: lanchat against its floors and the classic design, in one
 * run on this machine (127.0.0.1 only, plus network namespaces for the LAN
 * part when run as root). Prints a table (scenario, lanchat, floor, ratio,
 * target, met?) and writes it as JSON under bench/results/.
 *
 *   npm run bench                      full run (under 4 minutes)
 *   npm run bench -- --quick           tiny counts, seconds (CI)
 *   npm run bench -- --only floors,direct   some scenarios only (while working on them)
 *
 * Every loop is bounded in count and time; every process started is stopped
 * by its PID, also when a scenario fails.
 */
import { resolve } from 'node:path'
import { stopAllDaemons } from '../test/helpers/daemon-process.js'
import { ROOT, removeTempDirs, stopAllIndexes } from '../test/helpers/index-process.js'
import { Bench } from './lib/context.js'
import { stopAllChildren } from './lib/procs.js'
import { describeMachine, machine, textTable, writeReport } from './report.js'
import { direct } from './scenarios/direct.js'
import { files } from './scenarios/files.js'
import { floors } from './scenarios/floors.js'
import { groups } from './scenarios/groups.js'
import { lan } from './scenarios/lan.js'
import { memory } from './scenarios/memory.js'
import { office } from './scenarios/office.js'
import { presence } from './scenarios/presence.js'
import { relay } from './scenarios/relay.js'
import { search } from './scenarios/search.js'
import type { Report } from './report.js'

const SCENARIOS: Record<string, (b: Bench) => Promise<void>> = {
  floors,
  direct,
  relay,
  presence,
  memory,
  search,
  groups,
  files,
  lan,
  office
}

async function main (): Promise<number> {
  const argv = process.argv.slice(2)
  const quick = argv.includes('--quick')
  const onlyAt = argv.indexOf('--only')
  const only = onlyAt >= 0 ? argv[onlyAt + 1]?.split(',') : undefined
  const b = new Bench(quick)
  const m = machine()
  const started = new Date()
  process.stderr.write(`lanchat bench${quick ? ' (quick)' : ''}: ${describeMachine(m)}\n`)
  if (only != null && !only.includes('floors')) process.stderr.write('  (floors not measured in this run: no ratios)\n')
  let failed = 0
  for (const [name, run] of Object.entries(SCENARIOS)) {
    if (only != null && !only.includes(name)) continue
    const t = performance.now()
    process.stderr.write(`== ${name}\n`)
    try {
      await run(b)
    } catch (err) {
      failed++
      b.note(`${name} failed: ${(err as Error).message.split('\n')[0]}`)
    } finally {
      await stopAllChildren()
      await stopAllDaemons()
      await stopAllIndexes()
      // the scenario's profiles, downloads and generated files (LANCHAT_KEEP_TEMP=1 keeps them)
      removeTempDirs()
    }
    process.stderr.write(`   (${((performance.now() - t) / 1000).toFixed(1)} s)\n`)
  }
  const report: Report = {
    command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    quick,
    partial: only != null,
    startedAt: started.toISOString(),
    durationS: (Date.now() - started.getTime()) / 1000,
    machine: m,
    rows: b.rows,
    notes: b.notes
  }
  process.stdout.write(`\n${textTable(b.rows)}`)
  for (const n of b.notes) process.stdout.write(`- ${n}\n`)
  const path = writeReport(resolve(ROOT, 'bench/results'), report)
  process.stdout.write(`\n${describeMachine(m)}; ${report.durationS.toFixed(0)} s; written to ${path}\n`)
  return failed > 0 ? 1 : 0
}

main().then((code) => { process.exitCode = code }, async (err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`)
  await stopAllChildren()
  await stopAllDaemons()
  await stopAllIndexes()
  process.exitCode = 1
})
