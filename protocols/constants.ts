/**
 * The wire contract shared by `lanchat-index` and `lanchat daemon`: every
 * protocol id, port default, size limit and protocol timeout, in one place.
 *
 * @example
 * ```ts
 * import { CHAT_PROTOCOL, MAX_CHAT_BODY_BYTES } from '../protocols/constants.js'
 * ```
 */

/** First segment of every lanchat protocol id. */
export const PROTOCOL_PREFIX = 'lanchat'

function protocolId (name: string, version: string): string {
  return `/${PROTOCOL_PREFIX}/${name}/${version}`
}

/** Directory + presence feed between a daemon and the index server: the session. */
export const INDEX_PROTOCOL = protocolId('index', '1.0.0')
/** Store-and-forward of envelopes for offline recipients, at the index server. */
export const RELAY_PROTOCOL = protocolId('relay', '1.0.0')
/** Direct chat between two peers: messages, acks, read receipts, typing. */
export const CHAT_PROTOCOL = protocolId('chat', '1.0.0')
/** Direct presence between two connected peers. */
export const PRESENCE_PROTOCOL = protocolId('presence', '1.0.0')
/** Files between two peers: offers, notices (reject, cancel, done) and one transfer stream per transfer. Never through the index server. */
export const FILES_PROTOCOL = protocolId('files', '1.0.0')

// ---------------------------------------------------------------- ports

/** UDP port of the login service: well known, so daemons can find the index by broadcast. */
export const DEFAULT_UDP_PORT = 47470
/** TCP port the index server's libp2p node listens on. */
export const DEFAULT_INDEX_TCP_PORT = 47471
/** TCP port a daemon's libp2p node prefers (falls back to any free port when taken). */
export const DEFAULT_PEER_TCP_PORT = 47472
/** Port of a daemon's local HTTP API on 127.0.0.1 (falls back to any free port when taken). */
export const DEFAULT_API_PORT = 47480

// ---------------------------------------------------------------- UDP login

/** First four bytes of every login datagram: "LCHT". Tells garbage from requests. */
export const LOGIN_MAGIC = Uint8Array.from([0x4c, 0x43, 0x48, 0x54])
/** Wire version in byte 4 of every datagram; a server answers others with UNSUPPORTED_VERSION. */
export const LOGIN_WIRE_VERSION = 1
/** Random nonce in every datagram header (128 bits); a reply carries the request's nonce. */
export const NONCE_BYTES = 16
/** magic (4) + version (1) + nonce (16); the same in every version. */
export const DATAGRAM_HEADER_BYTES = LOGIN_MAGIC.length + 1 + NONCE_BYTES
/** A LOGIN is padded to exactly this size and smaller ones are dropped: replies are never larger, so no amplification. */
export const LOGIN_DATAGRAM_BYTES = 1024
/** Larger datagrams are dropped before decoding (fits one Ethernet frame). */
export const MAX_DATAGRAM_BYTES = 1280

// ---------------------------------------------------------------- names and fields

/** Longest user name, in characters (Unicode code points). */
export const MAX_NAME_CHARS = 32
/** Longest status text, in characters. */
export const MAX_STATUS_TEXT_CHARS = 140
/** Most multiaddrs a peer may announce (more are ignored by the sender, refused by the decoder). */
export const MAX_ADDRS = 16
/** Longest multiaddr, in bytes. */
export const MAX_ADDR_BYTES = 128
/** Longest agent string ("lanchat/0.1.0"), in characters. */
export const MAX_AGENT_CHARS = 64
/** Names nobody can take: "everyone" is the office-wide group. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['everyone', 'index', 'admin', 'system'])

// ---------------------------------------------------------------- new names at the index server
// A name is bound for good on first use, and every bound name is in everyone's
// directory: fresh keys must not be able to fill it. A person registers once;
// these limits only slow down a script (50 fresh keys once bound 50 names in 1.6 s).

/** New names one source IP may bind at once: a few colleagues sharing one PC, NAT or terminal server starting together. */
export const NEW_NAMES_SOURCE_BURST = 10
/** Then new names per hour from one source IP (one every 3 minutes): a shared machine's users still all register within a day. */
export const NEW_NAME_RATE_PER_SOURCE_PER_HOUR = 20
/** New names bound at once over all sources: a whole office starting lanchat on its first morning. */
export const NEW_NAMES_TOTAL_BURST = 200
/** Then new names per hour over all sources (one every 3 s): an office of 1 000 is registered within an hour of the burst. */
export const NEW_NAME_RATE_TOTAL_PER_HOUR = 1_200

// ---------------------------------------------------------------- index protocol

/** Largest index frame: a snapshot chunk of SNAPSHOT_CHUNK_USERS users of at most ~2.8 KiB each (16 addresses of up to 128 bytes, 32-character name, 140-character text). */
export const MAX_INDEX_FRAME_BYTES = 64 * 1024
/** Users per snapshot frame, so one frame stays under MAX_INDEX_FRAME_BYTES even with the longest names, addresses and texts. */
export const SNAPSHOT_CHUNK_USERS = 16
/** How long the server waits for Hello after the index stream opens. */
export const HELLO_TIMEOUT_MS = 5_000
/** Default interval of the index server's heartbeat pings. */
export const HEARTBEAT_INTERVAL_MS = 2_000
/** A session with no answered ping for this many intervals is announced offline (default 6 s, well within 10 s). */
export const HEARTBEAT_MISSES = 3
/** Inbound index streams per connection: one session, one spare while a replaced one closes. */
export const INDEX_MAX_STREAMS = 2
/** A session gets at most one fresh snapshot (Resync) per this interval; a request within it is answered when it has passed (a snapshot costs the server the whole directory). */
export const RESYNC_MIN_INTERVAL_MS = 1_000

// ---------------------------------------------------------------- relay

/** Largest opaque payload of one envelope: a chat body plus sealing overhead. */
export const MAX_RELAY_PAYLOAD_BYTES = 80 * 1024
/** Largest relay request (a deposit with the largest payload, or an ack of a whole batch): from any registered peer. */
export const MAX_RELAY_REQUEST_BYTES = 96 * 1024
/** Largest shared deposit (one group body + a wrap envelope per offline member, up to 1024 of them, ~150 bytes each). */
export const MAX_RELAY_SHARED_REQUEST_BYTES = 256 * 1024
/** One recipient's key wrap in a shared deposit (an encoded Wrap: 8-byte tag + 48 sealed bytes + framing). */
export const MAX_SHARED_WRAP_BYTES = 128
/** Largest relay response: a fetch batch, from the (pinned) index server. */
export const MAX_RELAY_FRAME_BYTES = 2 * 1024 * 1024
/** Envelopes per fetch batch (also capped by MAX_RELAY_BATCH_BYTES). */
export const RELAY_BATCH_COUNT = 256
/** Payload bytes per fetch batch, so a batch fits in MAX_RELAY_FRAME_BYTES. */
export const RELAY_BATCH_BYTES = 1024 * 1024
/** Longest message id, in characters (a UUID is 36). */
export const MAX_MESSAGE_ID_CHARS = 64
/** Default per-recipient quota: envelopes waiting. */
export const RELAY_QUOTA_COUNT = 1_000
/** Default per-recipient quota: payload bytes waiting. */
export const RELAY_QUOTA_BYTES = 16 * 1024 * 1024
/** Share of a recipient's quota (count and bytes) one sender may fill: a flood from one key leaves three quarters for everyone else, and a sender whose share is full keeps the rest in its outbox until the recipient fetches. */
export const RELAY_SENDER_SHARE = 0.25
/** Default retention of a waiting envelope: 7 days (relayed envelopes have no forward secrecy). */
export const RELAY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000
/**
 * How long the relay keeps a note for a sender that it dropped one of its
 * envelopes (ids and reasons only): long enough for a sender who is away for
 * weeks to hear of it at its next login.
 */
export const EXPIRED_NOTICE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000
/** Notes kept per sender; past this the oldest go first, so one sender cannot grow the index's disk without bound. */
export const MAX_EXPIRED_NOTICES_PER_SENDER = 10_000
/** Deadline of one relay exchange (request + response). */
export const RELAY_TIMEOUT_MS = 10_000
/** Concurrent relay streams per connection. */
export const RELAY_MAX_STREAMS = 4

// ---------------------------------------------------------------- chat and presence

/** Largest message body, in UTF-8 bytes. */
export const MAX_CHAT_BODY_BYTES = 64 * 1024
/** Largest chat frame: a message with the largest body plus its other fields. */
export const MAX_CHAT_FRAME_BYTES = MAX_CHAT_BODY_BYTES + 4 * 1024
/** Chat streams per connection (each side may open one at the same moment). */
export const CHAT_MAX_STREAMS = 4
/** Largest presence frame. */
export const MAX_PRESENCE_FRAME_BYTES = 2 * 1024
/** Presence streams per connection. */
export const PRESENCE_MAX_STREAMS = 4

// ---------------------------------------------------------------- groups

/** Groups between members: push, repair (want), heads, read state. */
export const GROUP_PROTOCOL = protocolId('group', '1.0.0')
/** The built-in room of every registered user: its group id (never a generated id: those are 32 hex characters). */
export const EVERYONE_GROUP_ID = 'everyone'
/** Its name, as shown and as `--group` takes it. */
export const EVERYONE_GROUP_NAME = 'everyone'
/** The gossipsub topic of the everyone room: its posts (SignedItem) as message data. */
export const EVERYONE_TOPIC = 'lanchat/everyone/1'
/** Largest group frame: a push of a few signed posts, or a record of 1024 members (~50 KiB). */
export const MAX_GROUP_FRAME_BYTES = 512 * 1024
/** A group's name, in characters: a line in a list (the name rules of people do not apply: "Lunch crew" is fine). */
export const MAX_GROUP_NAME_CHARS = 64
/** Members of a named group: a record must stay one frame. */
export const MAX_GROUP_MEMBERS = 1024
/** Above this many members (and in the everyone room) posts are gossiped over members' connections, not sent to each member. */
export const GROUP_FANOUT_MAX_MEMBERS = 64
/** One group exchange (a push, a want, heads), dial included. */
export const GROUP_TIMEOUT_MS = 5_000
/** Group streams per connection, each way. */
export const GROUP_MAX_STREAMS = 8
/** Posts sent in one repair answer or one push. */
export const GROUP_BATCH_ITEMS = 256
/**
 * Version of the many-recipient seal (SealedItem). Not 1: a relayed payload
 * is either a 1:1 SealedEnvelope (version 1) or a SealedItem, and field 1 of
 * both is the version, so a recipient tells them apart by it.
 */
export const GROUP_SEAL_VERSION = 2

// ---------------------------------------------------------------- files

/** Unit of verification and of resume: each chunk's SHA-256 is checked as it arrives, and a transfer resumes at the first chunk not verified. 1 MiB: a 1 GiB file has a 32 KiB hash list, and a lost link costs at most 1 MiB again. */
export const FILE_CHUNK_BYTES = 1024 * 1024
/** File bytes per data frame: a few Noise frames (64 KiB each); big enough that framing costs little, small enough to keep both ends' buffers small. */
export const FILE_DATA_FRAME_BYTES = 256 * 1024
/** Chunk hashes per hash-list frame (32 bytes each): 128 KiB, the hash list of a 4 GiB file. */
export const FILE_HASHES_PER_FRAME = 4096
/** File entries per offer frame; an offer of more files takes several frames. */
export const FILE_ENTRIES_PER_FRAME = 256
/** Longest relative path of a file in an offer, in UTF-8 bytes (Linux's PATH_MAX is 4096; 1 KiB keeps an offer frame of 256 entries under MAX_FILES_FRAME_BYTES). */
export const MAX_FILE_PATH_BYTES = 1024
/** Longest single name in a path, in UTF-8 bytes (the common file system limit). */
export const MAX_FILE_NAME_BYTES = 255
/** Deepest folder nesting in an offer (a path of more parts is refused). */
export const MAX_FILE_PATH_DEPTH = 32
/** Largest frame of the file protocol: a data frame, a hash-list frame or an offer frame with their fields. */
export const MAX_FILES_FRAME_BYTES = 512 * 1024
/** Default most files one offer may hold (receivers refuse more, senders do not offer more); configurable with --max-offer-files. */
export const MAX_OFFER_FILES = 10_000
/** Default most bytes one offer may hold: 64 GiB; configurable with --max-offer-bytes. */
export const MAX_OFFER_BYTES = 64 * 1024 ** 3
/** Offers waiting for my answer from one person; more are refused until I accept or reject some (a flood of offers cannot fill the database). */
export const MAX_WAITING_OFFERS_PER_PEER = 100
/** Longest transfer id, in characters (a UUID is 36). */
export const MAX_TRANSFER_ID_CHARS = 64
/** Longest text of a notice (why a transfer was refused, cancelled or failed), in characters. */
export const MAX_NOTICE_TEXT_CHARS = 280
/** Deadline of one offer or notice exchange (request + reply). */
export const FILES_EXCHANGE_TIMEOUT_MS = 10_000
/** A transfer stream on which nothing arrives for this long is given up (paused, resumed later): a healthy sender writes continuously. */
export const FILES_IDLE_TIMEOUT_MS = 15_000
/** File protocol streams per connection: offers and notices are short; a transfer each way, with room. */
export const FILES_MAX_STREAMS = 8
