/**
 * @libp2p/tcp with writes coalesced per event-loop turn. Noise hands the
 * socket each encrypted frame as two pieces (its 2-byte length, then the
 * body), and @libp2p/tcp writes each piece on its own with Nagle off
 * (noDelay), so every frame left as two TCP segments: a 2-byte one and the
 * rest (measured with tcpdump in the LAN bed). Here each connection's socket
 * is corked at its first write in a turn and uncorked on the next tick, so
 * everything written in one turn (a frame's two pieces, the frames of a
 * burst) leaves in one writev: one segment for a small frame, latency
 * unchanged (process.nextTick runs before any I/O).
 *
 * @example
 * ```ts
 * createLibp2p({ transports: [coalescingTcp()], ... })
 * ```
 */
import { tcp } from '@libp2p/tcp'
import type { TCPComponents, TCPOptions } from '@libp2p/tcp'
import type { CreateListenerOptions, DialTransportOptions, MultiaddrConnection, Transport, Upgrader } from '@libp2p/interface'
import type { Socket } from 'node:net'

/** What we touch of @libp2p/tcp's connection: its socket, and the method that writes to it. */
interface SocketConnection {
  socket?: Socket
  sendData(data: Iterable<Uint8Array>): { sentBytes: number, canSendMore: boolean }
}

/** Corks the socket under `maConn` for the rest of each turn in which it is written to. */
export function coalesceWrites (maConn: MultiaddrConnection): MultiaddrConnection {
  const conn = maConn as unknown as SocketConnection
  const socket = conn.socket
  if (socket == null || typeof socket.cork !== 'function' || typeof conn.sendData !== 'function') return maConn
  const sendData = conn.sendData.bind(conn)
  let corked = false
  conn.sendData = (data) => {
    if (!corked && !socket.destroyed) {
      corked = true
      socket.cork()
      process.nextTick(() => {
        corked = false
        socket.uncork()
      })
    }
    return sendData(data)
  }
  return maConn
}

/** The upgrader, with every connection it upgrades coalescing its writes first. */
function coalescingUpgrader (upgrader: Upgrader): Upgrader {
  return new Proxy(upgrader, {
    get (target, prop, receiver) {
      if (prop === 'upgradeOutbound') return async (maConn: MultiaddrConnection, opts: Parameters<Upgrader['upgradeOutbound']>[1]) => await target.upgradeOutbound(coalesceWrites(maConn), opts)
      if (prop === 'upgradeInbound') return async (maConn: MultiaddrConnection, opts: Parameters<Upgrader['upgradeInbound']>[1]) => { await target.upgradeInbound(coalesceWrites(maConn), opts) }
      const value = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    }
  })
}

/** `tcp(init)` whose connections coalesce their writes (see above). */
export function coalescingTcp (init: TCPOptions = {}): (components: TCPComponents) => Transport {
  const factory = tcp(init)
  return (components) => {
    const transport = factory(components)
    const dial = transport.dial.bind(transport)
    const createListener = transport.createListener.bind(transport)
    transport.dial = async (ma, options: DialTransportOptions) => await dial(ma, { ...options, upgrader: coalescingUpgrader(options.upgrader) })
    transport.createListener = (options: CreateListenerOptions) => createListener({ ...options, upgrader: coalescingUpgrader(options.upgrader) })
    return transport
  }
}
