/**
 * The delivery checker of the fault tests catches what it claims to: lost,
 * duplicated, unexpected and reordered messages, with the order taken from
 * the test's attempts or, for overlapping sends, from the sender's history.
 */
import { describe, expect, it } from 'vitest'
import { DeliveryChecker } from '../helpers/checker.js'
import type { ChatMessage } from '../../node/types.js'

function msg (from: string, body: string, direction: 'in' | 'out' = 'in'): ChatMessage {
  return { id: body, from, to: 'bob', body, sentAt: 0, state: 'delivered', direction, peerId: 'p', verified: true, receivedAt: 0 }
}

describe('the delivery checker', () => {
  const checker = new DeliveryChecker()
  for (const b of ['a1', 'a2', 'a3', 'a4']) checker.attempt('alice', b)
  for (const b of ['a1', 'a2', 'a3']) checker.acknowledge(b)

  it('finds lost, duplicated, unexpected and reordered messages against the attempts', () => {
    const v = checker.check('alice', ['a2', 'a1', 'a2', 'x'].map(b => msg('alice', b)))
    expect(v.lost).toEqual(['a3'])
    expect(v.duplicated).toEqual(['a2'])
    expect(v.unexpected).toEqual(['x'])
    expect(v.reordered).toEqual(['a1'])
    expect(v.recovered).toEqual([])
  })

  it('takes the order from the sender\'s own history when its sends overlapped, and still finds a reorder against it', () => {
    const sent = ['a2', 'a1', 'a3', 'a4'].map(b => msg('alice', b, 'out'))
    const same = checker.check('alice', ['a2', 'a1', 'a3', 'a4'].map(b => msg('alice', b)), sent)
    expect(same.reordered).toEqual([])
    expect(same.delivered).toBe(4)
    expect(same.recovered).toEqual(['a4'])
    const swapped = checker.check('alice', ['a1', 'a2', 'a3', 'a4'].map(b => msg('alice', b)), sent)
    expect(swapped.reordered).toEqual(['a2'])
  })
})
