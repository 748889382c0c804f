/**
 * The heap's growth rule while transfers run (runtime/heap-growth.ts): the
 * first hold switches to the transfer rule, the last release back to the
 * value the process was started with; a process started without the flag
 * is left alone. (What the rule does to a transfer is measured by
 * `npm run bench`: full GCs per GiB and MiB/s, in README.)
 */
import { describe, expect, it } from 'vitest'
import { TRANSFER_HEAP_GROWING_PERCENT, heapGrowthHolds } from '../../runtime/heap-growth.js'
import { RUNTIME_FLAGS } from '../../runtime/node-version.js'

describe('heap growth holds', () => {
  it('switch once for nested holds and back once the last is released (twice releasing is harmless)', () => {
    const set: string[] = []
    const hold = heapGrowthHolds(['--max-semi-space-size=2', '--heap-growing-percent=20'], (f) => { set.push(f) })
    const a = hold()
    const b = hold()
    expect(set).toEqual([`--heap-growing-percent=${TRANSFER_HEAP_GROWING_PERCENT}`])
    a()
    a()
    expect(set).toHaveLength(1)
    b()
    expect(set).toEqual([`--heap-growing-percent=${TRANSFER_HEAP_GROWING_PERCENT}`, '--heap-growing-percent=20'])
    hold()()
    expect(set).toHaveLength(4)
  })

  it('change nothing in a process started without the flag (tests running the file service in their own process)', () => {
    const set: string[] = []
    const hold = heapGrowthHolds(['--max-semi-space-size=2'], (f) => { set.push(f) })
    hold()()
    expect(set).toEqual([])
  })

  it('restore what the daemon is started with', () => {
    expect(RUNTIME_FLAGS.lanchat).toContain('--heap-growing-percent=20')
  })
})
