/**
 * What can go wrong when a person uses groups, each a class with a message a
 * person can read; the API maps each to its HTTP status and code in one
 * table (node/api/errors.ts).
 */

/** Thrown when a group name (or id) matches no group I am in. */
export class UnknownGroupError extends Error {
  static name = 'UnknownGroupError'
  name = 'UnknownGroupError'
  constructor (group: string) { super(`there is no group called ${group}; see lanchat groups`) }
}

/** Thrown when a group name matches more than one of my groups. */
export class AmbiguousGroupError extends Error {
  static name = 'AmbiguousGroupError'
  name = 'AmbiguousGroupError'
  constructor (group: string, ids: string[]) { super(`you are in ${ids.length} groups called ${group}; name one by its id (${ids.join(', ')})`) }
}

/** Thrown when a change needs an admin of the group and I am not one. */
export class NotGroupAdminError extends Error {
  static name = 'NotGroupAdminError'
  name = 'NotGroupAdminError'
  constructor (group: string) { super(`only an admin of ${group} can change it; see lanchat group members ${group}`) }
}

/** Thrown when a group name breaks the rules (empty, too long, control characters, or a name already mine). */
export class GroupNameError extends Error {
  static name = 'GroupNameError'
  name = 'GroupNameError'
}

/** Thrown when a group would have more members than this release can send to one by one. */
export class GroupTooLargeError extends Error {
  static name = 'GroupTooLargeError'
  name = 'GroupTooLargeError'
  constructor (max: number) { super(`a group can have at most ${max} members for now`) }
}

/** Thrown when the person named is not (or already) a member, as the change needs. */
export class GroupMemberError extends Error {
  static name = 'GroupMemberError'
  name = 'GroupMemberError'
}

/** Thrown when a change is asked of the everyone room, whose members are every registered user. */
export class FixedGroupError extends Error {
  static name = 'FixedGroupError'
  name = 'FixedGroupError'
  constructor (message = 'the everyone room holds every registered user: nobody adds, removes, renames or leaves it') { super(message) }
}
