/**
 * The rule for a transfer id, one home for every place that checks one (the
 * offer checks, the uploads folder, the API's route schema, the CLI): 1 to
 * MAX_TRANSFER_ID_CHARS letters, digits and "-", since it becomes part of a
 * file name (DOWNLOADS/.lanchat-partial/ID, PROFILE/uploads/ID).
 */
import { MAX_TRANSFER_ID_CHARS } from '../constants.js'

/** The rule as a JSON-schema pattern (with MAX_TRANSFER_ID_CHARS as maxLength). */
export const TRANSFER_ID_PATTERN = '^[0-9A-Za-z-]+$'

const TRANSFER_ID = new RegExp(TRANSFER_ID_PATTERN)

export function validTransferId (id: string): boolean {
  return TRANSFER_ID.test(id) && id.length <= MAX_TRANSFER_ID_CHARS
}
