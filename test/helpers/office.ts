/**
 * An office on one LAN segment (test/lan/testbed.ts): an index host and N
 * daemon hosts on one bridge, default settings (no --index: the login goes
 * by broadcast; mDNS on), all daemons launched at once as on a Monday
 * morning. Used by test/lan/office.test.ts and the benchmark's office rows;
 * it reads what it measures from outside the programs: directories through
 * each daemon's API, TCP connections with `ss`, packets from the links'
 * counters, mDNS datagrams from nftables counters, CPU and RSS from /proc.
 *
 * @example
 * ```ts
 * const office = await Office.open(12)
 * await office.launch()
 * const ms = await office.fullDirectory(60_000)
 * await office.close()
 * ```
 */
import { readFileSync } from 'node:fs'
import { Lan } from '../lan/testbed.js'
import { DaemonProcess } from './daemon-process.js'
import { startIndex } from './index-process.js'
import type { Contact, DaemonEvent } from '../../node/types.js'
import type { IndexProcess } from './index-process.js'

/** The index host's name in the bed. */
export const INDEX_HOST = 'idx'

/** user01, user02, ... */
export function officeNames (n: number): string[] {
  return Array.from({ length: n }, (_, i) => `user${String(i + 1).padStart(2, '0')}`)
}

/** What one daemon's directory lacks: names not online, or (when asked) not verified. */
export function missing (contacts: Contact[], want: string[], verified: boolean): string[] {
  const byName = new Map(contacts.map(c => [c.name, c]))
  return want.filter(n => {
    const c = byName.get(n)
    return c == null || !c.online || (verified && !c.verified)
  })
}

/** CPU time (user + system) a process has used so far, ms (clock ticks of 10 ms). */
function cpuOf (pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

export interface HostCounters {
  /** packets in + out on the host's link */
  packets: number
  /** mDNS queries the host sent */
  mdnsQueries: number
  /** mDNS answers (responses, announcements, goodbyes) the host sent */
  mdnsAnswers: number
}

export class Office {
  readonly lan: Lan
  readonly names: string[]
  readonly daemons: DaemonProcess[] = []
  index?: IndexProcess
  /** ms between the first and the last daemon launch */
  launchSpreadMs = 0
  /** when the daemons were launched (performance.now()) */
  launchedAt = 0
  /** per daemon: ms from launch until its API answered */
  apiReadyMs: number[] = []
  /** per daemon: ms from launch until it said it logged in to the index (NaN until then) */
  loggedInMs: number[] = []

  private constructor (lan: Lan, names: string[]) {
    this.lan = lan
    this.names = names
  }

  /** Builds the segment (index host + n daemon hosts), counters in place, nothing running yet. */
  static async open (n: number): Promise<Office> {
    const names = officeNames(n)
    const lan = await Lan.create([INDEX_HOST, ...names])
    const office = new Office(lan, names)
    try {
      for (const host of [INDEX_HOST, ...names]) {
        // mDNS sent: queries, then answers (the QR bit of the DNS header, 2 bytes into it)
        await lan.exec(host, 'nft', ['add table inet office; add chain inet office out { type filter hook output priority 0; }; add rule inet office out udp dport 5353 @th,80,1 0 counter; add rule inet office out udp dport 5353 @th,80,1 1 counter'])
      }
      // LOGIN datagrams reaching the index server (retries included)
      await lan.exec(INDEX_HOST, 'nft', ['add chain inet office in { type filter hook input priority 0; }; add rule inet office in udp dport 47470 counter'])
      return office
    } catch (err) {
      await lan.destroy()
      throw err
    }
  }

  /** The index server on its host (default UDP port, so broadcast finds it). */
  async startIndex (): Promise<IndexProcess> {
    this.index ??= await startIndex({ netns: this.lan.ns(INDEX_HOST), host: '0.0.0.0', udpPort: 47470 })
    return this.index
  }

  /**
   * The index server (unless started already), then every daemon at once:
   * all are spawned held, then released together (see DaemonProcess.start);
   * `launchSpreadMs` is how long releasing them all took.
   */
  async launch (opts: { readyMs?: number, args?: string[] } = {}): Promise<void> {
    await this.startIndex()
    const gate = Promise.withResolvers<void>()
    this.loggedInMs = this.names.map(() => NaN)
    const starts = this.names.map(async (name, i) => {
      const d = new DaemonProcess({ name, netns: this.lan.ns(name), index: 'broadcast', listen: '0.0.0.0', mdns: true, args: opts.args })
      this.daemons[i] = d
      const onLine = (): void => {
        if (!/logged in to the index server/.test(d.stderr())) return
        this.loggedInMs[i] = performance.now() - this.launchedAt
        d.off('stderr' as any, onLine)
      }
      d.on('stderr' as any, onLine)
      await d.start({ waitForIndex: false, readyMs: opts.readyMs, gate: gate.promise })
      this.apiReadyMs[i] = performance.now() - this.launchedAt
    })
    // every process is spawned (and waits) by now: release them all
    this.launchedAt = performance.now()
    gate.resolve()
    await Promise.resolve()
    this.launchSpreadMs = performance.now() - this.launchedAt
    await Promise.all(starts)
  }

  /** Resolves once every daemon said it logged in; with the ms from launch to the last login. */
  async allLoggedIn (ms: number): Promise<number> {
    await Promise.all(this.daemons.map(async d => await d.line(/logged in to the index server/, ms)))
    return Math.max(...this.loggedInMs)
  }

  /** Everyone but `name`. */
  others (name: string): string[] {
    return this.names.filter(n => n !== name)
  }

  /**
   * Resolves with the ms it took until every daemon sees every colleague
   * online (and verified by the index, unless `verified` is false); checked
   * at once and then at each presence event. Rejects at the deadline, naming
   * who is missing where.
   */
  async fullDirectory (ms: number, opts: { verified?: boolean, daemons?: DaemonProcess[] } = {}): Promise<number> {
    const started = performance.now()
    const verified = opts.verified ?? true
    await Promise.all((opts.daemons ?? this.daemons).map(async (d) => {
      const want = this.others(d.name).filter(n => (opts.daemons ?? this.daemons).some(o => o.name === n))
      const deadline = started + ms
      for (;;) {
        const since = d.events.length
        const lacking = missing(await d.contacts(), want, verified)
        if (lacking.length === 0) return
        const left = deadline - performance.now()
        if (left <= 0) throw new Error(`${d.name} still lacks ${lacking.join(', ')} after ${ms} ms`)
        await d.event(e => e.type === 'presence', left, since).catch(() => {})
      }
    }))
    return performance.now() - started
  }

  /** Who each daemon lacks right now (names not online, or not verified when asked): only daemons lacking someone. */
  async lacking (verified = true): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>()
    for (const d of this.daemons) {
      const lack = missing(await d.contacts(), this.others(d.name), verified)
      if (lack.length > 0) out.set(d.name, lack)
    }
    return out
  }

  /**
   * Watches every daemon for `ms`: resolves with each time one of them showed
   * a colleague offline (or, when `verified`, unverified) in that time; an
   * empty list means the directory stayed whole throughout.
   */
  async watch (ms: number, opts: { verified?: boolean } = {}): Promise<string[]> {
    const lapses: string[] = []
    const names = new Set(this.names)
    const offs = this.daemons.map((d) => {
      const listener = (e: DaemonEvent): void => {
        if (e.type !== 'presence' || !names.has(e.contact.name)) return
        if (!e.contact.online || (opts.verified === true && !e.contact.verified)) {
          lapses.push(`${d.name} saw ${e.contact.name} ${e.contact.online ? 'unverified' : 'offline'} at +${Math.round(performance.now() - started)} ms`)
        }
      }
      d.on('event', listener)
      return () => { d.off('event', listener) }
    })
    const started = performance.now()
    await new Promise(resolve => setTimeout(resolve, ms))
    for (const off of offs) off()
    return lapses
  }

  /** Number of TCP connections between each pair of daemon hosts ("a b" -> count), from `ss` on the lower one. */
  async connectionsPerPair (): Promise<Map<string, number>> {
    const byIp = new Map(this.names.map(n => [this.lan.ip(n), n]))
    const pairs = new Map<string, number>()
    for (const [i, a] of this.names.entries()) {
      const { stdout } = await this.lan.exec(a, 'ss', ['-Htn', 'state', 'established'])
      for (const line of stdout.split('\n')) {
        const peer = line.trim().split(/\s+/).at(-1)?.replace(/:\d+$/, '')
        const b = peer == null ? undefined : byIp.get(peer)
        if (b == null || this.names.indexOf(b) <= i) continue
        pairs.set(`${a} ${b}`, (pairs.get(`${a} ${b}`) ?? 0) + 1)
      }
    }
    return pairs
  }

  /** Packets on each host's link and mDNS datagrams it sent, so far. */
  async counters (): Promise<Map<string, HostCounters>> {
    const out = new Map<string, HostCounters>()
    for (const host of [INDEX_HOST, ...this.names]) {
      const link = JSON.parse((await this.lan.exec(host, 'ip', ['-s', '-j', 'link', 'show', 'eth0'])).stdout)[0]
      const nft = (await this.lan.exec(host, 'nft', ['list', 'chain', 'inet', 'office', 'out'])).stdout
      const [queries, answers] = [...nft.matchAll(/counter packets (\d+)/g)].map(m => Number(m[1]))
      out.set(host, { packets: Number(link.stats64.rx.packets) + Number(link.stats64.tx.packets), mdnsQueries: queries, mdnsAnswers: answers })
    }
    return out
  }

  /** UDP datagrams that reached the index server's login port so far (LOGINs, retries and LOGOUTs). */
  async loginDatagrams (): Promise<number> {
    const nft = (await this.lan.exec(INDEX_HOST, 'nft', ['list', 'chain', 'inet', 'office', 'in'])).stdout
    return Number(/counter packets (\d+)/.exec(nft)?.[1] ?? NaN)
  }

  /** CPU time (user + system, ms) each daemon process has used so far. */
  cpuMs (): number[] {
    return this.daemons.map(d => cpuOf(d.proc.pid as number))
  }

  /** CPU time (ms) the index server has used so far. */
  indexCpuMs (): number {
    return this.index == null ? 0 : cpuOf(this.index.pid)
  }

  /** Resident set of each daemon process, MiB. */
  rssMiB (): number[] {
    return this.daemons.map(d => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${d.proc.pid as number}/status`, 'utf8'))
      return Number(m?.[1] ?? NaN) / 1024
    })
  }

  async close (): Promise<void> {
    await Promise.all(this.daemons.map(async d => { await d.kill().catch(() => {}) }))
    await this.index?.kill().catch(() => {})
    await this.lan.destroy()
  }
}
