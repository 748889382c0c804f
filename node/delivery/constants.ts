/** Timing of the delivery chain. Each is a default of the Delivery init. */

/** Dial + write + ack for a peer the directory says is online. */
export const DIRECT_TIMEOUT_MS = 3_000
/** A direct try at a peer we only have old addresses for (index down): fail fast, keep it queued. */
export const DIRECT_GUESS_TIMEOUT_MS = 1_500
/** Messages in flight at once to a peer that is online (in order on its chat stream); one round trip each otherwise. */
export const DIRECT_WINDOW = 64
/** ...and at most about this many body bytes (the chat stream buffers at most 4 MiB). */
export const DIRECT_WINDOW_BYTES = 1024 * 1024
/** Deposit at the index server, until its durable-commit answer. */
export const DEPOSIT_TIMEOUT_MS = 5_000
/** How long `send` waits for the chain before answering with the state reached so far. */
export const SEND_ANSWER_DEADLINE_MS = 9_000
/** First retry of a queued message; doubles per attempt up to RETRY_MAX_MS. */
export const RETRY_MIN_MS = 2_000
export const RETRY_MAX_MS = 60_000
/** How often the outbox is scanned for due retries. */
export const OUTBOX_TICK_MS = 2_000
/** Receipts owed to a peer that is online are tried again this often (a try can fail while a connection is being made). */
export const RECEIPT_RETRY_MS = 5_000
/** Envelopes per relay fetch. */
export const FETCH_BATCH = 256
/** After a relayed message could not be stored (e.g. disk full), fetch again this much later. */
export const FETCH_RETRY_MS = 5_000
