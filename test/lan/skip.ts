/**
 * LAN tests need root and `ip netns`. Where they cannot run they are skipped
 * with one line saying why; with LANCHAT_REQUIRE_NETNS=1 (set by .ci/run) that
 * is a failure instead, so CI always runs them.
 */
import { unavailable } from './testbed.js'

export const lanSkipReason = unavailable()
if (lanSkipReason != null) {
  if (process.env.LANCHAT_REQUIRE_NETNS === '1') {
    throw new Error(`LANCHAT_REQUIRE_NETNS=1 but ${lanSkipReason}`)
  }
  console.log(`LAN test bed skipped: ${lanSkipReason}`)
}
