/**
 * `lanchat doctor [NAME]`: why can't I see someone? Checks, in order, the
 * index server (UDP, libp2p), my own listen addresses, and for NAME: known,
 * online, addresses, TCP to each, Noise with the expected PeerId, round trip,
 * mDNS; each result in plain words with the fix. Exit 1 when a check failed.
 *
 *   ✓ index server over UDP      10.0.0.5:47470 answered in 2 ms
 *   ✗ TCP to bob                 no answer from 10.0.0.7:47472 within 3 s
 *     fix: a firewall on bob's computer drops TCP port 47472; open it
 */
import type { DoctorReport } from '../types.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import type { Command } from './command.js'
import { UsageError } from './errors.js'
import { paint, terminalSafe } from './format.js'

const MARK = { ok: '✓', fail: '✗', warn: '!', skip: '-' } as const

export const doctor: Command = {
  name: 'doctor',
  summary: 'check why someone (or the index server) cannot be reached, with the fix',
  json: true,
  help: `usage: lanchat doctor [NAME] [--json] [--profile DIR]

Without NAME, checks the index server (over UDP and libp2p) and whether
others can reach this computer. With NAME, also checks that NAME is known
and online, that each of NAME's addresses answers over TCP, that Noise
completes with NAME's PeerId, the round-trip time, and whether NAME was
seen by mDNS. Each problem comes with what to do. Exit code 1 when a check
failed.

${JSON_HELP}
                  ({target, ok, checks: [{check, result, detail, fix?}]})
${COMMON_HELP}`,
  async run (ctx) {
    if (ctx.positionals.length > 1) throw new UsageError('doctor takes at most one NAME', 'doctor')
    const [name] = ctx.positionals
    const report = await ctx.client().get<DoctorReport>('/api/doctor', { name })
    if (ctx.json) {
      ctx.out(JSON.stringify(report))
    } else {
      const width = Math.max(...report.checks.map(c => c.check.length))
      for (const c of report.checks) {
        const mark = c.result === 'ok' ? paint('green', MARK.ok, ctx.io.stdout) : c.result === 'fail' ? paint('red', MARK.fail, ctx.io.stdout) : MARK[c.result]
        ctx.out(`${mark} ${c.check.padEnd(width)}  ${terminalSafe(c.detail)}`)
        if (c.fix != null && c.result !== 'ok') ctx.out(`  ${' '.repeat(width)}  fix: ${terminalSafe(c.fix)}`)
      }
      ctx.out(report.ok ? 'no problem found' : 'problems found: see the fixes above')
    }
    return report.ok ? 0 : 1
  }
}
