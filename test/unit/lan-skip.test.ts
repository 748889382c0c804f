/**
 * A machine without nftables or tcpdump skips the LAN tests with one line
 * that says what to install, instead of failing them one by one.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { missingLanTools } from '../lan/skip.js'

it('names the packages to install when nft and tcpdump are not on PATH', () => {
  const empty = mkdtempSync(join(tmpdir(), 'lanchat-path-'))
  expect(missingLanTools(empty)).toBe('the LAN test bed needs nftables and tcpdump: apt-get install nftables tcpdump')
})

const DEBIAN_PATH = '/usr/sbin:/usr/bin:/sbin:/bin'

// only where they are installed (CI installs both, and requires them)
it.skipIf(missingLanTools(DEBIAN_PATH) != null && process.env.LANCHAT_REQUIRE_NETNS !== '1')('finds them where Debian puts them', () => {
  expect(missingLanTools(DEBIAN_PATH)).toBeUndefined()
})
