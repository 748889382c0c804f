/**
 * The one rule for a message id, on every path that takes one (chat frames,
 * relay deposits, the inbox): 1 to MAX_MESSAGE_ID_CHARS characters, counted
 * as code points. Ids are chosen by senders (UUIDv7 by lanchat) and not
 * checked to be UUIDs; receivers only need them unique per sender.
 */
import { MAX_MESSAGE_ID_CHARS } from './constants.js'

export function validMessageId (id: string): boolean {
  return id.length > 0 && [...id].length <= MAX_MESSAGE_ID_CHARS
}
