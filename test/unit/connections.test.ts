/**
 * Issue 19, finding 4: ann and bob dial each other at the same moment and
 * each ends up with two connections. Both must keep the same one (the one
 * dialed by the lower PeerId) and only its dialer closes the other, gracefully.
 * Connections are stand-ins with what the rule reads; each side sees the
 * pair from its own end (direction, its own clock).
 */
import { describe, expect, it } from 'vitest'
import { ConnectionDedup } from '../../node/daemon/connections.js'
import type { Connection, PeerId } from '@libp2p/interface'

const ANN = '12D3KooWAnn' // the lower PeerId
const BOB = '12D3KooWBob'

interface Fake { conn: Connection, closedBy: string[] }

/** One TCP connection as `side` sees it: dialed by `dialer`, opened at `openedAt` on side's clock. */
function fake (side: string, id: string, dialer: string, openedAt: number, closedBy: string[]): Connection {
  const other = side === ANN ? BOB : ANN
  return {
    id,
    remotePeer: { toString: () => other, equals: (p: PeerId) => p.toString() === other } as unknown as PeerId,
    direction: dialer === side ? 'outbound' : 'inbound',
    timeline: { open: openedAt },
    status: 'open',
    close: async () => { closedBy.push(`${side} closed ${id}`) },
    abort: () => { closedBy.push(`${side} aborted ${id}`) }
  } as unknown as Connection
}

function side (self: string, conns: Connection[]): ConnectionDedup {
  return new ConnectionDedup({ self, connections: () => conns })
}

describe('one connection per pair', () => {
  it('both dial at once: both keep the one ann (the lower PeerId) dialed; only bob closes his, gracefully', () => {
    const log: string[] = []
    // each side saw the two connections open in its own order
    const atAnn = [fake(ANN, 'c-bob', BOB, 100, log), fake(ANN, 'c-ann', ANN, 105, log)]
    const atBob = [fake(BOB, 'c-ann', ANN, 98, log), fake(BOB, 'c-bob', BOB, 103, log)]
    const keptByAnn = side(ANN, atAnn).settle(atAnn[0].remotePeer)
    const keptByBob = side(BOB, atBob).settle(atBob[0].remotePeer)
    expect(keptByAnn?.id).toBe('c-ann')
    expect(keptByBob?.id).toBe('c-ann')
    expect(log).toEqual([`${BOB} closed c-bob`])
  })

  it('two connections dialed by the same side (a redial raced an open one): that side closes the newer; the other side leaves it to it', () => {
    const log: string[] = []
    const atBob = [fake(BOB, 'old', BOB, 100, log), fake(BOB, 'new', BOB, 200, log)]
    const atAnn = [fake(ANN, 'new', BOB, 90, log), fake(ANN, 'old', BOB, 95, log)] // ann's clock disagrees: she does nothing
    expect(side(BOB, atBob).settle(atBob[0].remotePeer)?.id).toBe('old')
    side(ANN, atAnn).settle(atAnn[0].remotePeer)
    expect(log).toEqual([`${BOB} closed new`])
  })

  it('one connection: nothing to do', () => {
    const log: string[] = []
    const only = [fake(ANN, 'c', BOB, 1, log)]
    expect(side(ANN, only).settle(only[0].remotePeer)?.id).toBe('c')
    expect(log).toEqual([])
  })
})
