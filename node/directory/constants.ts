/** Limits of the daemon's directory, each with its reason. */

/**
 * Strangers kept as message requests (wrote to me; neither verified by the
 * index nor found on my segment). A flood of fresh keys stops here: further
 * strangers are refused until I answer, block or forget some.
 */
export const MAX_MESSAGE_REQUESTS = 100
/** PeerIds mDNS found on my segment before they said who they are, remembered so their presence lands in the people list. */
export const MAX_LAN_SEEN = 1_024
