/**
 * What admins and members do to a named group (create, add, remove, make
 * admin, rename, leave), each as a new record signed by me and applied by
 * the chain rule (node/groups/ledger.ts); and, when a record I made holds,
 * who must hear of it: a new member gets the whole chain (newest first),
 * the others (the removed too) the new record, over the fan-out chain.
 *
 * @example
 * ```ts
 * const membership = new Membership(deps, ledger, fanout, { find, maxMembers })
 * const id = membership.apply('lunch', { action: 'add', people: ['dave'] })
 * ```
 */
import { UnknownContactError } from '../delivery/errors.js'
import { EVERYONE_GROUP_ID } from '../../protocols/constants.js'
import { FixedGroupError, GroupMemberError, GroupNameError, GroupTooLargeError, UnknownGroupError } from './errors.js'
import { changedRecord, genesisRecord, groupNameProblem } from './records.js'
import type { GroupFanout } from './fanout.js'
import type { GroupLedger } from './ledger.js'
import type { GroupsDeps } from './ports.js'
import type { RecordChange } from './records.js'
import type { GroupView } from './store.js'
import type { GroupChange } from '../types.js'

export interface MembershipLookups {
  /** a group of mine by id or name (the everyone room included) */
  find: (group: string) => GroupView
  /** members a named group may have */
  maxMembers: () => number
}

export class Membership {
  private readonly d: GroupsDeps
  private readonly me: string
  private readonly ledger: GroupLedger
  private readonly fanout: GroupFanout
  private readonly look: MembershipLookups

  constructor (deps: GroupsDeps, ledger: GroupLedger, fanout: GroupFanout, look: MembershipLookups) {
    this.d = deps
    this.me = deps.self.toString()
    this.ledger = ledger
    this.fanout = fanout
    this.look = look
  }

  /** Makes a group with me as its admin; returns its id. */
  create (name: string, members: string[]): string {
    this.checkName(name)
    const refs = members.map(m => this.person(m)).filter(p => p.peerId !== this.me)
    if (refs.length + 1 > this.look.maxMembers()) throw new GroupTooLargeError(this.look.maxMembers())
    const signed = genesisRecord(this.d.key, this.d.self, this.d.selfName(), name, refs)
    const { changed } = this.ledger.takeRecord(signed)
    if (changed == null) throw new Error('a group I made did not apply')
    return changed.id
  }

  /** One change of a group of mine, as an admin (or, leaving, as a member); returns the group's id. */
  apply (group: string, change: GroupChange): string {
    const g = this.look.find(group)
    if (g.id === EVERYONE_GROUP_ID) throw new FixedGroupError()
    switch (change.action) {
      case 'add': {
        const add = change.people.map(w => this.person(w)).filter(p => !g.members.some(m => m.peerId === p.peerId))
        if (add.length === 0) throw new GroupMemberError(`${change.people.join(', ')} ${change.people.length === 1 ? 'is' : 'are'} in ${g.name} already`)
        if (g.members.length + add.length > this.look.maxMembers()) throw new GroupTooLargeError(this.look.maxMembers())
        return this.change(g, { add })
      }
      case 'remove': return this.change(g, { remove: change.people.map(w => this.memberOf(g, w)) })
      case 'admin': return this.change(g, { admins: change.people.map(w => this.memberOf(g, w)) })
      case 'rename':
        this.checkName(change.name, g.id)
        return this.change(g, { name: change.name })
      case 'leave': return this.change(g, { leave: true })
    }
  }

  /** A record holds now: if I made it, queue it for whoever must hear of it. */
  announce (now: GroupView, before: GroupView | undefined): void {
    const records = this.ledger.opened(now.id)
    const made = records.find(r => r.hash === now.recordHash)
    if (made?.signer !== this.me) return // only the one who made the change sends it: every other member holds it already or will from them
    const was = new Set(before?.members.map(m => m.peerId) ?? [])
    const is = new Set(now.members.map(m => m.peerId))
    const joined = [...is].filter(p => !was.has(p) && p !== this.me)
    const told = [...new Set([...was, ...is])].filter(p => p !== this.me && !joined.includes(p))
    const chain = records.sort((a, b) => b.record.version - a.record.version)
    for (const p of joined) for (const r of chain) this.d.store.addOut(r.hash, 'record', now.id, [p])
    this.d.store.addOut(now.recordHash, 'record', now.id, told)
    for (const p of [...joined, ...told]) void this.fanout.flushMember(p)
  }

  /** Makes, applies and queues my change (announce, through the ledger's onGroupChange). */
  private change (g: GroupView, change: RecordChange): string {
    const current = this.ledger.current(g.id)
    if (current == null) throw new UnknownGroupError(g.name)
    const signed = changedRecord(current, this.d.key, this.d.self, change)
    const { changed } = this.ledger.takeRecord(signed)
    return changed?.id ?? g.id
  }

  private person (who: string): { peerId: string, name: string } {
    const p = this.d.people.resolve(who)
    if (p == null) throw new UnknownContactError(who)
    return { peerId: p.peerId, name: p.registeredName !== '' ? p.registeredName : p.name }
  }

  private memberOf (g: GroupView, who: string): string {
    const p = this.d.people.resolve(who)
    const m = g.members.find(m => m.peerId === p?.peerId || m.peerId === who || m.name === who)
    if (m == null) throw new GroupMemberError(`${who} is not a member of ${g.name}`)
    return m.peerId
  }

  private checkName (name: string, except?: string): void {
    const problem = groupNameProblem(name)
    if (problem != null) throw new GroupNameError(problem)
    if (this.d.store.groups().some(g => g.member && g.name === name && g.id !== except)) throw new GroupNameError(`you are in a group called ${name} already; choose another name`)
  }
}
