/**
 * Limits and defaults of the daemon's local HTTP API, each with its reason.
 */

/** The API only ever binds here: other machines (and containers) must not reach it. */
export const API_HOST = '127.0.0.1'
/** Largest request body: a chat body (64 KiB) JSON-escaped can grow up to 6x in the worst case, so 256 KiB leaves room without letting a client pin memory. */
export const API_BODY_LIMIT_BYTES = 256 * 1024
/** Messages returned by GET /api/messages when no limit is given. */
export const DEFAULT_HISTORY_LIMIT = 100
/** Most messages one GET /api/messages may return, so one call cannot dump the whole store. */
export const MAX_HISTORY_LIMIT = 1000
/** Most ids in one POST /api/read; a client marks more by leaving ids out (= all). */
export const MAX_READ_IDS = 1000
/** Longest conversation name accepted in a request, in characters (a user or group name is at most 32; room for later group ids). */
export const MAX_PEER_NAME_CHARS = 64
/** Most people named in one group request (create, add, remove, admin): a named group has at most 64 members for now. */
export const MAX_GROUP_PEOPLE = 64
/** Interval of the `: keepalive` comment on the event stream, so idle proxies and clients notice dead connections. */
export const SSE_KEEPALIVE_MS = 15_000
/** An event-stream client that lets this much pile up unread is cut off instead of growing the daemon's memory. */
export const MAX_SSE_BUFFER_BYTES = 4 * 1024 * 1024
/**
 * Most connections the API holds at once: a person's web tabs, CLI commands
 * and `lanchat chat` sessions need a handful, but a script sending while the
 * daemon is slow or stopped (each send is answered within 9 s, and requests
 * queue up while the process is frozen) holds one per send: 128 refused
 * sends in a 10 msg/s burst to a frozen daemon (the soak). A local process
 * opening thousands of idle ones is refused past this instead of holding
 * file descriptors.
 */
export const API_MAX_CONNECTIONS = 512
/** A client must send its request headers within this, or the connection is dropped (Node's default is 60 s). */
export const API_HEADERS_TIMEOUT_MS = 10_000
/** An idle keep-alive connection is closed after this. */
export const API_KEEP_ALIVE_TIMEOUT_MS = 5_000
