/**
 * The sending end of the file floor as a process of its own, so that it can
 * run under the daemon's V8 flags (`node FLAGS bulk-send.js ADDRESS BYTES`):
 * sends BYTES to the bulk sink at ADDRESS (floors/bulk.ts) and prints the
 * seconds it took as its one line, then waits to be stopped (spawnChild
 * takes a child that exits before its line is read for one that failed).
 */
import { libp2pBulk } from './bulk.js'

const [address, bytes] = process.argv.slice(2)
if (address == null || !(Number(bytes) > 0)) {
  console.error('usage: bulk-send.js ADDRESS BYTES')
  process.exit(2)
}
const seconds = await libp2pBulk(address, Number(bytes))
console.log(String(seconds))
setInterval(() => {}, 60_000)
