/**
 * What a person does with the people they know, by shown name or PeerId:
 * block (also someone never heard of, by PeerId), unblock, forget a stranger
 * and the whole conversation. The daemon's API facade hands these on.
 *
 * @example
 * ```ts
 * const people = new People({ directory, messages, node, emit })
 * people.block('12D3KooW…')   // refused everything, open connections ended
 * ```
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { UnknownContactError } from '../delivery/errors.js'
import { BlockSelfError, VerifiedContactError } from '../directory/errors.js'
import { asPeerId } from '../directory/wire.js'
import type { DaemonNode } from './node.js'
import type { Directory, Person } from '../directory/directory.js'
import type { MessageStore } from '../store/messages.js'
import type { Contact, DaemonEvent } from '../types.js'

export interface PeopleInit {
  directory: Directory
  messages: MessageStore
  node: DaemonNode
  emit: (event: DaemonEvent) => void
}

export class People {
  constructor (private readonly d: PeopleInit) {}

  /** A person by shown name or PeerId (blocked ones too); UnknownContactError when nobody matches. */
  person (who: string): Person {
    const person = this.d.directory.resolve(who, { blocked: true })
    if (person == null) throw new UnknownContactError(who)
    return person
  }

  contactOf (person: Person): Contact {
    return this.d.directory.contact(person, this.d.messages.unreadByPeer().get(person.peerId) ?? 0)
  }

  block (who: string): Contact {
    const peerId = this.d.directory.resolve(who, { blocked: true })?.peerId ?? asPeerId(who)
    if (peerId == null) throw new UnknownContactError(who, 'to block someone you never heard of, give their PeerId')
    if (peerId === this.d.node.peerId.toString()) throw new BlockSelfError()
    const person = this.d.directory.block(peerId)
    // the gater refuses new connections; end the ones that are open
    for (const connection of this.d.node.getConnections(peerIdFromString(peerId))) connection.abort(new Error('blocked'))
    return this.contactOf(person)
  }

  unblock (who: string): Contact {
    const person = this.person(who)
    const after = this.d.directory.unblock(person.peerId) ?? person
    return this.contactOf(after)
  }

  forget (who: string): { peerId: string, messages: number } {
    const person = this.person(who)
    const shown = this.d.directory.show(person).name
    if (person.verified) {
      throw new VerifiedContactError(shown)
    }
    const messages = this.d.messages.forgetPeer(person.peerId)
    this.d.directory.remove(person.peerId)
    this.d.emit({ type: 'forgotten', peerId: person.peerId })
    return { peerId: person.peerId, messages }
  }
}
