/**
 * Which version of a group holds, from every record a member has seen: the
 * rule every member applies, so all who hold the same records agree on the
 * same one, whatever order they arrived in.
 *
 * 1. The root is the first version (version 1), whose id its creator made
 *    (groupIdOf: sha256 of the creator's PeerId and a nonce).
 * 2. A record R changes the record P when R.prev = sha256(P), R.version =
 *    P.version + 1, R.id = P.id, and R's signer may change P: an admin of P;
 *    or a member of P who only leaves (R is P without the signer, in members
 *    and admins, name unchanged).
 * 3. From the root, follow the change that leads to the highest version;
 *    between two that lead equally far (two admins changed the same version
 *    at once), the one whose sha256 is lower (as hex). The record reached is
 *    the group as it stands. The other branch changes nothing: its admin's
 *    daemon sees the winner and may make its change again.
 *
 * A record that fits nowhere (signed by a non-admin, built on a record not
 * held yet) changes nothing; it counts as soon as the record it builds on
 * arrives. An old record replayed is already held and changes nothing.
 *
 * @example
 * ```ts
 * const now = currentRecord(records.map(openRecord))
 * ```
 */
import { hex } from './item.js'
import type { OpenedRecord } from './item.js'
import type { GroupRecord } from './pb/groups.js'

function sameSet (a: Uint8Array[], b: Uint8Array[]): boolean {
  if (a.length !== b.length) return false
  const have = new Set(a.map(hex))
  return b.every(x => have.has(hex(x)))
}

/** Whether `child`'s signer may change `parent` into `child` (rule 2, without the chain links). */
export function mayChange (parent: GroupRecord, child: GroupRecord): boolean {
  const signer = hex(child.signer)
  if (parent.admins.some(a => hex(a) === signer)) return true
  // a member who leaves: the record without them, nothing else changed
  if (!parent.members.some(m => hex(m.peerId) === signer)) return false
  const members = parent.members.filter(m => hex(m.peerId) !== signer).map(m => m.peerId)
  const admins = parent.admins.filter(a => hex(a) !== signer)
  return child.name === parent.name && sameSet(child.members.map(m => m.peerId), members) && sameSet(child.admins, admins)
}

/** The record that holds (rule 3), or undefined when no first version is held. */
export function currentRecord (records: OpenedRecord[]): OpenedRecord | undefined {
  const children = new Map<string, OpenedRecord[]>()
  for (const r of records) {
    if (r.record.version === 1) continue
    const key = hex(r.record.prev)
    children.set(key, [...(children.get(key) ?? []), r])
  }
  const validChildren = (p: OpenedRecord): OpenedRecord[] => (children.get(p.hash) ?? [])
    .filter(c => c.record.id === p.record.id && c.record.version === p.record.version + 1 && mayChange(p.record, c.record))
  const reach = new Map<string, number>()
  const depth = (r: OpenedRecord): number => {
    let d = reach.get(r.hash)
    if (d == null) {
      d = Math.max(r.record.version, ...validChildren(r).map(depth))
      reach.set(r.hash, d)
    }
    return d
  }
  const best = (list: OpenedRecord[]): OpenedRecord | undefined => list
    .map(r => ({ r, d: depth(r) }))
    .sort((a, b) => b.d - a.d || (a.r.hash < b.r.hash ? -1 : a.r.hash > b.r.hash ? 1 : 0))[0]?.r
  let at = best(records.filter(r => r.record.version === 1))
  for (;;) {
    if (at == null) return undefined
    const next = best(validChildren(at))
    if (next == null) return at
    at = next
  }
}
