/**
 * An office on one LAN (issue 19): the index host and twelve colleagues'
 * hosts on one bridge, default settings (broadcast login, mDNS on), all
 * twelve daemons launched within 2 s, as on a Monday morning.
 *
 * Everyone soon sees every colleague online and verified, and still does
 * 20 s later; everyone sends to three colleagues and each message arrives
 * once; each pair of colleagues holds exactly one connection. The index
 * host's cable is pulled for 25 s: everyone still sees everyone (mDNS and
 * presence on the segment); plugged back, the full directory is back too.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { stopAllDaemons } from '../helpers/daemon-process.js'
import { stopAllIndexes } from '../helpers/index-process.js'
import { INDEX_HOST, Office } from '../helpers/office.js'
import { lanSkipReason } from './skip.js'

/** Colleagues on the segment (the issue asks for 12 or more). */
const PEOPLE = 12
/** From launch to every daemon seeing every colleague online and verified (13-27 s measured on the shared 2-core machine; start-up CPU is most of it). */
const FULL_DIRECTORY_MS = 90_000
/** From the index host's link coming back to the full directory again (10-20 s measured: daemons retry the index with backoff up to 10 s). */
const BACK_MS = 45_000
/** How long the index host stays unplugged. */
const UNPLUGGED_MS = 25_000

let office: Office | undefined

afterEach(async () => {
  await office?.close()
  office = undefined
  await stopAllDaemons()
  await stopAllIndexes()
})

/** Every pair of colleagues, with how many TCP connections it holds (0 when none). */
async function connectionsOfEveryPair (o: Office): Promise<number[]> {
  const pairs = await o.connectionsPerPair()
  return o.names.flatMap((a, i) => o.names.slice(i + 1).map(b => pairs.get(`${a} ${b}`) ?? 0))
}

describe.skipIf(lanSkipReason != null)('an office on one LAN', () => {
  it(`${PEOPLE} colleagues at once: full directory, one connection per pair, messages once, the index host unplugged and back`, async () => {
    office = await Office.open(PEOPLE)
    await office.launch({ readyMs: 60_000 })
    expect(office.launchSpreadMs).toBeLessThan(2_000)
    const loggedIn = await office.allLoggedIn(FULL_DIRECTORY_MS)
    await office.fullDirectory(FULL_DIRECTORY_MS - (performance.now() - office.launchedAt))
    const full = performance.now() - office.launchedAt
    console.log(`office of ${PEOPLE}: launched within ${Math.round(office.launchSpreadMs)} ms; all logged in ${Math.round(loggedIn)} ms, full directory (all online and verified) ${Math.round(full)} ms after launch`)

    // 20 s later nobody has gone missing
    expect(await office.watch(20_000, { verified: true })).toEqual([])
    await office.fullDirectory(1_000)

    // everyone writes to the next three colleagues; each message arrives once
    const sent = await Promise.all(office.daemons.map(async (d, i) => await Promise.all([1, 2, 3].map(async (k) => {
      const to = office!.daemons[(i + k) % PEOPLE]
      const r = await d.send(to.name, `${d.name} to ${to.name}: good morning`)
      return { from: d.name, to, id: r.id, state: r.state }
    }))))
    for (const { from, to, id } of sent.flat()) {
      const history = await to.received(from, [id], 30_000)
      expect(history.filter(m => m.id === id)).toHaveLength(1)
    }
    console.log(`sends: ${sent.flat().map(s => s.state).filter(s => s === 'delivered').length} of ${sent.flat().length} answered delivered at once`)

    expect(await connectionsOfEveryPair(office)).toEqual(Array(PEOPLE * (PEOPLE - 1) / 2).fill(1))

    // the index host's cable is pulled: everyone notices, and still sees everyone
    const pulled = performance.now()
    const marks = office.daemons.map(d => d.events.length)
    await office.lan.linkDown(INDEX_HOST)
    const watching = office.watch(UNPLUGGED_MS)
    await Promise.all(office.daemons.map(async (d, i) => await d.event(e => e.type === 'index' && !e.connected, UNPLUGGED_MS, marks[i])))
    const noticed = performance.now() - pulled
    expect(await watching).toEqual([])
    await office.fullDirectory(1_000)
    console.log(`index host unplugged: all daemons noticed within ${Math.round(noticed)} ms; nobody saw a colleague offline in ${UNPLUGGED_MS / 1000} s`)

    // plugged back: logged in again, everyone online and verified
    const back = performance.now()
    const again = office.daemons.map(d => d.events.length)
    await office.lan.linkUp(INDEX_HOST)
    await Promise.all(office.daemons.map(async (d, i) => await d.event(e => e.type === 'index' && e.connected, BACK_MS, again[i])))
    await office.fullDirectory(BACK_MS - (performance.now() - back))
    console.log(`index host back: full directory again after ${Math.round(performance.now() - back)} ms`)
    expect(Math.max(...await connectionsOfEveryPair(office))).toBe(1)
  }, 300_000)
})
