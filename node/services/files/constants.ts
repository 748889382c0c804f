/** Defaults of the file service (FilesInit), each with its reason; the wire's own limits are in protocols/constants.ts. */

/**
 * Bytes of file data a receiver lets wait for its disk before it pauses the
 * stream: two chunks' worth. yamux may have up to its window (the daemon's:
 * 4 MiB) in flight on top, so a paused stream may buffer that much (see
 * RECEIVE_READ_BUFFER_BYTES). 2 MiB moved 1 GiB between two daemons as fast
 * as 8 MiB did (81-94 against 82-87 MiB/s, three runs each, 2026-11-30).
 */
export const RECEIVE_HIGH_WATER_BYTES = 2 * 1024 * 1024
/** ...and resumes once this little waits (two data frames). */
export const RECEIVE_LOW_WATER_BYTES = 512 * 1024
/**
 * Bytes a paused transfer stream may hold before libp2p resets it: a safety
 * net, not the bound. What it holds is what yamux's window still allowed
 * when it paused (a paused yamux stream grants no more): the daemon's window
 * is 4 MiB (MAX_STREAM_WINDOW_BYTES in node/daemon/options.ts), yamux's
 * default and largest usual one 16 MiB; this is that plus one frame, so a
 * node with any window up to yamux's default works. (A pause made while
 * libp2p was still resuming used to undo itself and let the buffer grow
 * without end: see FrameReader.resume.)
 */
export const RECEIVE_READ_BUFFER_BYTES = 16 * 1024 * 1024 + 1024 * 1024
