/**
 * The chat service class: channels per peer, pending acks, and the checks
 * made on every message before the daemon sees it. See index.ts for the API.
 */
import { setMaxListeners } from 'node:events'
import { NotStartedError, serviceCapabilities } from '@libp2p/interface'
import { logger } from '@libp2p/logger'
import { CHAT_MAX_STREAMS, CHAT_PROTOCOL, MAX_CHAT_BODY_BYTES, MAX_CHAT_FRAME_BYTES } from '../../../protocols/constants.js'
import { AckStatus, ChatFrame } from '../../../protocols/chat/pb/chat.js'
import { encodeFrame } from '../../../protocols/frames.js'
import { ChatChannel } from './channel.js'
import { ACK_TIMEOUT_MS, CHAT_WRITE_BUFFER_BYTES, CLOSE_TIMEOUT_MS, DRAIN_TIMEOUT_MS, OPEN_TIMEOUT_MS } from './constants.js'
import { raceSignal } from '../streams.js'
import { encodeOutgoing, incomingProblem, validId } from './checks.js'
import { AckTimeoutError, ChannelClosedError, InvalidMessageError } from './errors.js'
import type { ChatComponents, ChatHandlers, ChatInit, ChatSendOptions, ChatService } from './types.js'
import type { Ack, Message } from '../../../protocols/chat/pb/chat.js'
import type { Connection, Logger, PeerId, Startable, Stream } from '@libp2p/interface'
import { failpoint } from '../../../runtime/failpoint.js'

/** Ids per Receipt frame: the decoder's limit in chat.proto. */
const MAX_RECEIPT_IDS = 256

export const defaultValues = {
  ackTimeoutMs: ACK_TIMEOUT_MS,
  maxBodyBytes: MAX_CHAT_BODY_BYTES,
  maxFrameBytes: MAX_CHAT_FRAME_BYTES,
  maxWriteBufferBytes: CHAT_WRITE_BUFFER_BYTES,
  drainTimeoutMs: DRAIN_TIMEOUT_MS,
  openTimeoutMs: OPEN_TIMEOUT_MS,
  closeTimeoutMs: CLOSE_TIMEOUT_MS,
  maxInboundStreams: CHAT_MAX_STREAMS,
  maxOutboundStreams: CHAT_MAX_STREAMS
}

/** One message waiting for its ack; shared by every `send()` of the same id to the same peer. */
interface PendingAck {
  key: string
  result: PromiseWithResolvers<AckStatus>
  waiters: number
  settled: boolean
  /** aborted when the entry is dropped, so a frame still queued is not written */
  cancel: AbortController
  channel?: ChatChannel
}

export class Chat implements ChatService, Startable {
  readonly [Symbol.toStringTag] = 'lanchat/chat'
  readonly [serviceCapabilities]: string[] = ['@lanchat/chat']
  private readonly components: ChatComponents
  private readonly log: Logger
  private readonly opts: typeof defaultValues
  private handlers?: ChatHandlers
  /** open streams per peer, oldest first; new frames go on the newest live one */
  private readonly channels = new Map<string, ChatChannel[]>()
  private readonly opening = new Map<string, Promise<ChatChannel>>()
  private readonly pending = new Map<string, PendingAck>()
  private shutdown = new AbortController()
  private started = false

  constructor (components: ChatComponents, init: ChatInit = {}) {
    this.components = components
    this.log = components.logger?.forComponent('lanchat:chat') ?? logger('lanchat:chat')
    this.opts = {
      ackTimeoutMs: init.ackTimeoutMs ?? defaultValues.ackTimeoutMs,
      maxBodyBytes: init.maxBodyBytes ?? defaultValues.maxBodyBytes,
      maxFrameBytes: init.maxFrameBytes ?? defaultValues.maxFrameBytes,
      maxWriteBufferBytes: init.maxWriteBufferBytes ?? defaultValues.maxWriteBufferBytes,
      drainTimeoutMs: init.drainTimeoutMs ?? defaultValues.drainTimeoutMs,
      openTimeoutMs: init.openTimeoutMs ?? defaultValues.openTimeoutMs,
      closeTimeoutMs: init.closeTimeoutMs ?? defaultValues.closeTimeoutMs,
      maxInboundStreams: init.maxInboundStreams ?? defaultValues.maxInboundStreams,
      maxOutboundStreams: init.maxOutboundStreams ?? defaultValues.maxOutboundStreams
    }
    this.handleStream = this.handleStream.bind(this)
  }

  async start (): Promise<void> {
    this.shutdown = new AbortController()
    setMaxListeners(Infinity, this.shutdown.signal)
    await this.components.registrar.handle(CHAT_PROTOCOL, this.handleStream, {
      maxInboundStreams: this.opts.maxInboundStreams,
      maxOutboundStreams: this.opts.maxOutboundStreams
    })
    this.started = true
  }

  async stop (): Promise<void> {
    this.started = false
    this.shutdown.abort(new ChannelClosedError('the chat service stopped'))
    await this.components.registrar.unhandle(CHAT_PROTOCOL)
    const all = [...this.channels.values()].flat()
    this.channels.clear()
    for (const entry of [...this.pending.values()]) this.settle(entry, new ChannelClosedError('the chat service stopped'))
    await Promise.all(all.map(async channel => { await channel.close() }))
  }

  isStarted (): boolean {
    return this.started
  }

  setHandlers (handlers: ChatHandlers): void {
    this.handlers = handlers
  }

  hasChannel (peer: PeerId): boolean {
    return this.writer(peer) != null
  }

  async send (peer: PeerId, message: Message, options: ChatSendOptions = {}): Promise<AckStatus> {
    if (!this.started) throw new NotStartedError('the chat service is not started')
    options.signal?.throwIfAborted()
    const bytes = encodeOutgoing(message, this.opts)
    // like libp2p's own services: the caller's signal is the deadline; without one, ackTimeoutMs
    const deadline = new AbortController()
    const timer = options.signal == null
      ? setTimeout(() => { deadline.abort(new AckTimeoutError(`no ack from ${peer.toString()} for ${message.id} within ${this.opts.ackTimeoutMs} ms`)) }, this.opts.ackTimeoutMs)
      : undefined
    const onAbort = (): void => { deadline.abort(options.signal?.reason) }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const key = pendingKey(peer, message.id)
    let entry = this.pending.get(key)
    if (entry == null) {
      entry = { key, result: Promise.withResolvers(), waiters: 0, settled: false, cancel: new AbortController() }
      entry.result.promise.catch(() => {})
      this.pending.set(key, entry)
      void this.deliver(peer, entry, bytes)
    }
    entry.waiters++
    try {
      return await raceSignal(entry.result.promise, deadline.signal)
    } finally {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      // the last one waiting gave up: forget the entry (a late ack still reaches onAck)
      if (--entry.waiters === 0 && !entry.settled) this.settle(entry, new AckTimeoutError('nobody waits for this ack any more'))
    }
  }

  async sendAck (peer: PeerId, ack: Ack, options: ChatSendOptions = {}): Promise<void> {
    await this.sendFrames(peer, [{ ack }], options)
  }

  async sendReceipt (peer: PeerId, ids: string[], options: ChatSendOptions = {}): Promise<void> {
    if (ids.some(id => !validId(id))) throw new InvalidMessageError('a receipt id is empty or too long')
    const frames: ChatFrame[] = []
    for (let i = 0; i < ids.length; i += MAX_RECEIPT_IDS) frames.push({ receipt: { ids: ids.slice(i, i + MAX_RECEIPT_IDS) } })
    await this.sendFrames(peer, frames, options)
  }

  async sendTyping (peer: PeerId, on: boolean, options: ChatSendOptions = {}, group = ''): Promise<void> {
    await this.sendFrames(peer, [{ typing: { on, group } }], options)
  }

  /** Best effort: opens the channel if needed, resolves once the frames were handed to the stream. */
  private async sendFrames (peer: PeerId, frames: ChatFrame[], options: ChatSendOptions): Promise<void> {
    if (!this.started) throw new NotStartedError('the chat service is not started')
    if (frames.length === 0) return
    const channel = await this.channel(peer, options.signal)
    await Promise.all(frames.map(async frame => { await channel.write(encodeFrame(ChatFrame, frame), options.signal) }))
  }

  /** Opens the channel if needed and writes the message once; the entry settles on its ack, or on failure. */
  private async deliver (peer: PeerId, entry: PendingAck, bytes: Uint8Array): Promise<void> {
    try {
      const channel = await this.channel(peer, entry.cancel.signal)
      if (entry.settled) return
      if (!channel.live) throw new ChannelClosedError('the chat channel closed before the message was written')
      entry.channel = channel
      channel.waiting.add(entry.key)
      await channel.write(bytes, entry.cancel.signal)
      failpoint('message-written')
    } catch (err) {
      this.settle(entry, err as Error)
    }
  }

  private settle (entry: PendingAck, outcome: AckStatus | Error): void {
    if (entry.settled) return
    entry.settled = true
    this.pending.delete(entry.key)
    entry.channel?.waiting.delete(entry.key)
    if (outcome instanceof Error) {
      entry.cancel.abort(outcome)
      entry.result.reject(outcome)
    } else {
      entry.result.resolve(outcome)
    }
  }

  /** The newest live channel to the peer, or one opened now (concurrent callers share one open). */
  private async channel (peer: PeerId, signal?: AbortSignal): Promise<ChatChannel> {
    const open = this.writer(peer)
    if (open != null) return open
    const key = peer.toString()
    let opening = this.opening.get(key)
    if (opening == null) {
      opening = this.open(peer).finally(() => { this.opening.delete(key) })
      this.opening.set(key, opening)
    }
    return await raceSignal(opening, signal)
  }

  private async open (peer: PeerId): Promise<ChatChannel> {
    const signal = AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(this.opts.openTimeoutMs)])
    const stream = await this.components.connectionManager.openStream(peer, CHAT_PROTOCOL, { signal })
    if (!this.started) {
      stream.abort(new ChannelClosedError('the chat service stopped'))
      throw new ChannelClosedError('the chat service stopped')
    }
    return this.adopt(stream, peer)
  }

  private writer (peer: PeerId): ChatChannel | undefined {
    const list = this.channels.get(peer.toString())
    if (list == null) return undefined
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].live && list[i].writable) return list[i]
    }
    return undefined
  }

  private handleStream (stream: Stream, connection: Connection): void {
    if (!this.started) {
      stream.abort(new ChannelClosedError('the chat service stopped'))
      return
    }
    this.adopt(stream, connection.remotePeer)
  }

  /** Makes a stream (either direction) a channel to the peer: read at once, newest first for writes. */
  private adopt (stream: Stream, peer: PeerId): ChatChannel {
    const channel = new ChatChannel({
      stream,
      peer,
      maxFrameBytes: this.opts.maxFrameBytes,
      maxWriteBufferBytes: this.opts.maxWriteBufferBytes,
      drainTimeoutMs: this.opts.drainTimeoutMs,
      closeTimeoutMs: this.opts.closeTimeoutMs,
      log: this.log,
      onFrame: (ch, frame) => { this.onFrame(ch, frame) },
      onEnd: (ch, err) => { this.onEnd(ch, err) }
    })
    const key = peer.toString()
    const list = this.channels.get(key) ?? []
    list.push(channel)
    this.channels.set(key, list)
    this.log('channel %s to %p open (%s, %d open)', stream.id, peer, stream.direction, list.length)
    // only a peer's first channel is news (a flood of stream opens must not become a flood of work)
    if (list.length === 1) this.call('onChannel', h => { h.onChannel(peer) })
    return channel
  }

  private onEnd (channel: ChatChannel, err?: Error): void {
    const key = channel.peer.toString()
    const list = (this.channels.get(key) ?? []).filter(ch => ch !== channel)
    if (list.length > 0) this.channels.set(key, list)
    else this.channels.delete(key)
    this.log('channel %s to %p ended%s', channel.stream.id, channel.peer, err == null ? '' : `: ${err.message}`)
    for (const waiting of [...channel.waiting]) {
      const entry = this.pending.get(waiting)
      if (entry != null) this.settle(entry, new ChannelClosedError('the chat channel closed before the ack arrived', { cause: err }))
    }
    if (list.length === 0 && this.started) this.call('onChannelClose', h => { h.onChannelClose?.(channel.peer) })
  }

  private onFrame (channel: ChatChannel, frame: ChatFrame): void {
    const peer = channel.peer
    if (frame.message != null) {
      const id = frame.message.id
      const status = this.receive(peer, frame.message)
      // a handler that group-commits answers later: the ack goes only once it has settled
      if (status instanceof Promise) {
        void status.then(s => { this.reply(channel, { ack: { id, status: s } }) })
      } else {
        this.reply(channel, { ack: { id, status } })
      }
    } else if (frame.ack != null) {
      const ack = frame.ack
      this.call('onAck', h => { h.onAck(peer, ack) })
      const entry = this.pending.get(pendingKey(peer, ack.id))
      if (entry != null) this.settle(entry, ack.status)
    } else if (frame.receipt != null) {
      const ids = frame.receipt.ids
      this.call('onReceipt', h => { h.onReceipt(peer, ids) })
    } else if (frame.typing != null) {
      const { on, group } = frame.typing
      this.call('onTyping', h => { h.onTyping(peer, on, group) })
    } else {
      // a newer peer may send frame kinds we do not know yet
      this.log('ignoring an empty or unknown frame from %p', peer)
    }
  }

  /** Checks an incoming message, then lets the daemon store it; returns the status to ack (never rejects). */
  private receive (peer: PeerId, message: Message): AckStatus | Promise<AckStatus> {
    const problem = incomingProblem(message, this.opts)
    if (problem != null) return problem
    if (this.handlers == null) {
      this.log('message %s from %p before any handler was set', message.id, peer)
      return AckStatus.STORAGE_FAILED
    }
    const failed = (err: unknown): AckStatus => {
      this.log.error('onMessage threw for %s from %p: %e', message.id, peer, err)
      return AckStatus.STORAGE_FAILED
    }
    try {
      const status = this.handlers.onMessage(peer, message)
      return status instanceof Promise ? status.catch(failed) : status
    } catch (err) {
      return failed(err)
    }
  }

  /** Answers on the stream the frame came on, or on the newest channel if that one cannot be written. */
  private reply (channel: ChatChannel, frame: ChatFrame): void {
    const target = channel.writable ? channel : this.writer(channel.peer)
    if (target == null) {
      this.log('no channel to %p left for an answer', channel.peer)
      return
    }
    target.write(encodeFrame(ChatFrame, frame)).catch(err => { this.log('answer to %p lost: %e', channel.peer, err) })
  }

  private call (name: keyof ChatHandlers, fn: (handlers: ChatHandlers) => void): void {
    if (this.handlers == null) return
    try {
      fn(this.handlers)
    } catch (err) {
      this.log.error('%s handler threw: %e', name, err)
    }
  }
}

function pendingKey (peer: PeerId, id: string): string {
  return `${peer.toString()}\n${id}`
}
