/**
 * The presence service (/lanchat/presence/1.0.0): connected peers tell each
 * other who they are (name) and how they are (online/away/busy + text)
 * directly, on one long-lived stream per peer. My presence is written at once
 * when a connection opens (and as the answer on an inbound stream), then only
 * on change. With no index server, mDNS + presence is the whole directory.
 *
 * @example
 * ```ts
 * const node = await createLibp2p({ ..., services: { presence: presence() } })
 * node.services.presence.setHandlers({
 *   onPresence: (peer, p) => { directory.apply(peer, p.name, p.status, p.statusText) },
 *   onGone: (peer) => { directory.gone(peer) }
 * })
 * node.services.presence.setSelf({ name: 'alice', status: Status.ONLINE, statusText: 'in a meeting' })
 * ```
 */
import { DirectPresence } from './presence.js'
import type { PresenceInit, PresenceComponents, PresenceService } from './types.js'

export * from './errors.js'
export type * from './types.js'

/** The presence service factory, for `createLibp2p({ services: { presence: presence() } })`. */
export function presence (init: PresenceInit = {}): (components: PresenceComponents) => PresenceService {
  return (components) => new DirectPresence(components, init)
}
