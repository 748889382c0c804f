/**
 * The daemon's index client as its profile configures it: the server to
 * use (or find), the index PeerId pinned at first contact (trust on first
 * use, kept in the profile's settings), and the logout counter that makes
 * a replayed logout worthless.
 *
 * @example
 * ```ts
 * const index = indexLink(libp2p, profile.key, init, name, settings, presence, line => { console.error(line) })
 * index.start()
 * ```
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { IndexClient } from '../services/index-client/client.js'
import type { Presence } from '../services/index-client/client.js'
import { AGENT } from './options.js'
import type { DaemonNode } from './node.js'
import type { DaemonInit } from './options.js'
import type { Settings } from '../store/db.js'
import type { PrivateKey } from '@libp2p/interface'

export function indexLink (node: DaemonNode, key: PrivateKey, init: DaemonInit, name: string, settings: Settings,
  presence: Presence, notice: (line: string) => void): IndexClient {
  if (init.repinIndex === true) settings.set('index_peer_id', '')
  const pinned = settings.get('index_peer_id')
  return new IndexClient(node, key, {
    target: init.index,
    name,
    agent: AGENT,
    pinnedIndex: pinned != null && pinned !== '' ? peerIdFromString(pinned) : undefined,
    pin: (peerId) => {
      settings.set('index_peer_id', peerId.toString())
      notice(`trusting the index server ${peerId.toString()} from now on (pinned in the profile)`)
    },
    nextLogoutCounter: () => {
      const next = Math.max(Date.now(), Number(settings.get('logout_counter') ?? '0') + 1)
      settings.set('logout_counter', String(next))
      return next
    }
  }, presence)
}
