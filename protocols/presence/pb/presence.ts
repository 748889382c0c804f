import { decodeMessage, encodeMessage, enumeration, message, streamMessage } from 'protons-runtime'
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

export interface Presence {
  name: string
  status: Status
  statusText: string
  updatedAt: number
}

export namespace Presence {
  let _codec: Codec<Presence>

  export const codec = (): Codec<Presence> => {
    if (_codec == null) {
      _codec = message<Presence>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(16)
          Status.codec().encode(obj.status, w)
        }

        if ((obj.statusText != null && obj.statusText !== '')) {
          w.uint32(26)
          w.string(obj.statusText)
        }

        if ((obj.updatedAt != null && obj.updatedAt !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.updatedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          status: Status.OFFLINE,
          statusText: '',
          updatedAt: 0
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
              obj.status = Status.codec().decode(reader)
              break
            }
            case 3: {
              obj.statusText = reader.string()
              break
            }
            case 4: {
              obj.updatedAt = reader.uint64Number()
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
                field: `${prefix}.status`,
                value: Status.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.statusText`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.updatedAt`,
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

  export interface PresenceNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface PresenceStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface PresenceStatusTextFieldEvent {
    field: '$.statusText'
    value: string
  }

  export interface PresenceUpdatedAtFieldEvent {
    field: '$.updatedAt'
    value: number
  }

  export function encode (obj: Partial<Presence>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Presence.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Presence>): Presence {
    return decodeMessage(buf, Presence.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Presence>): Generator<PresenceNameFieldEvent | PresenceStatusFieldEvent | PresenceStatusTextFieldEvent | PresenceUpdatedAtFieldEvent> {
    return streamMessage(buf, Presence.codec(), opts)
  }
}
