/** Defaults of the chat service (ChatInit), each with its reason; the wire's own limits are in protocols/constants.ts. */

/** A send waits this long for the ack (opening the channel included) when the caller gives no signal: a peer that is up answers in a round trip. */
export const ACK_TIMEOUT_MS = 3_000
/** Bytes that may wait to be written to one peer: a slow peer cannot grow our heap past this (the stream's own cap is the same). */
export const CHAT_WRITE_BUFFER_BYTES = 4 * 1024 * 1024
/** A channel whose peer reads nothing for this long while frames wait for it is given up: a healthy peer drains within a round trip. */
export const DRAIN_TIMEOUT_MS = 5_000
/** Opening a channel (new stream, protocol negotiation) must finish within this. */
export const OPEN_TIMEOUT_MS = 5_000
/** Closing a channel waits this long for the peer to close its end, then aborts. */
export const CLOSE_TIMEOUT_MS = 2_000
