/**
 * A LAN in a box: N hosts, each a network namespace with one veth into a
 * bridge that lives in its own namespace, on private /24s that exist only
 * inside these namespaces (lo up, a multicast route on each host). Optionally
 * a second subnet, with the bridge namespace routing between the two.
 * Everything is torn down by `destroy()`, on process exit, and at the next
 * run for namespaces whose creating process is gone.
 *
 * @example
 * ```ts
 * const lan = await Lan.create(['idx', 'alice', 'bob'])
 * lan.ip('alice')          // '10.213.7.11'
 * await lan.linkDown('bob') // cable pulled
 * await lan.destroy()
 * ```
 */
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)
/** Every namespace of ours starts with this, then the creating PID: lc<pid>n<i>, lc<pid>br. */
const PREFIX = 'lc'

/** Why the test bed cannot run here, or undefined when it can. */
export function unavailable (): string | undefined {
  if (process.getuid?.() !== 0) return 'the LAN test bed needs root (it creates network namespaces)'
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' })
  } catch {
    return 'the LAN test bed needs `ip netns` (iproute2)'
  }
  return undefined
}

function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Deletes namespaces left by test runs whose process is gone. */
export function removeLeftovers (): void {
  const out = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
  for (const line of out.split('\n')) {
    const name = line.split(' ')[0]
    const m = new RegExp(`^${PREFIX}(\\d+)(n\\d+|br)$`).exec(name)
    if (m != null && !alive(Number(m[1]))) {
      try { execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' }) } catch {}
    }
  }
}

const live = new Set<Lan>()
let hooked = false
function hookExit (): void {
  if (hooked) return
  hooked = true
  const sweep = (): void => { for (const lan of live) lan.destroySync() }
  process.once('exit', sweep)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => { sweep(); process.exit(130) })
  }
}

export interface LanOptions {
  /** hosts on a second subnet, routed through the bridge namespace */
  secondSubnet?: string[]
}

export class Lan {
  readonly id: string
  /** 10.A.B.0/24 (and 10.A.B+1.0/24 for the second subnet) */
  readonly base: string
  private readonly hosts = new Map<string, { ns: string, veth: string, ip: string, subnet: number }>()
  private readonly bridge: string
  private destroyed = false

  private constructor (id: string, base: string) {
    this.id = id
    this.base = base
    this.bridge = `${PREFIX}${id}br`
  }

  static async create (names: string[], opts: LanOptions = {}): Promise<Lan> {
    removeLeftovers()
    hookExit()
    const id = `${process.pid}`
    const index = [...live].length
    const lan = new Lan(`${id}${index > 0 ? `x${index}` : ''}`, `10.${200 + (process.pid % 50)}.${(index * 2) % 250}`)
    live.add(lan)
    try {
      await lan.build(names, opts.secondSubnet ?? [])
    } catch (err) {
      lan.destroySync()
      throw err
    }
    return lan
  }

  private subnetPrefix (subnet: number): string {
    const [a, b, c] = this.base.split('.')
    return `${a}.${b}.${Number(c) + subnet}`
  }

  private async build (names: string[], second: string[]): Promise<void> {
    const ip = async (...args: string[]): Promise<void> => { await run('ip', args) }
    await ip('netns', 'add', this.bridge)
    await ip('-n', this.bridge, 'link', 'set', 'lo', 'up')
    await ip('-n', this.bridge, 'link', 'add', 'br0', 'type', 'bridge')
    await ip('-n', this.bridge, 'link', 'set', 'br0', 'up')
    const all = [...names.map(n => ({ n, subnet: 0 })), ...second.map(n => ({ n, subnet: 1 }))]
    if (second.length > 0) {
      // the second subnet is its own segment (br1); the bridge namespace routes between the two
      await ip('-n', this.bridge, 'link', 'add', 'br1', 'type', 'bridge')
      await ip('-n', this.bridge, 'link', 'set', 'br1', 'up')
      await ip('-n', this.bridge, 'addr', 'add', `${this.subnetPrefix(0)}.1/24`, 'dev', 'br0')
      await ip('-n', this.bridge, 'addr', 'add', `${this.subnetPrefix(1)}.1/24`, 'dev', 'br1')
      await run('ip', ['netns', 'exec', this.bridge, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'])
    }
    let i = 0
    for (const { n, subnet } of all) {
      const ns = `${PREFIX}${this.id}n${i}`
      const veth = `${PREFIX}${this.id}v${i}`
      const addr = `${this.subnetPrefix(subnet)}.${10 + i}`
      await ip('netns', 'add', ns)
      await ip('link', 'add', `${veth}e`, 'type', 'veth', 'peer', 'name', `${veth}b`)
      await ip('link', 'set', `${veth}e`, 'netns', ns)
      await ip('link', 'set', `${veth}b`, 'netns', this.bridge)
      await ip('-n', this.bridge, 'link', 'set', `${veth}b`, 'master', subnet === 0 ? 'br0' : 'br1')
      await ip('-n', this.bridge, 'link', 'set', `${veth}b`, 'up')
      await ip('-n', ns, 'link', 'set', 'lo', 'up')
      await ip('-n', ns, 'link', 'set', `${veth}e`, 'name', 'eth0')
      await ip('-n', ns, 'addr', 'add', `${addr}/24`, 'dev', 'eth0')
      await ip('-n', ns, 'link', 'set', 'eth0', 'up')
      await ip('-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', 'eth0')
      if (second.length > 0) await ip('-n', ns, 'route', 'add', 'default', 'via', `${this.subnetPrefix(subnet)}.1`)
      this.hosts.set(n, { ns, veth: `${veth}b`, ip: addr, subnet })
      i++
    }
  }

  private host (name: string): { ns: string, veth: string, ip: string, subnet: number } {
    const h = this.hosts.get(name)
    if (h == null) throw new Error(`no host ${name} in this LAN`)
    return h
  }

  /** The namespace of a host, for `ip netns exec`. */
  ns (name: string): string {
    return this.host(name).ns
  }

  ip (name: string): string {
    return this.host(name).ip
  }

  /** Runs a command inside a host and resolves with its output. */
  async exec (name: string, cmd: string, args: string[] = []): Promise<{ stdout: string, stderr: string }> {
    return await run('ip', ['netns', 'exec', this.ns(name), cmd, ...args])
  }

  /** Cable pulled: the host's link goes down; its processes do not notice. */
  async linkDown (name: string): Promise<void> {
    await run('ip', ['-n', this.bridge, 'link', 'set', this.host(name).veth, 'down'])
  }

  async linkUp (name: string): Promise<void> {
    await run('ip', ['-n', this.bridge, 'link', 'set', this.host(name).veth, 'up'])
  }

  /**
   * A slow, lossy link on the host: netem (delay + loss) where the kernel has
   * it; otherwise (this machine's kernel has no sch_netem) nftables drops
   * `lossPct` % of packets both ways and tbf limits the rate, so packets queue
   * instead of waiting a fixed delay. Resolves with what was applied.
   */
  async degrade (name: string, opts: { delayMs: number, lossPct: number, rateKbit: number }): Promise<string> {
    const ns = this.ns(name)
    try {
      await run('ip', ['netns', 'exec', ns, 'tc', 'qdisc', 'add', 'dev', 'eth0', 'root', 'netem', 'delay', `${opts.delayMs}ms`, 'loss', `${opts.lossPct}%`])
      return `netem delay ${opts.delayMs}ms loss ${opts.lossPct}%`
    } catch {}
    const nft = async (...args: string[]): Promise<void> => { await run('ip', ['netns', 'exec', ns, 'nft', ...args]) }
    await nft('add', 'table', 'inet', 'lossy')
    for (const hook of ['input', 'output']) {
      await nft('add', 'chain', 'inet', 'lossy', hook, `{ type filter hook ${hook} priority 0; }`)
      await nft('add', 'rule', 'inet', 'lossy', hook, 'numgen', 'random', 'mod', '100', '<', String(opts.lossPct), 'drop')
    }
    await run('ip', ['netns', 'exec', ns, 'tc', 'qdisc', 'add', 'dev', 'eth0', 'root', 'tbf', 'rate', `${opts.rateKbit}kbit`, 'burst', '8kb', 'latency', `${opts.delayMs * 4}ms`])
    return `no netem in this kernel: nftables drops ${opts.lossPct}% both ways, tbf ${opts.rateKbit} kbit/s (queueing delay instead of a fixed ${opts.delayMs} ms)`
  }

  async destroy (): Promise<void> {
    this.destroySync()
  }

  /** Deleting a namespace deletes its veth ends; the bridge goes with its namespace. */
  destroySync (): void {
    if (this.destroyed) return
    this.destroyed = true
    live.delete(this)
    for (const ns of [...[...this.hosts.values()].map(h => h.ns), this.bridge]) {
      try { execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' }) } catch {}
    }
  }
}
