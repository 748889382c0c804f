/**
 * The group protocol (/lanchat/group/1.0.0) on the wire, one request and one
 * answer per stream, one deadline per exchange (as the relay protocol):
 * `ask` on the asking side, `serveGroupProtocol` registers the answering
 * side with a function that answers (the everyone room, node/groups/room.ts:
 * heads to compare, posts to repair).
 *
 * @example
 * ```ts
 * await serveGroupProtocol(registrar, (request, from) => room.answer(request, from))
 * const answer = await askGroup(dialer, peer, { heads: { group: 'everyone', heads } })
 * ```
 */
import { logger } from '@libp2p/logger'
import { GROUP_MAX_STREAMS, GROUP_PROTOCOL, GROUP_TIMEOUT_MS, MAX_GROUP_FRAME_BYTES } from '../../protocols/constants.js'
import { encodeFrame, readFrame } from '../../protocols/frames.js'
import { GroupRequest, GroupResponse } from '../../protocols/groups/pb/groups.js'
import type { AbortOptions, PeerId, Stream, StreamHandler, StreamHandlerOptions } from '@libp2p/interface'

const log = logger('lanchat:groups:exchange')

export interface GroupDialer {
  dialProtocol(peer: PeerId, protocol: string, options?: AbortOptions): Promise<Stream>
}

export interface GroupRegistrar {
  handle(protocol: string, handler: StreamHandler, options?: StreamHandlerOptions): Promise<void>
  unhandle(protocol: string): Promise<void>
}

/** Sends one request to `peer` and reads its answer (dial included, within GROUP_TIMEOUT_MS). */
export async function askGroup (dialer: GroupDialer, peer: PeerId, request: GroupRequest, options: AbortOptions = {}): Promise<GroupResponse> {
  const signal = options.signal ?? AbortSignal.timeout(GROUP_TIMEOUT_MS)
  let stream: Stream | undefined
  try {
    stream = await dialer.dialProtocol(peer, GROUP_PROTOCOL, { signal })
    stream.send(encodeFrame(GroupRequest, request))
    const response = await readFrame(stream, GroupResponse, MAX_GROUP_FRAME_BYTES, { signal })
    await stream.close({ signal })
    return response
  } catch (err) {
    stream?.abort(err as Error)
    throw err
  }
}

/** Answers group requests with `answer` (undefined: nothing to say, the stream is closed empty). */
export async function serveGroupProtocol (registrar: GroupRegistrar, answer: (request: GroupRequest, from: string) => GroupResponse | undefined): Promise<void> {
  await registrar.handle(GROUP_PROTOCOL, async (stream, connection) => {
    const signal = AbortSignal.timeout(GROUP_TIMEOUT_MS)
    try {
      const request = await readFrame(stream, GroupRequest, MAX_GROUP_FRAME_BYTES, { signal })
      const response = answer(request, connection.remotePeer.toString())
      if (response != null) stream.send(encodeFrame(GroupResponse, response))
      await stream.close({ signal })
    } catch (err) {
      log('group exchange with %p failed: %e', connection.remotePeer, err)
      stream.abort(err as Error)
    }
  }, { maxInboundStreams: GROUP_MAX_STREAMS, maxOutboundStreams: GROUP_MAX_STREAMS })
}
