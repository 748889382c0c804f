/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum Status {
  OFFLINE = 'OFFLINE',
  ONLINE = 'ONLINE',
  AWAY = 'AWAY',
  BUSY = 'BUSY'
}

enum __StatusValues {
  OFFLINE = 0,
  ONLINE = 1,
  AWAY = 2,
  BUSY = 3
}

export namespace Status {
  export const codec = (): Codec<Status> => {
    return enumeration<Status>(__StatusValues)
  }
}

export enum RefusedReason {
  REFUSED_UNSPECIFIED = 'REFUSED_UNSPECIFIED',
  NAME_TAKEN = 'NAME_TAKEN',
  INVALID_NAME = 'INVALID_NAME',
  BAD_HELLO = 'BAD_HELLO',
  IDENTITY_HAS_NAME = 'IDENTITY_HAS_NAME',
  TOO_MANY_NEW_NAMES = 'TOO_MANY_NEW_NAMES',
  NAME_LOOKS_ALIKE = 'NAME_LOOKS_ALIKE'
}

enum __RefusedReasonValues {
  REFUSED_UNSPECIFIED = 0,
  NAME_TAKEN = 1,
  INVALID_NAME = 2,
  BAD_HELLO = 3,
  IDENTITY_HAS_NAME = 4,
  TOO_MANY_NEW_NAMES = 5,
  NAME_LOOKS_ALIKE = 6
}

export namespace RefusedReason {
  export const codec = (): Codec<RefusedReason> => {
    return enumeration<RefusedReason>(__RefusedReasonValues)
  }
}

export enum LeftReason {
  LEFT_UNSPECIFIED = 'LEFT_UNSPECIFIED',
  LOGOUT = 'LOGOUT',
  DISCONNECTED = 'DISCONNECTED',
  TIMEOUT = 'TIMEOUT',
  REPLACED = 'REPLACED',
  RELEASED = 'RELEASED'
}

enum __LeftReasonValues {
  LEFT_UNSPECIFIED = 0,
  LOGOUT = 1,
  DISCONNECTED = 2,
  TIMEOUT = 3,
  REPLACED = 4,
  RELEASED = 5
}

export namespace LeftReason {
  export const codec = (): Codec<LeftReason> => {
    return enumeration<LeftReason>(__LeftReasonValues)
  }
}

export interface User {
  name: string
  peerId: Uint8Array<ArrayBuffer>
  addrs: Uint8Array<ArrayBuffer>[]
  status: Status
  statusText: string
  lastSeen: number
}

export namespace User {
  let _codec: Codec<User>

  export const codec = (): Codec<User> => {
    if (_codec == null) {
      _codec = message<User>((obj, w, opts = {}) => {
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

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(32)
          Status.codec().encode(obj.status, w)
        }

        if ((obj.statusText != null && obj.statusText !== '')) {
          w.uint32(42)
          w.string(obj.statusText)
        }

        if ((obj.lastSeen != null && obj.lastSeen !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.lastSeen)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          peerId: uint8ArrayAlloc(0),
          addrs: [],
          status: Status.OFFLINE,
          statusText: '',
          lastSeen: 0
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
              obj.status = Status.codec().decode(reader)
              break
            }
            case 5: {
              obj.statusText = reader.string()
              break
            }
            case 6: {
              obj.lastSeen = reader.uint64Number()
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
                field: `${prefix}.status`,
                value: Status.codec().decode(reader)
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.statusText`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.lastSeen`,
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

  export interface UserNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface UserPeerIdFieldEvent {
    field: '$.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface UserAddrsFieldEvent {
    field: '$.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface UserStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface UserStatusTextFieldEvent {
    field: '$.statusText'
    value: string
  }

  export interface UserLastSeenFieldEvent {
    field: '$.lastSeen'
    value: number
  }

  export function encode (obj: Partial<User>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, User.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<User>): User {
    return decodeMessage(buf, User.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<User>): Generator<UserNameFieldEvent | UserPeerIdFieldEvent | UserAddrsFieldEvent | UserStatusFieldEvent | UserStatusTextFieldEvent | UserLastSeenFieldEvent> {
    return streamMessage(buf, User.codec(), opts)
  }
}

export interface Hello {
  name: string
  addrs: Uint8Array<ArrayBuffer>[]
  status: Status
  statusText: string
  agent: string
}

export namespace Hello {
  let _codec: Codec<Hello>

  export const codec = (): Codec<Hello> => {
    if (_codec == null) {
      _codec = message<Hello>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if (obj.addrs != null && obj.addrs.length > 0) {
          for (const value of obj.addrs) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(24)
          Status.codec().encode(obj.status, w)
        }

        if ((obj.statusText != null && obj.statusText !== '')) {
          w.uint32(34)
          w.string(obj.statusText)
        }

        if ((obj.agent != null && obj.agent !== '')) {
          w.uint32(42)
          w.string(obj.agent)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          addrs: [],
          status: Status.OFFLINE,
          statusText: '',
          agent: ''
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
              if (opts.limits?.addrs != null && obj.addrs.length === opts.limits.addrs) {
                throw new MaxLengthError('Decode error - repeated field "addrs" had too many elements')
              }

              if (obj.addrs.length === 16) {
                throw new MaxLengthError('Decode error - repeated field "addrs" had too many elements')
              }

              obj.addrs.push(reader.bytes())
              break
            }
            case 3: {
              obj.status = Status.codec().decode(reader)
              break
            }
            case 4: {
              obj.statusText = reader.string()
              break
            }
            case 5: {
              obj.agent = reader.string()
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
            case 3: {
              yield {
                field: `${prefix}.status`,
                value: Status.codec().decode(reader)
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.statusText`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.agent`,
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

  export interface HelloNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface HelloAddrsFieldEvent {
    field: '$.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface HelloStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface HelloStatusTextFieldEvent {
    field: '$.statusText'
    value: string
  }

  export interface HelloAgentFieldEvent {
    field: '$.agent'
    value: string
  }

  export function encode (obj: Partial<Hello>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Hello.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hello>): Hello {
    return decodeMessage(buf, Hello.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hello>): Generator<HelloNameFieldEvent | HelloAddrsFieldEvent | HelloStatusFieldEvent | HelloStatusTextFieldEvent | HelloAgentFieldEvent> {
    return streamMessage(buf, Hello.codec(), opts)
  }
}

export interface SetStatus {
  status: Status
  statusText: string
}

export namespace SetStatus {
  let _codec: Codec<SetStatus>

  export const codec = (): Codec<SetStatus> => {
    if (_codec == null) {
      _codec = message<SetStatus>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(8)
          Status.codec().encode(obj.status, w)
        }

        if ((obj.statusText != null && obj.statusText !== '')) {
          w.uint32(18)
          w.string(obj.statusText)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: Status.OFFLINE,
          statusText: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = Status.codec().decode(reader)
              break
            }
            case 2: {
              obj.statusText = reader.string()
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
                field: `${prefix}.status`,
                value: Status.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.statusText`,
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

  export interface SetStatusStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface SetStatusStatusTextFieldEvent {
    field: '$.statusText'
    value: string
  }

  export function encode (obj: Partial<SetStatus>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SetStatus.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SetStatus>): SetStatus {
    return decodeMessage(buf, SetStatus.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SetStatus>): Generator<SetStatusStatusFieldEvent | SetStatusStatusTextFieldEvent> {
    return streamMessage(buf, SetStatus.codec(), opts)
  }
}

export interface Goodbye {}

export namespace Goodbye {
  let _codec: Codec<Goodbye>

  export const codec = (): Codec<Goodbye> => {
    if (_codec == null) {
      _codec = message<Goodbye>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
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

  export function encode (obj: Partial<Goodbye>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Goodbye.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Goodbye>): Goodbye {
    return decodeMessage(buf, Goodbye.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Goodbye>): Generator<{}> {
    return streamMessage(buf, Goodbye.codec(), opts)
  }
}

export interface Snapshot {
  users: User[]
  last: boolean
  heartbeatMs: number
  version: number
}

export namespace Snapshot {
  let _codec: Codec<Snapshot>

  export const codec = (): Codec<Snapshot> => {
    if (_codec == null) {
      _codec = message<Snapshot>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.users != null && obj.users.length > 0) {
          for (const value of obj.users) {
            w.uint32(10)
            User.codec().encode(value, w)
          }
        }

        if ((obj.last != null && obj.last !== false)) {
          w.uint32(16)
          w.bool(obj.last)
        }

        if ((obj.heartbeatMs != null && obj.heartbeatMs !== 0)) {
          w.uint32(24)
          w.uint32(obj.heartbeatMs)
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.version)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          users: [],
          last: false,
          heartbeatMs: 0,
          version: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.users != null && obj.users.length === opts.limits.users) {
                throw new MaxLengthError('Decode error - repeated field "users" had too many elements')
              }

              if (obj.users.length === 256) {
                throw new MaxLengthError('Decode error - repeated field "users" had too many elements')
              }

              obj.users.push(User.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.users$
              }))
              break
            }
            case 2: {
              obj.last = reader.bool()
              break
            }
            case 3: {
              obj.heartbeatMs = reader.uint32()
              break
            }
            case 4: {
              obj.version = reader.uint64Number()
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
          users: 256
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.users != null && obj.users === opts.limits.users) {
                throw new MaxLengthError('Streaming decode error - repeated field "users" had too many elements')
              }

              if (obj.users === 256) {
                throw new MaxLengthError('Streaming decode error - repeated field "users" had too many elements')
              }

              for (const evt of User.codec().stream(reader, reader.uint32(), `${prefix}.users[]`, {
                limits: opts.limits?.users$
              })) {
                yield {
                  ...evt,
                  index: obj.users
                }
              }

              obj.users++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.last`,
                value: reader.bool()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.heartbeatMs`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.version`,
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

  export interface SnapshotUsersNameFieldEvent {
    field: '$.users[].name'
    value: string
    index: number
  }

  export interface SnapshotUsersPeerIdFieldEvent {
    field: '$.users[].peerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SnapshotUsersAddrsFieldEvent {
    field: '$.users[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SnapshotUsersStatusFieldEvent {
    field: '$.users[].status'
    value: Status
    index: number
  }

  export interface SnapshotUsersStatusTextFieldEvent {
    field: '$.users[].statusText'
    value: string
    index: number
  }

  export interface SnapshotUsersLastSeenFieldEvent {
    field: '$.users[].lastSeen'
    value: number
    index: number
  }

  export interface SnapshotLastFieldEvent {
    field: '$.last'
    value: boolean
  }

  export interface SnapshotHeartbeatMsFieldEvent {
    field: '$.heartbeatMs'
    value: number
  }

  export interface SnapshotVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export function encode (obj: Partial<Snapshot>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Snapshot.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Snapshot>): Snapshot {
    return decodeMessage(buf, Snapshot.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Snapshot>): Generator<SnapshotUsersNameFieldEvent | SnapshotUsersPeerIdFieldEvent | SnapshotUsersAddrsFieldEvent | SnapshotUsersStatusFieldEvent | SnapshotUsersStatusTextFieldEvent | SnapshotUsersLastSeenFieldEvent | SnapshotLastFieldEvent | SnapshotHeartbeatMsFieldEvent | SnapshotVersionFieldEvent> {
    return streamMessage(buf, Snapshot.codec(), opts)
  }
}

export interface Refused {
  reason: RefusedReason
  message: string
}

export namespace Refused {
  let _codec: Codec<Refused>

  export const codec = (): Codec<Refused> => {
    if (_codec == null) {
      _codec = message<Refused>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.reason != null && __RefusedReasonValues[obj.reason] !== 0) {
          w.uint32(8)
          RefusedReason.codec().encode(obj.reason, w)
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
          reason: RefusedReason.REFUSED_UNSPECIFIED,
          message: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.reason = RefusedReason.codec().decode(reader)
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
                value: RefusedReason.codec().decode(reader)
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

  export interface RefusedReasonFieldEvent {
    field: '$.reason'
    value: RefusedReason
  }

  export interface RefusedMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export function encode (obj: Partial<Refused>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Refused.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Refused>): Refused {
    return decodeMessage(buf, Refused.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Refused>): Generator<RefusedReasonFieldEvent | RefusedMessageFieldEvent> {
    return streamMessage(buf, Refused.codec(), opts)
  }
}

export interface Joined {
  user?: User
  version: number
}

export namespace Joined {
  let _codec: Codec<Joined>

  export const codec = (): Codec<Joined> => {
    if (_codec == null) {
      _codec = message<Joined>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.user != null) {
          w.uint32(10)
          User.codec().encode(obj.user, w)
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.version)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.user = User.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.user
              })
              break
            }
            case 2: {
              obj.version = reader.uint64Number()
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
              yield * User.codec().stream(reader, reader.uint32(), `${prefix}.user`, {
                limits: opts.limits?.user
              })

              break
            }
            case 2: {
              yield {
                field: `${prefix}.version`,
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

  export interface JoinedUserNameFieldEvent {
    field: '$.user.name'
    value: string
  }

  export interface JoinedUserPeerIdFieldEvent {
    field: '$.user.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JoinedUserAddrsFieldEvent {
    field: '$.user.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface JoinedUserStatusFieldEvent {
    field: '$.user.status'
    value: Status
  }

  export interface JoinedUserStatusTextFieldEvent {
    field: '$.user.statusText'
    value: string
  }

  export interface JoinedUserLastSeenFieldEvent {
    field: '$.user.lastSeen'
    value: number
  }

  export interface JoinedVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export function encode (obj: Partial<Joined>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Joined.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Joined>): Joined {
    return decodeMessage(buf, Joined.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Joined>): Generator<JoinedUserNameFieldEvent | JoinedUserPeerIdFieldEvent | JoinedUserAddrsFieldEvent | JoinedUserStatusFieldEvent | JoinedUserStatusTextFieldEvent | JoinedUserLastSeenFieldEvent | JoinedVersionFieldEvent> {
    return streamMessage(buf, Joined.codec(), opts)
  }
}

export interface Left {
  peerId: Uint8Array<ArrayBuffer>
  name: string
  reason: LeftReason
  lastSeen: number
  version: number
}

export namespace Left {
  let _codec: Codec<Left>

  export const codec = (): Codec<Left> => {
    if (_codec == null) {
      _codec = message<Left>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.peerId != null && obj.peerId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.peerId)
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(18)
          w.string(obj.name)
        }

        if (obj.reason != null && __LeftReasonValues[obj.reason] !== 0) {
          w.uint32(24)
          LeftReason.codec().encode(obj.reason, w)
        }

        if ((obj.lastSeen != null && obj.lastSeen !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.lastSeen)
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.version)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          peerId: uint8ArrayAlloc(0),
          name: '',
          reason: LeftReason.LEFT_UNSPECIFIED,
          lastSeen: 0,
          version: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.peerId = reader.bytes()
              break
            }
            case 2: {
              obj.name = reader.string()
              break
            }
            case 3: {
              obj.reason = LeftReason.codec().decode(reader)
              break
            }
            case 4: {
              obj.lastSeen = reader.uint64Number()
              break
            }
            case 5: {
              obj.version = reader.uint64Number()
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
                field: `${prefix}.peerId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.reason`,
                value: LeftReason.codec().decode(reader)
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.lastSeen`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.version`,
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

  export interface LeftPeerIdFieldEvent {
    field: '$.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeftNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface LeftReasonFieldEvent {
    field: '$.reason'
    value: LeftReason
  }

  export interface LeftLastSeenFieldEvent {
    field: '$.lastSeen'
    value: number
  }

  export interface LeftVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export function encode (obj: Partial<Left>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Left.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Left>): Left {
    return decodeMessage(buf, Left.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Left>): Generator<LeftPeerIdFieldEvent | LeftNameFieldEvent | LeftReasonFieldEvent | LeftLastSeenFieldEvent | LeftVersionFieldEvent> {
    return streamMessage(buf, Left.codec(), opts)
  }
}

export interface StatusChanged {
  peerId: Uint8Array<ArrayBuffer>
  name: string
  status: Status
  statusText: string
  version: number
}

export namespace StatusChanged {
  let _codec: Codec<StatusChanged>

  export const codec = (): Codec<StatusChanged> => {
    if (_codec == null) {
      _codec = message<StatusChanged>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.peerId != null && obj.peerId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.peerId)
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(18)
          w.string(obj.name)
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(24)
          Status.codec().encode(obj.status, w)
        }

        if ((obj.statusText != null && obj.statusText !== '')) {
          w.uint32(34)
          w.string(obj.statusText)
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.version)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          peerId: uint8ArrayAlloc(0),
          name: '',
          status: Status.OFFLINE,
          statusText: '',
          version: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.peerId = reader.bytes()
              break
            }
            case 2: {
              obj.name = reader.string()
              break
            }
            case 3: {
              obj.status = Status.codec().decode(reader)
              break
            }
            case 4: {
              obj.statusText = reader.string()
              break
            }
            case 5: {
              obj.version = reader.uint64Number()
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
                field: `${prefix}.peerId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.status`,
                value: Status.codec().decode(reader)
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.statusText`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.version`,
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

  export interface StatusChangedPeerIdFieldEvent {
    field: '$.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface StatusChangedNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface StatusChangedStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface StatusChangedStatusTextFieldEvent {
    field: '$.statusText'
    value: string
  }

  export interface StatusChangedVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export function encode (obj: Partial<StatusChanged>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatusChanged.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusChanged>): StatusChanged {
    return decodeMessage(buf, StatusChanged.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatusChanged>): Generator<StatusChangedPeerIdFieldEvent | StatusChangedNameFieldEvent | StatusChangedStatusFieldEvent | StatusChangedStatusTextFieldEvent | StatusChangedVersionFieldEvent> {
    return streamMessage(buf, StatusChanged.codec(), opts)
  }
}

export interface Resync {}

export namespace Resync {
  let _codec: Codec<Resync>

  export const codec = (): Codec<Resync> => {
    if (_codec == null) {
      _codec = message<Resync>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
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

  export function encode (obj: Partial<Resync>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Resync.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Resync>): Resync {
    return decodeMessage(buf, Resync.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Resync>): Generator<{}> {
    return streamMessage(buf, Resync.codec(), opts)
  }
}

export interface Heartbeat {
  seq: number
}

export namespace Heartbeat {
  let _codec: Codec<Heartbeat>

  export const codec = (): Codec<Heartbeat> => {
    if (_codec == null) {
      _codec = message<Heartbeat>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.seq)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          seq: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.seq = reader.uint64Number()
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
                field: `${prefix}.seq`,
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

  export interface HeartbeatSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export function encode (obj: Partial<Heartbeat>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Heartbeat.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Heartbeat>): Heartbeat {
    return decodeMessage(buf, Heartbeat.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Heartbeat>): Generator<HeartbeatSeqFieldEvent> {
    return streamMessage(buf, Heartbeat.codec(), opts)
  }
}

export interface RelayPending {
  count: number
}

export namespace RelayPending {
  let _codec: Codec<RelayPending>

  export const codec = (): Codec<RelayPending> => {
    if (_codec == null) {
      _codec = message<RelayPending>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.count != null && obj.count !== 0)) {
          w.uint32(8)
          w.uint32(obj.count)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          count: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.count = reader.uint32()
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
                field: `${prefix}.count`,
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

  export interface RelayPendingCountFieldEvent {
    field: '$.count'
    value: number
  }

  export function encode (obj: Partial<RelayPending>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RelayPending.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RelayPending>): RelayPending {
    return decodeMessage(buf, RelayPending.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RelayPending>): Generator<RelayPendingCountFieldEvent> {
    return streamMessage(buf, RelayPending.codec(), opts)
  }
}

export interface ExpiredPending {
  count: number
}

export namespace ExpiredPending {
  let _codec: Codec<ExpiredPending>

  export const codec = (): Codec<ExpiredPending> => {
    if (_codec == null) {
      _codec = message<ExpiredPending>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.count != null && obj.count !== 0)) {
          w.uint32(8)
          w.uint32(obj.count)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          count: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.count = reader.uint32()
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
                field: `${prefix}.count`,
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

  export interface ExpiredPendingCountFieldEvent {
    field: '$.count'
    value: number
  }

  export function encode (obj: Partial<ExpiredPending>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ExpiredPending.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ExpiredPending>): ExpiredPending {
    return decodeMessage(buf, ExpiredPending.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ExpiredPending>): Generator<ExpiredPendingCountFieldEvent> {
    return streamMessage(buf, ExpiredPending.codec(), opts)
  }
}

export interface IndexFrame {
  hello?: Hello
  setStatus?: SetStatus
  goodbye?: Goodbye
  snapshot?: Snapshot
  refused?: Refused
  joined?: Joined
  left?: Left
  statusChanged?: StatusChanged
  heartbeat?: Heartbeat
  relayPending?: RelayPending
  resync?: Resync
  expiredPending?: ExpiredPending
}

export namespace IndexFrame {
  let _codec: Codec<IndexFrame>

  export const codec = (): Codec<IndexFrame> => {
    if (_codec == null) {
      _codec = message<IndexFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.expiredPending != null) {
          obj.resync = undefined
          obj.relayPending = undefined
          obj.heartbeat = undefined
          obj.statusChanged = undefined
          obj.left = undefined
          obj.joined = undefined
          obj.refused = undefined
          obj.snapshot = undefined
          obj.goodbye = undefined
          obj.setStatus = undefined
          obj.hello = undefined
        }

        if (obj.resync != null) {
          obj.expiredPending = undefined
          obj.relayPending = undefined
          obj.heartbeat = undefined
          obj.statusChanged = undefined
          obj.left = undefined
          obj.joined = undefined
          obj.refused = undefined
          obj.snapshot = undefined
          obj.goodbye = undefined
          obj.setStatus = undefined
          obj.hello = undefined
        }

        if (obj.relayPending != null) {
          obj.expiredPending = undefined
          obj.resync = undefined
          obj.heartbeat = undefined
          obj.statusChanged = undefined
          obj.left = undefined
          obj.joined = undefined
          obj.refused = undefined
          obj.snapshot = undefined
          obj.goodbye = undefined
          obj.setStatus = undefined
          obj.hello = undefined
        }

        if (obj.heartbeat != null) {
          obj.expiredPending = undefined
          obj.resync = undefined
          obj.relayPending = undefined
          obj.statusChanged = undefined
          obj.left = undefined
          obj.joined = undefined
          obj.refused = undefined
          obj.snapshot = undefined
          obj.goodbye = undefined
          obj.setStatus = undefined
          obj.hello = undefined
        }

        if (obj.statusChanged != null) {
          obj.expiredPending = undefined
          obj.resync = undefined
          obj.relayPending = undefined
          obj.heartbeat = undefined
          obj.left = undefined
          obj.joined = undefined
          obj.refused = undefined
          obj.snapshot = undefined
          obj.goodbye = undefined
          obj.setStatus = undefined
          obj.hello = undefined
        }

        if (obj.left != null) {
          obj.expiredPending = undefined
          obj.resync = undefined
          obj.relayPending = undefined
          obj.heartbeat = undefined
          obj.statusChanged = undefined
          obj.joined = undefined
          obj.refused = undefined
          obj.snapshot = undefined
          obj.goodbye = undefined
          obj.setStatus = undefined
          obj.hello = undefined
        }

        if (obj.joined != null) {
          obj.expiredPending = undefined
          obj.resync = undefined
          obj.relayPending = undefined
          obj.heartbeat = undefined
          obj.statusChanged = undefined
          obj.left = undefined
          obj.refused = undefined
          obj.snapshot = undefined
          obj.goodbye = undefined
          obj.setStatus = undefined
          obj.hello = undefined
        }

        if (obj.refused != null) {
          obj.expiredPending = undefined
          obj.resync = undefined
          obj.relayPending = undefined
          obj.heartbeat = undefined
          obj.statusChanged = undefined
          obj.left = undefined
          obj.joined = undefined
          obj.snapshot = undefined
          obj.goodbye = undefined
          obj.setStatus = undefined
          obj.hello = undefined
        }

        if (obj.snapshot != null) {
          obj.expiredPending = undefined
          obj.resync = undefined
          obj.relayPending = undefined
          obj.heartbeat = undefined
          obj.statusChanged = undefined
          obj.left = undefined
          obj.joined = undefined
          obj.refused = undefined
          obj.goodbye = undefined
          obj.setStatus = undefined
          obj.hello = undefined
        }

        if (obj.goodbye != null) {
          obj.expiredPending = undefined
          obj.resync = undefined
          obj.relayPending = undefined
          obj.heartbeat = undefined
          obj.statusChanged = undefined
          obj.left = undefined
          obj.joined = undefined
          obj.refused = undefined
          obj.snapshot = undefined
          obj.setStatus = undefined
          obj.hello = undefined
        }

        if (obj.setStatus != null) {
          obj.expiredPending = undefined
          obj.resync = undefined
          obj.relayPending = undefined
          obj.heartbeat = undefined
          obj.statusChanged = undefined
          obj.left = undefined
          obj.joined = undefined
          obj.refused = undefined
          obj.snapshot = undefined
          obj.goodbye = undefined
          obj.hello = undefined
        }

        if (obj.hello != null) {
          obj.expiredPending = undefined
          obj.resync = undefined
          obj.relayPending = undefined
          obj.heartbeat = undefined
          obj.statusChanged = undefined
          obj.left = undefined
          obj.joined = undefined
          obj.refused = undefined
          obj.snapshot = undefined
          obj.goodbye = undefined
          obj.setStatus = undefined
        }

        if (obj.hello != null) {
          w.uint32(10)
          Hello.codec().encode(obj.hello, w)
        }

        if (obj.setStatus != null) {
          w.uint32(18)
          SetStatus.codec().encode(obj.setStatus, w)
        }

        if (obj.goodbye != null) {
          w.uint32(26)
          Goodbye.codec().encode(obj.goodbye, w)
        }

        if (obj.snapshot != null) {
          w.uint32(34)
          Snapshot.codec().encode(obj.snapshot, w)
        }

        if (obj.refused != null) {
          w.uint32(42)
          Refused.codec().encode(obj.refused, w)
        }

        if (obj.joined != null) {
          w.uint32(50)
          Joined.codec().encode(obj.joined, w)
        }

        if (obj.left != null) {
          w.uint32(58)
          Left.codec().encode(obj.left, w)
        }

        if (obj.statusChanged != null) {
          w.uint32(66)
          StatusChanged.codec().encode(obj.statusChanged, w)
        }

        if (obj.heartbeat != null) {
          w.uint32(74)
          Heartbeat.codec().encode(obj.heartbeat, w)
        }

        if (obj.relayPending != null) {
          w.uint32(82)
          RelayPending.codec().encode(obj.relayPending, w)
        }

        if (obj.resync != null) {
          w.uint32(90)
          Resync.codec().encode(obj.resync, w)
        }

        if (obj.expiredPending != null) {
          w.uint32(162)
          ExpiredPending.codec().encode(obj.expiredPending, w)
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
              obj.hello = Hello.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.hello
              })
              break
            }
            case 2: {
              obj.setStatus = SetStatus.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.setStatus
              })
              break
            }
            case 3: {
              obj.goodbye = Goodbye.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.goodbye
              })
              break
            }
            case 4: {
              obj.snapshot = Snapshot.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.snapshot
              })
              break
            }
            case 5: {
              obj.refused = Refused.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.refused
              })
              break
            }
            case 6: {
              obj.joined = Joined.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.joined
              })
              break
            }
            case 7: {
              obj.left = Left.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.left
              })
              break
            }
            case 8: {
              obj.statusChanged = StatusChanged.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.statusChanged
              })
              break
            }
            case 9: {
              obj.heartbeat = Heartbeat.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.heartbeat
              })
              break
            }
            case 10: {
              obj.relayPending = RelayPending.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.relayPending
              })
              break
            }
            case 11: {
              obj.resync = Resync.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.resync
              })
              break
            }
            case 20: {
              obj.expiredPending = ExpiredPending.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.expiredPending
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.expiredPending != null) {
          delete obj.resync
          delete obj.relayPending
          delete obj.heartbeat
          delete obj.statusChanged
          delete obj.left
          delete obj.joined
          delete obj.refused
          delete obj.snapshot
          delete obj.goodbye
          delete obj.setStatus
          delete obj.hello
        }

        if (obj.resync != null) {
          delete obj.expiredPending
          delete obj.relayPending
          delete obj.heartbeat
          delete obj.statusChanged
          delete obj.left
          delete obj.joined
          delete obj.refused
          delete obj.snapshot
          delete obj.goodbye
          delete obj.setStatus
          delete obj.hello
        }

        if (obj.relayPending != null) {
          delete obj.expiredPending
          delete obj.resync
          delete obj.heartbeat
          delete obj.statusChanged
          delete obj.left
          delete obj.joined
          delete obj.refused
          delete obj.snapshot
          delete obj.goodbye
          delete obj.setStatus
          delete obj.hello
        }

        if (obj.heartbeat != null) {
          delete obj.expiredPending
          delete obj.resync
          delete obj.relayPending
          delete obj.statusChanged
          delete obj.left
          delete obj.joined
          delete obj.refused
          delete obj.snapshot
          delete obj.goodbye
          delete obj.setStatus
          delete obj.hello
        }

        if (obj.statusChanged != null) {
          delete obj.expiredPending
          delete obj.resync
          delete obj.relayPending
          delete obj.heartbeat
          delete obj.left
          delete obj.joined
          delete obj.refused
          delete obj.snapshot
          delete obj.goodbye
          delete obj.setStatus
          delete obj.hello
        }

        if (obj.left != null) {
          delete obj.expiredPending
          delete obj.resync
          delete obj.relayPending
          delete obj.heartbeat
          delete obj.statusChanged
          delete obj.joined
          delete obj.refused
          delete obj.snapshot
          delete obj.goodbye
          delete obj.setStatus
          delete obj.hello
        }

        if (obj.joined != null) {
          delete obj.expiredPending
          delete obj.resync
          delete obj.relayPending
          delete obj.heartbeat
          delete obj.statusChanged
          delete obj.left
          delete obj.refused
          delete obj.snapshot
          delete obj.goodbye
          delete obj.setStatus
          delete obj.hello
        }

        if (obj.refused != null) {
          delete obj.expiredPending
          delete obj.resync
          delete obj.relayPending
          delete obj.heartbeat
          delete obj.statusChanged
          delete obj.left
          delete obj.joined
          delete obj.snapshot
          delete obj.goodbye
          delete obj.setStatus
          delete obj.hello
        }

        if (obj.snapshot != null) {
          delete obj.expiredPending
          delete obj.resync
          delete obj.relayPending
          delete obj.heartbeat
          delete obj.statusChanged
          delete obj.left
          delete obj.joined
          delete obj.refused
          delete obj.goodbye
          delete obj.setStatus
          delete obj.hello
        }

        if (obj.goodbye != null) {
          delete obj.expiredPending
          delete obj.resync
          delete obj.relayPending
          delete obj.heartbeat
          delete obj.statusChanged
          delete obj.left
          delete obj.joined
          delete obj.refused
          delete obj.snapshot
          delete obj.setStatus
          delete obj.hello
        }

        if (obj.setStatus != null) {
          delete obj.expiredPending
          delete obj.resync
          delete obj.relayPending
          delete obj.heartbeat
          delete obj.statusChanged
          delete obj.left
          delete obj.joined
          delete obj.refused
          delete obj.snapshot
          delete obj.goodbye
          delete obj.hello
        }

        if (obj.hello != null) {
          delete obj.expiredPending
          delete obj.resync
          delete obj.relayPending
          delete obj.heartbeat
          delete obj.statusChanged
          delete obj.left
          delete obj.joined
          delete obj.refused
          delete obj.snapshot
          delete obj.goodbye
          delete obj.setStatus
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Hello.codec().stream(reader, reader.uint32(), `${prefix}.hello`, {
                limits: opts.limits?.hello
              })

              break
            }
            case 2: {
              yield * SetStatus.codec().stream(reader, reader.uint32(), `${prefix}.setStatus`, {
                limits: opts.limits?.setStatus
              })

              break
            }
            case 3: {
              yield * Goodbye.codec().stream(reader, reader.uint32(), `${prefix}.goodbye`, {
                limits: opts.limits?.goodbye
              })

              break
            }
            case 4: {
              yield * Snapshot.codec().stream(reader, reader.uint32(), `${prefix}.snapshot`, {
                limits: opts.limits?.snapshot
              })

              break
            }
            case 5: {
              yield * Refused.codec().stream(reader, reader.uint32(), `${prefix}.refused`, {
                limits: opts.limits?.refused
              })

              break
            }
            case 6: {
              yield * Joined.codec().stream(reader, reader.uint32(), `${prefix}.joined`, {
                limits: opts.limits?.joined
              })

              break
            }
            case 7: {
              yield * Left.codec().stream(reader, reader.uint32(), `${prefix}.left`, {
                limits: opts.limits?.left
              })

              break
            }
            case 8: {
              yield * StatusChanged.codec().stream(reader, reader.uint32(), `${prefix}.statusChanged`, {
                limits: opts.limits?.statusChanged
              })

              break
            }
            case 9: {
              yield * Heartbeat.codec().stream(reader, reader.uint32(), `${prefix}.heartbeat`, {
                limits: opts.limits?.heartbeat
              })

              break
            }
            case 10: {
              yield * RelayPending.codec().stream(reader, reader.uint32(), `${prefix}.relayPending`, {
                limits: opts.limits?.relayPending
              })

              break
            }
            case 11: {
              yield * Resync.codec().stream(reader, reader.uint32(), `${prefix}.resync`, {
                limits: opts.limits?.resync
              })

              break
            }
            case 20: {
              yield * ExpiredPending.codec().stream(reader, reader.uint32(), `${prefix}.expiredPending`, {
                limits: opts.limits?.expiredPending
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

  export interface IndexFrameHelloNameFieldEvent {
    field: '$.hello.name'
    value: string
  }

  export interface IndexFrameHelloAddrsFieldEvent {
    field: '$.hello.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface IndexFrameHelloStatusFieldEvent {
    field: '$.hello.status'
    value: Status
  }

  export interface IndexFrameHelloStatusTextFieldEvent {
    field: '$.hello.statusText'
    value: string
  }

  export interface IndexFrameHelloAgentFieldEvent {
    field: '$.hello.agent'
    value: string
  }

  export interface IndexFrameSetStatusStatusFieldEvent {
    field: '$.setStatus.status'
    value: Status
  }

  export interface IndexFrameSetStatusStatusTextFieldEvent {
    field: '$.setStatus.statusText'
    value: string
  }

  export interface IndexFrameSnapshotUsersNameFieldEvent {
    field: '$.snapshot.users[].name'
    value: string
    index: number
  }

  export interface IndexFrameSnapshotUsersPeerIdFieldEvent {
    field: '$.snapshot.users[].peerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface IndexFrameSnapshotUsersAddrsFieldEvent {
    field: '$.snapshot.users[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface IndexFrameSnapshotUsersStatusFieldEvent {
    field: '$.snapshot.users[].status'
    value: Status
    index: number
  }

  export interface IndexFrameSnapshotUsersStatusTextFieldEvent {
    field: '$.snapshot.users[].statusText'
    value: string
    index: number
  }

  export interface IndexFrameSnapshotUsersLastSeenFieldEvent {
    field: '$.snapshot.users[].lastSeen'
    value: number
    index: number
  }

  export interface IndexFrameSnapshotLastFieldEvent {
    field: '$.snapshot.last'
    value: boolean
  }

  export interface IndexFrameSnapshotHeartbeatMsFieldEvent {
    field: '$.snapshot.heartbeatMs'
    value: number
  }

  export interface IndexFrameSnapshotVersionFieldEvent {
    field: '$.snapshot.version'
    value: number
  }

  export interface IndexFrameRefusedReasonFieldEvent {
    field: '$.refused.reason'
    value: RefusedReason
  }

  export interface IndexFrameRefusedMessageFieldEvent {
    field: '$.refused.message'
    value: string
  }

  export interface IndexFrameJoinedUserNameFieldEvent {
    field: '$.joined.user.name'
    value: string
  }

  export interface IndexFrameJoinedUserPeerIdFieldEvent {
    field: '$.joined.user.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface IndexFrameJoinedUserAddrsFieldEvent {
    field: '$.joined.user.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface IndexFrameJoinedUserStatusFieldEvent {
    field: '$.joined.user.status'
    value: Status
  }

  export interface IndexFrameJoinedUserStatusTextFieldEvent {
    field: '$.joined.user.statusText'
    value: string
  }

  export interface IndexFrameJoinedUserLastSeenFieldEvent {
    field: '$.joined.user.lastSeen'
    value: number
  }

  export interface IndexFrameJoinedVersionFieldEvent {
    field: '$.joined.version'
    value: number
  }

  export interface IndexFrameLeftPeerIdFieldEvent {
    field: '$.left.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface IndexFrameLeftNameFieldEvent {
    field: '$.left.name'
    value: string
  }

  export interface IndexFrameLeftReasonFieldEvent {
    field: '$.left.reason'
    value: LeftReason
  }

  export interface IndexFrameLeftLastSeenFieldEvent {
    field: '$.left.lastSeen'
    value: number
  }

  export interface IndexFrameLeftVersionFieldEvent {
    field: '$.left.version'
    value: number
  }

  export interface IndexFrameStatusChangedPeerIdFieldEvent {
    field: '$.statusChanged.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface IndexFrameStatusChangedNameFieldEvent {
    field: '$.statusChanged.name'
    value: string
  }

  export interface IndexFrameStatusChangedStatusFieldEvent {
    field: '$.statusChanged.status'
    value: Status
  }

  export interface IndexFrameStatusChangedStatusTextFieldEvent {
    field: '$.statusChanged.statusText'
    value: string
  }

  export interface IndexFrameStatusChangedVersionFieldEvent {
    field: '$.statusChanged.version'
    value: number
  }

  export interface IndexFrameHeartbeatSeqFieldEvent {
    field: '$.heartbeat.seq'
    value: number
  }

  export interface IndexFrameRelayPendingCountFieldEvent {
    field: '$.relayPending.count'
    value: number
  }

  export interface IndexFrameExpiredPendingCountFieldEvent {
    field: '$.expiredPending.count'
    value: number
  }

  export function encode (obj: Partial<IndexFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, IndexFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<IndexFrame>): IndexFrame {
    return decodeMessage(buf, IndexFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<IndexFrame>): Generator<IndexFrameHelloNameFieldEvent | IndexFrameHelloAddrsFieldEvent | IndexFrameHelloStatusFieldEvent | IndexFrameHelloStatusTextFieldEvent | IndexFrameHelloAgentFieldEvent | IndexFrameSetStatusStatusFieldEvent | IndexFrameSetStatusStatusTextFieldEvent | IndexFrameSnapshotUsersNameFieldEvent | IndexFrameSnapshotUsersPeerIdFieldEvent | IndexFrameSnapshotUsersAddrsFieldEvent | IndexFrameSnapshotUsersStatusFieldEvent | IndexFrameSnapshotUsersStatusTextFieldEvent | IndexFrameSnapshotUsersLastSeenFieldEvent | IndexFrameSnapshotLastFieldEvent | IndexFrameSnapshotHeartbeatMsFieldEvent | IndexFrameSnapshotVersionFieldEvent | IndexFrameRefusedReasonFieldEvent | IndexFrameRefusedMessageFieldEvent | IndexFrameJoinedUserNameFieldEvent | IndexFrameJoinedUserPeerIdFieldEvent | IndexFrameJoinedUserAddrsFieldEvent | IndexFrameJoinedUserStatusFieldEvent | IndexFrameJoinedUserStatusTextFieldEvent | IndexFrameJoinedUserLastSeenFieldEvent | IndexFrameJoinedVersionFieldEvent | IndexFrameLeftPeerIdFieldEvent | IndexFrameLeftNameFieldEvent | IndexFrameLeftReasonFieldEvent | IndexFrameLeftLastSeenFieldEvent | IndexFrameLeftVersionFieldEvent | IndexFrameStatusChangedPeerIdFieldEvent | IndexFrameStatusChangedNameFieldEvent | IndexFrameStatusChangedStatusFieldEvent | IndexFrameStatusChangedStatusTextFieldEvent | IndexFrameStatusChangedVersionFieldEvent | IndexFrameHeartbeatSeqFieldEvent | IndexFrameRelayPendingCountFieldEvent | IndexFrameExpiredPendingCountFieldEvent> {
    return streamMessage(buf, IndexFrame.codec(), opts)
  }
}
