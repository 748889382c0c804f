/**
 * The checks an incoming offer passes before the daemon sees it, in a fixed
 * order, each answered with its own status: who sent it (Noise proved the
 * PeerId; the offer must name the same one, and me as recipient), the id,
 * the chunk size, the counts and sizes against the limits, each entry's
 * hashes and path. Paths are only checked for size here; the receiver
 * sanitises them before use (protocols/files/paths.ts).
 */
import { FILE_CHUNK_BYTES, MAX_FILE_PATH_BYTES } from '../../../protocols/constants.js'
import { validTransferId } from '../../../protocols/files/ids.js'
import { Status } from '../../../protocols/files/pb/files.js'
import { peerIdFromBytes } from '../../../protocols/shared/peer-ids.js'
import { formatBytes } from '../../files/format.js'
import type { Answer } from './index.js'
import type { FileEntry, Offer } from '../../../protocols/files/pb/files.js'
import type { PeerId } from '@libp2p/interface'

export interface OfferLimits {
  maxOfferFiles: number
  maxOfferBytes: number
}

const SHA256_BYTES = 32
const encoder = new TextEncoder()

function peerIdOf (bytes: Uint8Array): string | undefined {
  try {
    return peerIdFromBytes(bytes).toString()
  } catch {
    return undefined
  }
}

function refuse (status: Status, text: string): Answer {
  return { status, text }
}

/** Checks the Offer frame alone (before its file list is read); undefined when it passes. */
export function offerHeadProblem (peer: PeerId, self: PeerId, offer: Offer, limits: OfferLimits): Answer | undefined {
  if (peerIdOf(offer.fromPeer) !== peer.toString()) return refuse(Status.INVALID, 'the offer names another sender than the one connected')
  if (peerIdOf(offer.toPeer) !== self.toString()) return refuse(Status.INVALID, 'the offer is for someone else')
  if (!validTransferId(offer.id)) return refuse(Status.INVALID, 'the transfer id is malformed')
  if (offer.chunkBytes !== FILE_CHUNK_BYTES) return refuse(Status.INVALID, `chunks must be ${FILE_CHUNK_BYTES} bytes`)
  if (offer.fileCount < 1) return refuse(Status.INVALID, 'the offer holds no file')
  if (offer.fileCount > limits.maxOfferFiles) return refuse(Status.TOO_MANY, `at most ${limits.maxOfferFiles} files are taken in one offer; this one has ${offer.fileCount}`)
  if (!Number.isSafeInteger(offer.totalBytes) || offer.totalBytes < 0) return refuse(Status.INVALID, 'the offer\'s size is malformed')
  if (offer.totalBytes > limits.maxOfferBytes) return refuse(Status.TOO_LARGE, `at most ${formatBytes(limits.maxOfferBytes)} are taken in one offer; this one has ${formatBytes(offer.totalBytes)}`)
  return undefined
}

/** Checks the file list against its Offer; undefined when it passes. */
export function offerFilesProblem (offer: Offer, files: FileEntry[]): Answer | undefined {
  if (files.length !== offer.fileCount) return refuse(Status.INVALID, `the offer announced ${offer.fileCount} files but listed ${files.length}`)
  let total = 0
  for (const f of files) {
    if (!Number.isSafeInteger(f.size) || f.size < 0) return refuse(Status.INVALID, 'a file size is malformed')
    if (f.sha256.byteLength !== SHA256_BYTES || f.chunks.byteLength !== SHA256_BYTES) return refuse(Status.INVALID, 'a file hash is not a SHA-256')
    if (f.path === '' || encoder.encode(f.path).byteLength > MAX_FILE_PATH_BYTES) return refuse(Status.INVALID, `a file path is empty or longer than ${MAX_FILE_PATH_BYTES} bytes`)
    total += f.size
  }
  if (total !== offer.totalBytes) return refuse(Status.INVALID, 'the files do not add up to the offer\'s size')
  return undefined
}
