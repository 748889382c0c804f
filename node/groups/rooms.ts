/**
 * Which gossip rooms this daemon is in (node/groups/room.ts): the everyone
 * room always (when the daemon gives rooms a transport), and each named
 * group of mine above the fan-out limit, for as long as I am in it and it is
 * that large. Answers heads and repair requests for the room they name.
 *
 * @example
 * ```ts
 * const rooms = new Rooms(deps, ledger, ports, 64)
 * rooms.place(groupView)   // after every change of a group
 * rooms.get(groupId)?.publish(signed)
 * ```
 */
import { EVERYONE_GROUP_ID } from '../../protocols/constants.js'
import { GossipRoom } from './room.js'
import { everyoneKind, groupKind } from './room-kinds.js'
import type { GroupRequest, GroupResponse } from '../../protocols/groups/pb/groups.js'
import type { GroupLedger } from './ledger.js'
import type { GroupsDeps } from './ports.js'
import type { RoomDeps } from './room.js'
import type { GroupView } from './store.js'

export type RoomPorts = Pick<RoomDeps, 'gossip' | 'ask' | 'connect'>

export class Rooms {
  private readonly d: GroupsDeps
  private readonly ledger: GroupLedger
  private readonly ports?: RoomPorts
  /** named groups with more members than this go through a room */
  readonly fanoutMax: number
  private readonly rooms = new Map<string, GossipRoom>()
  private started = false

  constructor (deps: GroupsDeps, ledger: GroupLedger, ports: RoomPorts | undefined, fanoutMax: number) {
    this.d = deps
    this.ledger = ledger
    this.ports = ports
    this.fanoutMax = fanoutMax
    if (ports != null) this.rooms.set(EVERYONE_GROUP_ID, new GossipRoom(everyoneKind(deps.people), this.roomDeps(ports)))
  }

  /** whether rooms have a transport (then named groups may grow past the fan-out limit) */
  get available (): boolean {
    return this.ports != null
  }

  get (groupId: string): GossipRoom | undefined {
    return this.rooms.get(groupId)
  }

  start (groups: GroupView[]): void {
    this.started = true
    for (const g of groups) this.place(g)
    for (const room of this.rooms.values()) room.start()
  }

  stop (): void {
    this.started = false
    for (const room of this.rooms.values()) room.stop()
  }

  /** The everyone room's, or a large group's, answer to a member's heads or repair request. */
  answer (request: GroupRequest, from: string): GroupResponse | undefined {
    const group = request.heads?.group ?? request.want?.group
    return group == null ? undefined : this.rooms.get(group)?.answer(request, from)
  }

  /** A named group gets a room while I am in it and it is above the fan-out limit; otherwise it has none. */
  place (g: GroupView): void {
    const want = this.ports != null && g.member && g.members.length > this.fanoutMax
    const room = this.rooms.get(g.id)
    if (want && room == null && this.ports != null) {
      const created = new GossipRoom(groupKind(g.id, this.d.store, this.d.people, this.d.key, this.d.self), this.roomDeps(this.ports))
      this.rooms.set(g.id, created)
      if (this.started) created.start()
    } else if (!want && room != null) {
      room.stop()
      this.rooms.delete(g.id)
    }
  }

  private roomDeps (ports: RoomPorts): RoomDeps {
    return { self: this.d.self, store: this.d.store, ledger: this.ledger, ...ports }
  }
}
