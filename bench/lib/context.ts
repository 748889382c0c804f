/**
 * What every scenario gets: the counts for this run (full or --quick), the
 * rows and notes collected so far, and the floors measured earlier in the
 * same run (so lanchat's figures are compared with numbers from minutes ago,
 * not from another day).
 */
import type { Row } from '../report.js'
import type { Latency } from './stats.js'

export interface Counts {
  /** round trips per floor */
  floorRtt: number
  /** one-way messages per floor */
  floorOneWay: number
  /** sequential direct sends (in process) */
  directRtt: number
  /** sequential direct sends through the HTTP API */
  httpRtt: number
  /** pipelined direct sends */
  throughput: number
  /** sequential sends to an offline peer */
  relayRtt: number
  /** envelopes waiting at login */
  backlog: number
  /** presence fan-out sizes */
  presence: number[]
  /** joins and leaves timed per fan-out size (each) */
  presenceEvents: number
  /** clients in the login storm */
  storm: number
  /** peer connections to one daemon */
  connections: number
  /** start-ups timed per program */
  starts: number
  /** round trips in the LAN test bed */
  lanRtt: number
  /** everyone room sizes: [registered, online] */
  room: Array<[number, number]>
  /** posts timed per room size and in the named group (each) */
  groupPosts: number
  /** members of the named group, the sender included */
  groupMembers: number
  /** offline members of a post whose relay bytes are measured */
  groupOffline: number
  /** size of the big file sent daemon to daemon, MiB */
  fileMiB: number
  /** timed runs of the big file (and of its libp2p floors, alternating); the row is their median: five, as single runs on the shared 2 cores vary by up to 2x (the floor too) */
  fileRuns: number
  /** small files (4 KiB) in one offer, and timed runs of it */
  smallFiles: number
  smallRuns: number
}

export const FULL: Counts = {
  floorRtt: 3000,
  floorOneWay: 30_000,
  directRtt: 1000,
  httpRtt: 500,
  throughput: 10_000,
  relayRtt: 300,
  backlog: 10_000,
  presence: [100, 500],
  presenceEvents: 3,
  storm: 200,
  connections: 50,
  starts: 3,
  lanRtt: 1000,
  room: [[200, 200], [500, 400]],
  groupPosts: 20,
  groupMembers: 20,
  groupOffline: 100,
  fileMiB: 1024,
  fileRuns: 5,
  smallFiles: 1000,
  smallRuns: 3
}

export const QUICK: Counts = {
  floorRtt: 50,
  floorOneWay: 1000,
  directRtt: 30,
  httpRtt: 20,
  throughput: 200,
  relayRtt: 10,
  backlog: 100,
  presence: [20],
  presenceEvents: 1,
  storm: 10,
  connections: 5,
  starts: 1,
  lanRtt: 30,
  room: [[8, 6]],
  groupPosts: 3,
  groupMembers: 3,
  groupOffline: 3,
  fileMiB: 8,
  fileRuns: 1,
  smallFiles: 50,
  smallRuns: 1
}

export interface Floors {
  tcpRtt?: Latency
  tcpOneWay?: number
  libp2pRtt?: Latency
  libp2pOneWay?: number
  durableRtt?: Latency
  durableOneWay?: number
  classicRtt?: Latency
  classicCpuUs?: number
  /** spawn of a bare libp2p node process until it listens, ms */
  libp2pStartMs?: number
}

export class Bench {
  readonly quick: boolean
  readonly n: Counts
  readonly rows: Row[] = []
  readonly notes: string[] = []
  readonly floors: Floors = {}

  constructor (quick: boolean) {
    this.quick = quick
    this.n = quick ? QUICK : FULL
  }

  /** How long to let memory settle before a reading: short in --quick (its readings are not quoted). */
  settleMs (fullMs: number): number {
    return this.quick ? Math.min(fullMs, 300) : fullMs
  }

  /** Milliseconds a timed loop may run: short in --quick. */
  budget (fullMs: number): number {
    return this.quick ? Math.min(fullMs, 1_000) : fullMs
  }

  add (row: Omit<Row, 'values'> & { values?: Row['values'] }): void {
    const full: Row = { ...row, values: row.values ?? {} }
    this.rows.push(full)
    const ratio = full.ratio == null ? '' : ` (${full.ratio.toFixed(2)}x ${full.floor})`
    const met = full.met == null ? '' : full.met ? ' [met]' : ' [NOT met]'
    process.stderr.write(`  ${full.scenario}: ${full.lanchat}${ratio}${met}\n`)
  }

  note (text: string): void {
    this.notes.push(text)
    process.stderr.write(`  note: ${text}\n`)
  }
}
