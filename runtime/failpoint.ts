/**
 * Failpoints for crash tests (as in etcd or FoundationDB): with
 * LANCHAT_FAILPOINTS="name:n[,name:n]" in its environment, a process kills
 * itself with SIGKILL the n-th time it reaches `failpoint(name)`. Without the
 * variable (always, outside tests) a failpoint is a no-op.
 *
 * Points: outbox-committed, message-written, ack-received (sender);
 * history-committed (receiver); deposit-committed (index server);
 * file-chunk-verified, file-landed (a file transfer's receiver).
 */
const spec = new Map<string, number>()
for (const part of (process.env.LANCHAT_FAILPOINTS ?? '').split(',')) {
  const [name, n] = part.split(':')
  if (name !== '' && Number(n) > 0) spec.set(name, Number(n))
}
const seen = new Map<string, number>()

export function failpoint (name: string): void {
  if (spec.size === 0) return
  const count = (seen.get(name) ?? 0) + 1
  seen.set(name, count)
  if (spec.get(name) === count) {
    process.stderr.write(`lanchat: failpoint ${name}:${count} reached, killing this process\n`)
    process.kill(process.pid, 'SIGKILL')
  }
}

/**
 * Drop points for repair tests: with LANCHAT_DROPS="name:n[,name:n]", the
 * n-th time a process reaches `dropped(name)` it answers true and the caller
 * drops that input as if it never arrived (e.g. group-gossip: one gossiped
 * group post). Without the variable it is always false.
 */
const drops = new Map<string, number>()
for (const part of (process.env.LANCHAT_DROPS ?? '').split(',')) {
  const [name, n] = part.split(':')
  if (name !== '' && Number(n) > 0) drops.set(name, Number(n))
}
const reached = new Map<string, number>()

export function dropped (name: string): boolean {
  if (drops.size === 0) return false
  const count = (reached.get(name) ?? 0) + 1
  reached.set(name, count)
  if (drops.get(name) !== count) return false
  process.stderr.write(`lanchat: drop point ${name}:${count} reached, dropping that input\n`)
  return true
}
