import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum RejectReason {
  REJECT_UNSPECIFIED = 'REJECT_UNSPECIFIED',
  NAME_TAKEN = 'NAME_TAKEN',
  UNSUPPORTED_VERSION = 'UNSUPPORTED_VERSION',
  INVALID_NAME = 'INVALID_NAME',
  INVALID_REQUEST = 'INVALID_REQUEST',
  SERVER_BUSY = 'SERVER_BUSY',
  IDENTITY_HAS_NAME = 'IDENTITY_HAS_NAME',
  NAME_LOOKS_ALIKE = 'NAME_LOOKS_ALIKE'
}

enum __RejectReasonValues {
  REJECT_UNSPECIFIED = 0,
  NAME_TAKEN = 1,
  UNSUPPORTED_VERSION = 2,
  INVALID_NAME = 3,
  INVALID_REQUEST = 4,
  SERVER_BUSY = 5,
  IDENTITY_HAS_NAME = 6,
  NAME_LOOKS_ALIKE = 7
}

export namespace RejectReason {
  export const codec = (): Codec<RejectReason> => {
    return enumeration<RejectReason>(__RejectReasonValues)
  }
}

export interface Login {
  name: string
  peerId: Uint8Array<ArrayBuffer>
  addrs: Uint8Array<ArrayBuffer>[]
  agent: string
  padding: Uint8Array<ArrayBuffer>
}

export namespace Login {
  let _codec: Codec<Login>

  export const codec = (): Codec<Login> => {
    if (_codec == null) {
      _codec = message<Login>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if ((obj.peerId != null && obj.peerId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.peerId)
        }

        if (obj.addrs != null && obj.addrs.length > 0) {
          for (const value of obj.addrs) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if ((obj.agent != null && obj.agent !== '')) {
          w.uint32(34)
          w.string(obj.agent)
        }

        if ((obj.padding != null && obj.padding.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.padding)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          peerId: uint8ArrayAlloc(0),
          addrs: [],
          agent: '',
          padding: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
              break
            }
            case 2: {
              obj.peerId = reader.bytes()
              break
            }
            case 3: {
              if (opts.limits?.addrs != null && obj.addrs.length === opts.limits.addrs) {
                throw new MaxLengthError('Decode error - repeated field "addrs" had too many elements')
              }

              if (obj.addrs.length === 16) {
                throw new MaxLengthError('Decode error - repeated field "addrs" had too many elements')
              }

              obj.addrs.push(reader.bytes())
              break
            }
            case 4: {
              obj.agent = reader.string()
              break
            }
            case 15: {
              obj.padding = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          addrs: 16
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.peerId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              if (opts.limits?.addrs != null && obj.addrs === opts.limits.addrs) {
                throw new MaxLengthError('Streaming decode error - repeated field "addrs" had too many elements')
              }

              if (obj.addrs === 16) {
                throw new MaxLengthError('Streaming decode error - repeated field "addrs" had too many elements')
              }

              yield {
                field: `${prefix}.addrs[]`,
                index: obj.addrs,
                value: reader.bytes()
              }

              obj.addrs++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.agent`,
                value: reader.string()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.padding`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface LoginNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface LoginPeerIdFieldEvent {
    field: '$.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LoginAddrsFieldEvent {
    field: '$.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface LoginAgentFieldEvent {
    field: '$.agent'
    value: string
  }

  export interface LoginPaddingFieldEvent {
    field: '$.padding'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Login>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Login.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Login>): Login {
    return decodeMessage(buf, Login.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Login>): Generator<LoginNameFieldEvent | LoginPeerIdFieldEvent | LoginAddrsFieldEvent | LoginAgentFieldEvent | LoginPaddingFieldEvent> {
    return streamMessage(buf, Login.codec(), opts)
  }
}

export interface Accept {
  indexPeerId: Uint8Array<ArrayBuffer>
  indexAddrs: Uint8Array<ArrayBuffer>[]
  heartbeatMs: number
}

export namespace Accept {
  let _codec: Codec<Accept>

  export const codec = (): Codec<Accept> => {
    if (_codec == null) {
      _codec = message<Accept>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.indexPeerId != null && obj.indexPeerId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.indexPeerId)
        }

        if (obj.indexAddrs != null && obj.indexAddrs.length > 0) {
          for (const value of obj.indexAddrs) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if ((obj.heartbeatMs != null && obj.heartbeatMs !== 0)) {
          w.uint32(24)
          w.uint32(obj.heartbeatMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          indexPeerId: uint8ArrayAlloc(0),
          indexAddrs: [],
          heartbeatMs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.indexPeerId = reader.bytes()
              break
            }
            case 2: {
              if (opts.limits?.indexAddrs != null && obj.indexAddrs.length === opts.limits.indexAddrs) {
                throw new MaxLengthError('Decode error - repeated field "indexAddrs" had too many elements')
              }

              if (obj.indexAddrs.length === 16) {
                throw new MaxLengthError('Decode error - repeated field "indexAddrs" had too many elements')
              }

              obj.indexAddrs.push(reader.bytes())
              break
            }
            case 3: {
              obj.heartbeatMs = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          indexAddrs: 16
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.indexPeerId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              if (opts.limits?.indexAddrs != null && obj.indexAddrs === opts.limits.indexAddrs) {
                throw new MaxLengthError('Streaming decode error - repeated field "indexAddrs" had too many elements')
              }

              if (obj.indexAddrs === 16) {
                throw new MaxLengthError('Streaming decode error - repeated field "indexAddrs" had too many elements')
              }

              yield {
                field: `${prefix}.indexAddrs[]`,
                index: obj.indexAddrs,
                value: reader.bytes()
              }

              obj.indexAddrs++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.heartbeatMs`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface AcceptIndexPeerIdFieldEvent {
    field: '$.indexPeerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AcceptIndexAddrsFieldEvent {
    field: '$.indexAddrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface AcceptHeartbeatMsFieldEvent {
    field: '$.heartbeatMs'
    value: number
  }

  export function encode (obj: Partial<Accept>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Accept.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Accept>): Accept {
    return decodeMessage(buf, Accept.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Accept>): Generator<AcceptIndexPeerIdFieldEvent | AcceptIndexAddrsFieldEvent | AcceptHeartbeatMsFieldEvent> {
    return streamMessage(buf, Accept.codec(), opts)
  }
}

export interface Reject {
  reason: RejectReason
  message: string
}

export namespace Reject {
  let _codec: Codec<Reject>

  export const codec = (): Codec<Reject> => {
    if (_codec == null) {
      _codec = message<Reject>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.reason != null && __RejectReasonValues[obj.reason] !== 0) {
          w.uint32(8)
          RejectReason.codec().encode(obj.reason, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          reason: RejectReason.REJECT_UNSPECIFIED,
          message: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.reason = RejectReason.codec().decode(reader)
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.reason`,
                value: RejectReason.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface RejectReasonFieldEvent {
    field: '$.reason'
    value: RejectReason
  }

  export interface RejectMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export function encode (obj: Partial<Reject>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Reject.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reject>): Reject {
    return decodeMessage(buf, Reject.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reject>): Generator<RejectReasonFieldEvent | RejectMessageFieldEvent> {
    return streamMessage(buf, Reject.codec(), opts)
  }
}

export interface Logout {
  name: string
  peerId: Uint8Array<ArrayBuffer>
  indexPeerId: Uint8Array<ArrayBuffer>
  counter: number
  signature: Uint8Array<ArrayBuffer>
}

export namespace Logout {
  let _codec: Codec<Logout>

  export const codec = (): Codec<Logout> => {
    if (_codec == null) {
      _codec = message<Logout>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if ((obj.peerId != null && obj.peerId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.peerId)
        }

        if ((obj.indexPeerId != null && obj.indexPeerId.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.indexPeerId)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.counter)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          peerId: uint8ArrayAlloc(0),
          indexPeerId: uint8ArrayAlloc(0),
          counter: 0,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
              break
            }
            case 2: {
              obj.peerId = reader.bytes()
              break
            }
            case 3: {
              obj.indexPeerId = reader.bytes()
              break
            }
            case 4: {
              obj.counter = reader.uint64Number()
              break
            }
            case 5: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.peerId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.indexPeerId`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface LogoutNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface LogoutPeerIdFieldEvent {
    field: '$.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LogoutIndexPeerIdFieldEvent {
    field: '$.indexPeerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LogoutCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface LogoutSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Logout>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Logout.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Logout>): Logout {
    return decodeMessage(buf, Logout.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Logout>): Generator<LogoutNameFieldEvent | LogoutPeerIdFieldEvent | LogoutIndexPeerIdFieldEvent | LogoutCounterFieldEvent | LogoutSignatureFieldEvent> {
    return streamMessage(buf, Logout.codec(), opts)
  }
}

export interface LogoutClaim {
  name: string
  peerId: Uint8Array<ArrayBuffer>
  indexPeerId: Uint8Array<ArrayBuffer>
  counter: number
}

export namespace LogoutClaim {
  let _codec: Codec<LogoutClaim>

  export const codec = (): Codec<LogoutClaim> => {
    if (_codec == null) {
      _codec = message<LogoutClaim>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if ((obj.peerId != null && obj.peerId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.peerId)
        }

        if ((obj.indexPeerId != null && obj.indexPeerId.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.indexPeerId)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.counter)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          peerId: uint8ArrayAlloc(0),
          indexPeerId: uint8ArrayAlloc(0),
          counter: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
              break
            }
            case 2: {
              obj.peerId = reader.bytes()
              break
            }
            case 3: {
              obj.indexPeerId = reader.bytes()
              break
            }
            case 4: {
              obj.counter = reader.uint64Number()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.peerId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.indexPeerId`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint64Number()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface LogoutClaimNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface LogoutClaimPeerIdFieldEvent {
    field: '$.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LogoutClaimIndexPeerIdFieldEvent {
    field: '$.indexPeerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LogoutClaimCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export function encode (obj: Partial<LogoutClaim>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LogoutClaim.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LogoutClaim>): LogoutClaim {
    return decodeMessage(buf, LogoutClaim.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LogoutClaim>): Generator<LogoutClaimNameFieldEvent | LogoutClaimPeerIdFieldEvent | LogoutClaimIndexPeerIdFieldEvent | LogoutClaimCounterFieldEvent> {
    return streamMessage(buf, LogoutClaim.codec(), opts)
  }
}

export interface Datagram {
  login?: Login
  accept?: Accept
  reject?: Reject
  logout?: Logout
}

export namespace Datagram {
  let _codec: Codec<Datagram>

  export const codec = (): Codec<Datagram> => {
    if (_codec == null) {
      _codec = message<Datagram>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.logout != null) {
          obj.reject = undefined
          obj.accept = undefined
          obj.login = undefined
        }

        if (obj.reject != null) {
          obj.logout = undefined
          obj.accept = undefined
          obj.login = undefined
        }

        if (obj.accept != null) {
          obj.logout = undefined
          obj.reject = undefined
          obj.login = undefined
        }

        if (obj.login != null) {
          obj.logout = undefined
          obj.reject = undefined
          obj.accept = undefined
        }

        if (obj.login != null) {
          w.uint32(10)
          Login.codec().encode(obj.login, w)
        }

        if (obj.accept != null) {
          w.uint32(18)
          Accept.codec().encode(obj.accept, w)
        }

        if (obj.reject != null) {
          w.uint32(26)
          Reject.codec().encode(obj.reject, w)
        }

        if (obj.logout != null) {
          w.uint32(34)
          Logout.codec().encode(obj.logout, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.login = Login.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.login
              })
              break
            }
            case 2: {
              obj.accept = Accept.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.accept
              })
              break
            }
            case 3: {
              obj.reject = Reject.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.reject
              })
              break
            }
            case 4: {
              obj.logout = Logout.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.logout
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.logout != null) {
          delete obj.reject
          delete obj.accept
          delete obj.login
        }

        if (obj.reject != null) {
          delete obj.logout
          delete obj.accept
          delete obj.login
        }

        if (obj.accept != null) {
          delete obj.logout
          delete obj.reject
          delete obj.login
        }

        if (obj.login != null) {
          delete obj.logout
          delete obj.reject
          delete obj.accept
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Login.codec().stream(reader, reader.uint32(), `${prefix}.login`, {
                limits: opts.limits?.login
              })

              break
            }
            case 2: {
              yield * Accept.codec().stream(reader, reader.uint32(), `${prefix}.accept`, {
                limits: opts.limits?.accept
              })

              break
            }
            case 3: {
              yield * Reject.codec().stream(reader, reader.uint32(), `${prefix}.reject`, {
                limits: opts.limits?.reject
              })

              break
            }
            case 4: {
              yield * Logout.codec().stream(reader, reader.uint32(), `${prefix}.logout`, {
                limits: opts.limits?.logout
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface DatagramLoginNameFieldEvent {
    field: '$.login.name'
    value: string
  }

  export interface DatagramLoginPeerIdFieldEvent {
    field: '$.login.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DatagramLoginAddrsFieldEvent {
    field: '$.login.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface DatagramLoginAgentFieldEvent {
    field: '$.login.agent'
    value: string
  }

  export interface DatagramLoginPaddingFieldEvent {
    field: '$.login.padding'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DatagramAcceptIndexPeerIdFieldEvent {
    field: '$.accept.indexPeerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DatagramAcceptIndexAddrsFieldEvent {
    field: '$.accept.indexAddrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface DatagramAcceptHeartbeatMsFieldEvent {
    field: '$.accept.heartbeatMs'
    value: number
  }

  export interface DatagramRejectReasonFieldEvent {
    field: '$.reject.reason'
    value: RejectReason
  }

  export interface DatagramRejectMessageFieldEvent {
    field: '$.reject.message'
    value: string
  }

  export interface DatagramLogoutNameFieldEvent {
    field: '$.logout.name'
    value: string
  }

  export interface DatagramLogoutPeerIdFieldEvent {
    field: '$.logout.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DatagramLogoutIndexPeerIdFieldEvent {
    field: '$.logout.indexPeerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DatagramLogoutCounterFieldEvent {
    field: '$.logout.counter'
    value: number
  }

  export interface DatagramLogoutSignatureFieldEvent {
    field: '$.logout.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Datagram>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Datagram.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Datagram>): Datagram {
    return decodeMessage(buf, Datagram.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Datagram>): Generator<DatagramLoginNameFieldEvent | DatagramLoginPeerIdFieldEvent | DatagramLoginAddrsFieldEvent | DatagramLoginAgentFieldEvent | DatagramLoginPaddingFieldEvent | DatagramAcceptIndexPeerIdFieldEvent | DatagramAcceptIndexAddrsFieldEvent | DatagramAcceptHeartbeatMsFieldEvent | DatagramRejectReasonFieldEvent | DatagramRejectMessageFieldEvent | DatagramLogoutNameFieldEvent | DatagramLogoutPeerIdFieldEvent | DatagramLogoutIndexPeerIdFieldEvent | DatagramLogoutCounterFieldEvent | DatagramLogoutSignatureFieldEvent> {
    return streamMessage(buf, Datagram.codec(), opts)
  }
}
