/** Defaults of the file service (FilesInit), each with its reason; the wire's own limits are in protocols/constants.ts. */

/**
 * Bytes of file data a receiver lets wait for its disk before it pauses the
 * stream: a few disk writes' worth. yamux may have up to its 16 MiB window
 * in flight on top, so a paused stream may buffer that much (see
 * RECEIVE_READ_BUFFER_BYTES).
 */
export const RECEIVE_HIGH_WATER_BYTES = 8 * 1024 * 1024
/** ...and resumes once this little waits. */
export const RECEIVE_LOW_WATER_BYTES = 2 * 1024 * 1024
/**
 * A paused transfer stream may hold two of yamux's largest windows (16 MiB
 * each) and one frame more before libp2p resets it: resuming grants the
 * sender a whole window again at once, while what arrived meanwhile may
 * pause the stream again before it is read (one window was seen to break
 * 1 GiB transfers every few seconds under load once the sender got faster).
 */
export const RECEIVE_READ_BUFFER_BYTES = 2 * 16 * 1024 * 1024 + 1024 * 1024
