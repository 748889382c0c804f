/**
 * The heap's growth rule while bulk data moves. The daemon runs with
 * `--heap-growing-percent=20` (RUNTIME_FLAGS, for its idle RSS): after each
 * full GC the next one comes once the heap, counting the memory behind
 * buffers, has grown by a fifth. A file transfer allocates buffers at
 * hundreds of MiB/s (decrypted and encrypted frames, disk reads), so under
 * that rule V8 ran a full GC every few MiB: about 200 per GiB on each side,
 * the largest cost of a transfer (`--cpu-prof`), which moved 59-90 MiB/s.
 * With 100 % steps while a transfer runs: 4 and 5 full GCs over two 1 GiB
 * transfers (V8's own rule, percent 0, was no faster in alternating runs,
 * and a receiver grew by up to 74.5 MiB under it, with a worker thread of
 * the time). V8 reads the flag at each GC, so it can be switched while the
 * process runs; it is switched back when the last transfer ends, and only in
 * a process started with the flag (tests that run the file service in their
 * own process are left as they are).
 *
 * @example
 * ```ts
 * const release = holdHeapGrowth()
 * try { await moveTheBytes() } finally { release() }
 * ```
 */
import { setFlagsFromString } from 'node:v8'

const FLAG = '--heap-growing-percent'
/** While a transfer runs: the heap may double before the next full GC. */
export const TRANSFER_HEAP_GROWING_PERCENT = 100

/**
 * Holds on the growth rule of one process: the first hold sets the transfer
 * rule, the last release sets back the value the process was started with
 * (in `execArgv`); without one, holds change nothing.
 */
export function heapGrowthHolds (execArgv: readonly string[], setFlags: (flags: string) => void): () => () => void {
  const configured = execArgv.find(a => a.startsWith(`${FLAG}=`))
  let holders = 0
  return () => {
    if (configured == null) return () => {}
    if (holders++ === 0) setFlags(`${FLAG}=${TRANSFER_HEAP_GROWING_PERCENT}`)
    let released = false
    return () => {
      if (released) return
      released = true
      if (--holders === 0) setFlags(configured)
    }
  }
}

/** This process's rule for the heap's growth is the transfer rule until the returned function is called (once per hold; holds nest). */
export const holdHeapGrowth = heapGrowthHolds(process.execArgv, setFlagsFromString)
