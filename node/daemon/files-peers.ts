/**
 * The directory as the file transfer engine sees it (FilesPeers in
 * node/files/ports.ts): a name or PeerId to a person, how a PeerId is shown,
 * and whether they are online or blocked.
 */
import { EVERYONE_GROUP_ID } from '../../protocols/constants.js'
import { GroupMemberError } from '../groups/errors.js'
import type { Directory } from '../directory/directory.js'
import type { FilesGroups, FilesPeers } from '../files/ports.js'
import type { Groups } from '../groups/groups.js'

export function filesPeers (directory: Directory): FilesPeers {
  return {
    resolve: (who) => {
      const p = directory.resolve(who)
      return p == null ? undefined : { peerId: p.peerId, name: directory.show(p).name }
    },
    show: (peerId) => {
      const p = directory.byPeer(peerId)
      return p == null ? { name: peerId, verified: false } : { name: directory.show(p).name, verified: p.verified }
    },
    isOnline: (peerId) => directory.isOnline(peerId),
    isBlocked: (peerId) => directory.isBlocked(peerId),
    learn: (peerId, claimedName) => directory.learn(peerId, claimedName) != null
  }
}

/** The named groups as the file transfer engine sees them: the members an offer to a group goes to. */
export function filesGroups (groups: Groups, me: string): FilesGroups {
  return {
    members: (group) => {
      const info = groups.info(group)
      if (info.id === EVERYONE_GROUP_ID) throw new GroupMemberError('files go to a named group, not the everyone room; send them to the people who need them')
      if (!info.member) throw new GroupMemberError(`you are no longer a member of ${info.name}`)
      const members = info.memberPeerIds.map((peerId, i) => ({ peerId, name: info.members[i] ?? peerId })).filter(m => m.peerId !== me)
      return { name: info.name, members }
    }
  }
}
