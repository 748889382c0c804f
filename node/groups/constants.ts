/**
 * The daemon's group limits and timings, each with its unit and reason
 * (the wire's own limits are in protocols/constants.ts, GROUP_*).
 */
import { MAX_CHAT_BODY_BYTES } from '../../protocols/constants.js'

/** Posts of one group kept while the record they were sent under has not arrived: a forger cannot fill the disk. */
export const MAX_GROUP_PENDING = 1000
/**
 * Posts kept, all together, for groups I hold no record of at all (a post
 * may beat its group's first record here; a stranger could otherwise name a
 * new made-up group id with each post and fill the disk 1000 at a time).
 */
export const MAX_UNKNOWN_GROUP_PENDING = 200
/**
 * Text of one group post, in UTF-8 bytes: the signed post (text, ids, names,
 * signature: < 1 KiB) rides in one chat frame (MAX_CHAT_FRAME_BYTES = body
 * limit + 4 KiB), so it stays 4 KiB under a 1:1 message's limit.
 */
export const MAX_GROUP_BODY_BYTES = MAX_CHAT_BODY_BYTES - 4 * 1024
/** Items read per query while draining a member's queue. */
export const GROUP_QUEUE_PAGE = 200
/** The everyone room compares heads with one of its peers this often (a post missed while connected comes back within it). */
export const ROOM_SYNC_MS = 5_000
/** A daemon with fewer peers in the everyone room dials online members until it has this many: a sparse, connected graph, not a full mesh. */
export const ROOM_MIN_PEERS = 3
/**
 * Posts a member takes by repair per sync round and sender (a member back
 * after a long absence catches up over a few rounds instead of holding one
 * peer's stream for its whole backlog): 4 batches.
 */
export const ROOM_REPAIR_PER_ROUND = 1_024
/** Deadline of one dial made to join the everyone room. */
export const ROOM_DIAL_TIMEOUT_MS = 5_000
