/**
 * File transfers of one daemon, both ways (issue 16): the FilesApi behind
 * the HTTP API and the FilesHandlers behind the wire. An offer to a person
 * who is offline waits (pending) and is made when they are back; an incoming
 * offer waits for accept (or is taken at once from a trusted sender); the
 * receiver fetches, and fetches again after a lost link or a restart from
 * the first chunk it has not verified. What either side owes the other (the
 * offer, a reject, cancel, done or failed notice) is kept in the database
 * until it was heard. Everything moves on `kick()`: at start, when a peer
 * comes online, and on a short timer.
 */
import { mkdir } from 'node:fs/promises'
import { resolve as resolvePath } from 'node:path'
import { peerIdFromString } from '@libp2p/peer-id'
import { v7 as uuidv7 } from 'uuid'
import { FILE_CHUNK_BYTES, MAX_OFFER_BYTES, MAX_OFFER_FILES } from '../../protocols/constants.js'
import { NoticeKind, Status } from '../../protocols/files/pb/files.js'
import { SendToSelfError, UnknownContactError } from '../delivery/errors.js'
import { TransferStateError, UnknownTransferError } from './errors.js'
import { gather } from './gather.js'
import type { GatheredFile } from './gather.js'
import { hashFile, sameBytes } from './hashing.js'
import { existingFile } from './landing.js'
import { answers } from './answers.js'
import { Progress, reasonOf, toView } from './view.js'
import { Receiving, checkPartials, removePartials } from './receive.js'
import type { FileTransfersDeps } from './ports.js'
import type { Uploads } from './uploads.js'
import type { Answer, FilesHandlers } from '../services/files/index.js'
import type { FileEntry, Offer } from '../../protocols/files/pb/files.js'
import type { Owed, TransferRecord } from '../store/files.js'
import type { FileState, FileTransfer } from '../types.js'

/** How often waiting work is looked at again (offers, notices, fetches to resume). */
export const FILES_KICK_INTERVAL_MS = 2_000
/** Retry backoff of one transfer's owed exchange or fetch: doubling from this... */
export const FILES_RETRY_MIN_MS = 1_000
/** ...to this. */
export const FILES_RETRY_MAX_MS = 30_000

const FINAL: FileState[] = ['done', 'rejected', 'cancelled', 'failed']
const NOTICE_OF: Record<Exclude<Owed, 'offer'>, NoticeKind> = { reject: NoticeKind.REJECT, cancel: NoticeKind.CANCEL, done: NoticeKind.DONE, failed: NoticeKind.FAILED }

export class FileTransfers {
  private readonly deps: FileTransfersDeps
  private readonly limits: { maxOfferFiles: number, maxOfferBytes: number }
  /** fetches running here, by transfer id */
  private readonly fetching = new Map<string, AbortController>()
  /** their promises, so stop() can wait for them */
  private readonly runs = new Map<string, Promise<void>>()
  private readonly busy = new Set<string>()
  private readonly progress = new Map<string, Progress>()
  /** bytes this daemon put on the wire per outgoing transfer since it started (resume checks count them) */
  private readonly sentBytes = new Map<string, number>()
  private timer?: NodeJS.Timeout

  constructor (deps: FileTransfersDeps) {
    this.deps = deps
    this.limits = { maxOfferFiles: deps.maxOfferFiles ?? MAX_OFFER_FILES, maxOfferBytes: deps.maxOfferBytes ?? MAX_OFFER_BYTES }
  }

  /** After a restart nothing is moving: what was moving is paused until it resumes. */
  start (): void {
    for (const t of this.deps.store.inStates(['sending', 'receiving'])) this.deps.store.update(t.id, { state: 'paused', reason: 'restart', detail: 'paused by a restart; it goes on by itself' })
    this.timer = setInterval(() => { this.kick() }, FILES_KICK_INTERVAL_MS).unref()
    void this.deps.uploads?.sweep(id => this.deps.store.uploadsInUse().has(id))
    this.kick()
  }

  /** Stops every fetch and waits until each has written where it stopped (before the database closes). */
  async stop (): Promise<void> {
    clearInterval(this.timer)
    for (const c of this.fetching.values()) c.abort(new Error('the daemon is stopping'))
    await Promise.allSettled(this.runs.values())
  }

  // ------------------------------------------------------------ the API

  /** Offers `paths` (files and folders on this computer), or with `upload` what the web client uploaded there (uploads.ts). */
  async send (to: string, paths: string[], opts: { upload?: string } = {}): Promise<{ id: string, state: FileState }> {
    const person = this.deps.peers.resolve(to)
    if (person == null) throw new UnknownContactError(to)
    if (person.peerId === this.deps.self.toString()) throw new SendToSelfError(person.name)
    const files = await this.gatherFor(paths, opts.upload)
    const id = this.createOut(person, files, opts.upload)
    await this.settle(id)
    return { id, state: this.record(id).state }
  }

  /** Offers the same files to each member of a named group: one transfer per member, each accepted (or not) on its own. */
  async sendToGroup (group: string, paths: string[], opts: { upload?: string } = {}): Promise<{ group: string, transfers: Array<{ id: string, peer: string, peerId: string, state: FileState }> }> {
    if (this.deps.groups == null) throw new TransferStateError('this daemon has no groups')
    const { name, members } = this.deps.groups.members(group)
    if (members.length === 0) throw new TransferStateError(`${name} has no other member to send files to`)
    const files = await this.gatherFor(paths, opts.upload)
    const ids = members.map(m => ({ id: this.createOut(m, files, opts.upload), peer: m.name, peerId: m.peerId }))
    await Promise.all(ids.map(async ({ id }) => { await this.settle(id) }))
    return { group: name, transfers: ids.map(t => ({ ...t, state: this.record(t.id).state })) }
  }

  private async gatherFor (paths: string[], upload: string | undefined): Promise<GatheredFile[]> {
    if (upload != null && this.deps.uploads == null) throw new UnknownTransferError(upload)
    return await gather(upload != null ? await (this.deps.uploads as Uploads).paths(upload) : paths, this.limits)
  }

  /** Records an outgoing transfer of `files` to a person, owing them the offer. */
  private createOut (person: { peerId: string, name: string }, files: GatheredFile[], upload: string | undefined): string {
    const id = uuidv7()
    this.deps.store.create({
      id, direction: 'out', peerId: person.peerId, peerName: person.name, state: 'pending', size: files.reduce((n, f) => n + f.size, 0), fileCount: files.length, sentAt: Date.now(), owed: 'offer', upload
    }, files.map((f, idx) => ({ idx, path: f.path, size: f.size, sha256: f.sha256, chunks: f.chunks, source: f.source, mtimeMs: f.mtimeMs, hashList: f.hashList })))
    this.changed(id)
    return id
  }

  list (): FileTransfer[] {
    return this.deps.store.all().map(t => this.view(t))
  }

  get (id: string): FileTransfer {
    return this.view(this.record(id))
  }

  /** Accepts an incoming offer into `dir` (default: downloads); also resumes one paused by a full disk. */
  async accept (id: string, dir?: string): Promise<FileTransfer> {
    const t = this.record(id)
    if (t.direction !== 'in' || !['offered', 'paused', 'accepted'].includes(t.state)) throw new TransferStateError(`transfer ${id} is ${t.state}; only an incoming offer can be accepted`)
    const target = resolvePath(dir ?? t.dir ?? this.deps.downloads)
    await mkdir(target, { recursive: true })
    if (t.state === 'offered') await this.skipWhatIsThere(t, target)
    this.deps.store.update(id, { state: 'accepted', dir: target, reason: null, detail: null, attempts: 0, nextAttemptAt: 0 })
    this.changed(id)
    await this.settle(id)
    return this.get(id)
  }

  async reject (id: string): Promise<FileTransfer> {
    const t = this.record(id)
    if (t.direction !== 'in' || t.state !== 'offered') throw new TransferStateError(`transfer ${id} is ${t.state}; only an incoming offer can be rejected (use cancel)`)
    this.deps.store.update(id, { state: 'rejected', reason: 'by_me', detail: 'you rejected it', owed: 'reject', attempts: 0, nextAttemptAt: 0 })
    this.changed(id)
    await this.settle(id)
    return this.get(id)
  }

  async cancel (id: string): Promise<FileTransfer> {
    const t = this.record(id)
    if (FINAL.includes(t.state)) throw new TransferStateError(`transfer ${id} is ${t.state} already`)
    const told = !(t.direction === 'out' && t.state === 'pending')
    this.deps.store.update(id, { state: 'cancelled', reason: 'by_me', detail: 'you cancelled it', owed: told ? 'cancel' : null, owedStatus: String(Status.CANCELLED), attempts: 0, nextAttemptAt: 0 })
    this.fetching.get(id)?.abort(new Error('cancelled'))
    this.changed(id)
    await this.dropPartials(id)
    await this.settle(id)
    return this.get(id)
  }

  trust (who: string, files: boolean): { peerId: string, name: string, files: boolean } {
    const person = this.deps.peers.resolve(who)
    if (person == null) throw new UnknownContactError(who)
    this.deps.store.setTrusted(person.peerId, files)
    return { ...person, files }
  }

  /** Bytes this daemon sent for an outgoing transfer since it started. */
  bytesSent (id: string): number {
    return this.sentBytes.get(id) ?? 0
  }

  // ------------------------------------------------------------ moving

  /** Looks at everything waiting: owed exchanges and fetches whose peer is online and whose retry time came. */
  kick (peerId?: string): void {
    const now = Date.now()
    const waiting = [...this.deps.store.owing(peerId), ...this.deps.store.inStates(['accepted', 'paused'], 'in')]
    for (const t of waiting) {
      if (peerId == null && t.nextAttemptAt > now) continue
      void this.settle(t.id)
    }
  }

  /** Does the next thing a transfer waits for, if its peer is online: the owed exchange, else the fetch. */
  private async settle (id: string): Promise<void> {
    if (this.busy.has(id)) return
    const t = this.deps.store.get(id)
    if (t == null || !this.deps.peers.isOnline(t.peerId)) return
    this.busy.add(id)
    try {
      if (t.owed != null) await this.deliver(t)
      const now = this.record(id)
      if (now.owed == null && now.direction === 'in' && (now.state === 'accepted' || (now.state === 'paused' && now.reason !== 'disk_full'))) {
        // runs on its own: accept() and the timer do not wait for a whole transfer
        if (this.runs.has(id)) return
        const run = this.fetch(now).catch((err: Error) => {
          this.deps.store.update(id, { state: 'paused', reason: 'failed_to_start', detail: `could not go on: ${err.message}` })
          this.changed(id)
        }).finally(() => { this.runs.delete(id) })
        this.runs.set(id, run)
      }
    } finally {
      this.busy.delete(id)
    }
  }

  private retryLater (t: TransferRecord, change: Parameters<FileTransfersDeps['store']['update']>[1] = {}): void {
    const attempts = this.record(t.id).attempts + 1
    this.deps.store.update(t.id, { ...change, attempts, nextAttemptAt: Date.now() + Math.min(FILES_RETRY_MAX_MS, FILES_RETRY_MIN_MS * 2 ** (attempts - 1)) })
  }

  /** Makes the offer or tells the notice the peer is owed. */
  private async deliver (t: TransferRecord): Promise<void> {
    const peer = peerIdFromString(t.peerId)
    let answer: Answer
    try {
      if (t.owed === 'offer') {
        const entries = this.deps.store.entries(t.id)
        const offer: Offer = {
          id: t.id, from: this.deps.selfName(), fromPeer: this.deps.self.toMultihash().bytes, toPeer: peer.toMultihash().bytes,
          sentAt: t.sentAt, fileCount: entries.length, totalBytes: t.size, chunkBytes: FILE_CHUNK_BYTES
        }
        answer = await this.deps.wire.offer(peer, offer, entries.map((e): FileEntry => ({ path: e.path, size: e.size, sha256: e.sha256, chunks: e.chunks })))
      } else {
        const kind = NOTICE_OF[t.owed as Exclude<Owed, 'offer'>]
        answer = await this.deps.wire.notice(peer, { id: t.id, kind, status: (t.owedStatus ?? Status.STATUS_UNSPECIFIED) as Status, text: t.owedText ?? '' })
      }
    } catch {
      this.retryLater(t)
      return
    }
    if (t.owed === 'offer') {
      if (answer.status === Status.OK) this.deps.store.update(t.id, { owed: null, state: 'offered', attempts: 0, nextAttemptAt: 0 })
      else if (answer.status === Status.STORAGE_FAILED) { this.retryLater(t); return } else this.deps.store.update(t.id, { owed: null, state: 'failed', reason: reasonOf(answer.status), detail: answer.text })
    } else {
      this.deps.store.update(t.id, { owed: null, attempts: 0, nextAttemptAt: 0 })
    }
    this.changed(t.id)
  }

  /** One fetch run of an accepted incoming transfer. */
  private async fetch (t: TransferRecord): Promise<void> {
    if (this.fetching.has(t.id) || t.dir == null) return
    const control = new AbortController()
    this.fetching.set(t.id, control)
    this.deps.store.update(t.id, { state: 'receiving', reason: null, detail: null })
    this.changed(t.id)
    const entries = this.deps.store.entries(t.id)
    await checkPartials(t.dir, t.id, entries, this.deps.store)
    const sink = new Receiving({ id: t.id, dir: t.dir, entries, store: this.deps.store, onProgress: (done) => { this.moved(t, done) } })
    try {
      await this.deps.wire.fetch(peerIdFromString(t.peerId), t.id, sink, { signal: control.signal })
      this.deps.store.update(t.id, { state: 'done', reason: null, detail: null, owed: 'done', owedStatus: String(Status.OK), attempts: 0, nextAttemptAt: 0 })
      await removePartials(t.dir, t.id).catch(() => {})
    } catch (err) {
      await sink.close()
      if (this.record(t.id).state === 'cancelled') return
      const e = err as Error & { status?: Status }
      if (e.name === 'FetchRefusedError' && e.status === Status.CANCELLED) this.deps.store.update(t.id, { state: 'cancelled', reason: 'by_sender', detail: e.message })
      else if (e.name === 'FetchRefusedError' && e.status === Status.UNKNOWN) this.deps.store.update(t.id, { state: 'failed', reason: 'unknown', detail: 'the sender no longer has this transfer' })
      else if (e.name === 'TransferStoppedError' && e.status === Status.DISK_FULL) this.deps.store.update(t.id, { state: 'paused', reason: 'disk_full', detail: e.message, owed: 'failed', owedStatus: String(Status.DISK_FULL), owedText: e.message })
      else if (e.name === 'TransferStoppedError') {
        this.deps.store.update(t.id, { state: 'failed', reason: reasonOf(e.status as Status), detail: e.message, owed: 'failed', owedStatus: String(e.status), owedText: e.message })
        await removePartials(t.dir, t.id).catch(() => {})
      }
      else this.retryLater(t, { state: 'paused', reason: 'link_lost', detail: `the link to the sender was lost (${e.message}); it goes on by itself` })
    } finally {
      this.fetching.delete(t.id)
      this.progress.delete(t.id)
      this.changed(t.id)
    }
    if (this.record(t.id).owed != null) void this.settle(t.id)
  }

  /** An incoming transfer that ended unfinished leaves no partial files behind (once its fetch has stopped). */
  private async dropPartials (id: string): Promise<void> {
    const t = this.deps.store.get(id)
    if (t?.direction !== 'in' || t.dir == null) return
    await this.runs.get(id)
    await removePartials(t.dir, id).catch(() => {})
  }

  /** Files the receiver has already, at the same path with the same SHA-256, are skipped; an empty file is made at once. */
  private async skipWhatIsThere (t: TransferRecord, dir: string): Promise<void> {
    for (const e of this.deps.store.entries(t.id)) {
      const there = await existingFile(dir, e.path)
      if (there == null) continue
      const have = await hashFile(there).catch(() => undefined)
      if (have != null && have.size === e.size && sameBytes(have.sha256, e.sha256)) this.deps.store.setEntry(t.id, e.idx, 'skipped', e.size, e.path)
    }
    await Receiving.makeEmpty(t.id, dir, this.deps.store.entries(t.id), this.deps.store)
  }

  // ------------------------------------------------------------ the wire's handlers

  /** What the file service calls when a peer offers, notifies or fetches (answers.ts). */
  handlers (): FilesHandlers {
    return answers({
      store: this.deps.store,
      peers: this.deps.peers,
      acceptSoon: (id) => { setImmediate(() => { this.accept(id).catch(() => {}) }) },
      stopFetch: (id, why) => {
        this.fetching.get(id)?.abort(new Error(why))
        void this.dropPartials(id)
      },
      changed: (id) => { this.changed(id) },
      moved: (t, bytesDone) => { this.moved(t, bytesDone) },
      countSent: (id, bytes) => { this.sentBytes.set(id, (this.sentBytes.get(id) ?? 0) + bytes) },
      stopped: (id) => { this.progress.delete(id) }
    })
  }

  // ------------------------------------------------------------ views and events

  private record (id: string): TransferRecord {
    const t = this.deps.store.get(id)
    if (t == null) throw new UnknownTransferError(id)
    return t
  }

  private view (t: TransferRecord): FileTransfer {
    return toView(t, this.deps.store.entries(t.id), this.deps.peers.show(t.peerId), this.progress.get(t.id), this.sentBytes.get(t.id))
  }

  private changed (id: string): void {
    const t = this.deps.store.get(id)
    if (t == null) return
    this.deps.emit({ type: 'file', transfer: this.view(t) })
    // files uploaded to be sent are kept only while their transfer may still need them
    if (t.upload != null && FINAL.includes(t.state) && !this.deps.store.uploadsInUse().has(t.upload)) void this.deps.uploads?.remove(t.upload)
  }

  private moved (t: TransferRecord, bytesDone: number): void {
    let p = this.progress.get(t.id)
    if (p == null) {
      p = new Progress()
      this.progress.set(t.id, p)
    }
    if (p.update(bytesDone, Date.now())) {
      this.deps.emit({ type: 'file-progress', id: t.id, direction: t.direction, peerId: t.peerId, bytesDone, size: t.size, bytesPerSecond: p.rate })
    }
  }
}
