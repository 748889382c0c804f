/**
 * LAN tests need root, `ip netns` (iproute2), nftables (firewalls, lossy
 * links) and tcpdump (what crosses the wire). Where they cannot run they are
 * skipped with one line saying why and what to install; with
 * LANCHAT_REQUIRE_NETNS=1 (set by .ci/run, which installs them) that is a
 * failure instead, so CI always runs them.
 */
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { unavailable } from './testbed.js'

/** Programs the LAN tests run besides `ip`, each with the Debian package that brings it. */
export const LAN_TOOLS: Record<string, string> = { nft: 'nftables', tcpdump: 'tcpdump' }

function onPath (program: string, path: string): boolean {
  return path.split(delimiter).some(dir => {
    try {
      accessSync(join(dir, program), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/** Why the LAN tools are missing from `path` (and what to install), or undefined when all are there. */
export function missingLanTools (path = process.env.PATH ?? ''): string | undefined {
  const packages = Object.entries(LAN_TOOLS).filter(([program]) => !onPath(program, path)).map(([, pkg]) => pkg)
  if (packages.length === 0) return undefined
  return `the LAN test bed needs ${packages.join(' and ')}: apt-get install ${packages.join(' ')}`
}

export const lanSkipReason = unavailable() ?? missingLanTools()
if (lanSkipReason != null) {
  if (process.env.LANCHAT_REQUIRE_NETNS === '1') {
    throw new Error(`LANCHAT_REQUIRE_NETNS=1 but ${lanSkipReason}`)
  }
  console.log(`LAN test bed skipped: ${lanSkipReason}`)
}
