/** Defaults of the file service (FilesInit), each with its reason; the wire's own limits are in protocols/constants.ts. */

/**
 * Bytes of file data a receiver lets wait for its disk before it pauses the
 * stream: two chunks' worth. yamux may have up to its window (4 MiB) in
 * flight on top, so a paused stream may buffer that much (see
 * RECEIVE_READ_BUFFER_BYTES). 2 MiB moved 1 GiB between two daemons as fast
 * as 8 MiB did (81-94 against 82-87 MiB/s, three runs each, 2026-11-30).
 */
export const RECEIVE_HIGH_WATER_BYTES = 2 * 1024 * 1024
/** ...and resumes once this little waits (two data frames). */
export const RECEIVE_LOW_WATER_BYTES = 512 * 1024
/**
 * A paused transfer stream holds at most what yamux's window still allowed
 * when it paused (MAX_STREAM_WINDOW_BYTES, 4 MiB, in node/daemon/options.ts;
 * a paused yamux stream grants no more), plus one frame: above that libp2p
 * resets the stream. (A pause made while libp2p was still resuming used to
 * undo itself: see FrameReader.resume.) A unit test keeps the two in step.
 */
export const RECEIVE_READ_BUFFER_BYTES = 4 * 1024 * 1024 + 1024 * 1024
