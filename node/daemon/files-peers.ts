/**
 * The directory as the file transfer engine sees it (FilesPeers in
 * node/files/ports.ts): a name or PeerId to a person, how a PeerId is shown,
 * and whether they are online or blocked.
 */
import type { Directory } from '../directory/directory.js'
import type { FilesPeers } from '../files/ports.js'

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
