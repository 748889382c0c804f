/**
 * Which name each person is shown under. A name shown to a person is always
 * backed by the key pinned for it: the index server's name for a verified
 * person; for anyone else the name they give themselves only when it follows
 * the name rules and looks like nobody's with a better claim (a verified
 * person, me, a LAN peer, someone I answered, an earlier stranger). Everyone
 * else is shown as "unverified-" and the end of their PeerId, so a stranger
 * can never appear under a colleague's name, and every shown name is unique.
 */
import { confusableKeys, nameProblem } from '../../protocols/names.js'
import type { ContactRecord } from '../store/contacts.js'
import type { Trust } from '../types.js'

/** Trust levels, best first: the order in which claims to a name are honoured. */
const TRUST_ORDER: Trust[] = ['verified', 'lan', 'accepted', 'request', 'blocked']

/** Look-alike keys already worked out, by name (skeletons are not free; names repeat). */
const keyCache = new Map<string, string[]>()
/** Names whose keys are kept; past this the cache starts over. */
const MAX_CACHED_NAMES = 4_096

function keysOf (name: string): string[] {
  let keys = keyCache.get(name)
  if (keys == null) {
    if (keyCache.size >= MAX_CACHED_NAMES) keyCache.clear()
    keys = confusableKeys(name)
    keyCache.set(name, keys)
  }
  return keys
}

/** Characters of the PeerId in an unverified label: 6 base58 characters, 1 in 38 billion to collide. */
const LABEL_PEER_CHARS = 6

export function trustOf (p: Pick<ContactRecord, 'verified' | 'lan' | 'accepted' | 'blocked'>): Trust {
  if (p.blocked) return 'blocked'
  if (p.verified) return 'verified'
  if (p.lan) return 'lan'
  if (p.accepted) return 'accepted'
  return 'request'
}

/** The name shown for someone whose own claim cannot be shown, e.g. "unverified-x7Kq9Z". */
export function unverifiedLabel (peerId: string): string {
  return `unverified-${peerId.slice(-LABEL_PEER_CHARS)}`
}

export interface ShownName {
  /** what clients show and what `lanchat send NAME` matches */
  name: string
  /** the name the person gives itself, when it follows the name rules ('' otherwise; equal to name when shown) */
  claimed: string
  /** why the claim is not shown: it breaks the name rules, or looks like someone else's name */
  conflict?: { with: 'invalid' | 'me' | 'verified' | 'other', problem?: string }
}

/**
 * Works out every person's shown name in one pass: claims in trust order,
 * then first seen, then PeerId (so the outcome never depends on map order).
 */
export function shownNames (people: ContactRecord[], me: string): Map<string, ShownName> {
  const shown = new Map<string, ShownName>()
  // every look-alike key of a name counts, as at the index server (confusableKeys)
  const taken = new Map<string, 'me' | 'verified' | 'other'>(keysOf(me).map(key => [key, 'me']))
  const holderOf = (name: string): 'me' | 'verified' | 'other' | undefined => {
    for (const key of keysOf(name)) {
      const holder = taken.get(key)
      if (holder != null) return holder
    }
    return undefined
  }
  const take = (name: string, holder: 'verified' | 'other'): void => {
    for (const key of keysOf(name)) if (!taken.has(key)) taken.set(key, holder)
  }
  const ordered = [...people].sort((a, b) =>
    TRUST_ORDER.indexOf(trustOf(a)) - TRUST_ORDER.indexOf(trustOf(b)) || a.firstSeen - b.firstSeen || (a.peerId < b.peerId ? -1 : 1))
  for (const p of ordered) {
    if (p.verified) {
      // the index server binds verified names; it never hands out two that look alike
      shown.set(p.peerId, { name: p.name, claimed: p.name })
      take(p.name, 'verified')
      continue
    }
    const problem = p.name === '' ? 'no name' : nameProblem(p.name)
    if (problem != null) {
      shown.set(p.peerId, { name: unverifiedLabel(p.peerId), claimed: '', conflict: { with: 'invalid', problem } })
      continue
    }
    const holder = holderOf(p.name)
    if (holder != null) {
      shown.set(p.peerId, { name: unverifiedLabel(p.peerId), claimed: p.name, conflict: { with: holder } })
      continue
    }
    take(p.name, 'other')
    shown.set(p.peerId, { name: p.name, claimed: p.name })
  }
  return shown
}

/** A claimed name as it may appear inside a warning: no control, format or bidi characters, at most 40 characters. */
export function quoteClaim (name: string): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify([...name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '\ufffd')].slice(0, 40).join(''))
}

/** Why a person's own name is not shown, as the warning the person reads (once per claim). */
export function conflictWarning (p: ContactRecord, shown: ShownName, conflict: NonNullable<ShownName['conflict']>): string {
  const claim = quoteClaim(p.name)
  switch (conflict.with) {
    case 'invalid':
      return `a peer (${p.peerId}) gives a name that is not allowed (${claim}: ${conflict.problem ?? 'invalid'}); it is shown as ${shown.name}, unverified`
    case 'me':
      return `a peer (${p.peerId}) calls itself ${claim}, which is your own name; it is shown as ${shown.name}, unverified`
    case 'verified':
      return `a peer (${p.peerId}) calls itself ${claim}, but that name belongs to another identity at the index server; it is shown as ${shown.name}, unverified, and messages to ${p.name} still go to the registered one`
    default:
      return `a peer (${p.peerId}) calls itself ${claim}, a name another unverified peer used first; it is shown as ${shown.name}`
  }
}
