import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum RelayRefusal {
  REFUSAL_UNSPECIFIED = 'REFUSAL_UNSPECIFIED',
  UNKNOWN_RECIPIENT = 'UNKNOWN_RECIPIENT',
  QUOTA_COUNT = 'QUOTA_COUNT',
  QUOTA_BYTES = 'QUOTA_BYTES',
  TOO_LARGE = 'TOO_LARGE',
  BAD_REQUEST = 'BAD_REQUEST',
  NOT_LOGGED_IN = 'NOT_LOGGED_IN',
  STORAGE_FAILED = 'STORAGE_FAILED',
  KEY_MISMATCH = 'KEY_MISMATCH',
  SENDER_SHARE = 'SENDER_SHARE'
}

enum __RelayRefusalValues {
  REFUSAL_UNSPECIFIED = 0,
  UNKNOWN_RECIPIENT = 1,
  QUOTA_COUNT = 2,
  QUOTA_BYTES = 3,
  TOO_LARGE = 4,
  BAD_REQUEST = 5,
  NOT_LOGGED_IN = 6,
  STORAGE_FAILED = 7,
  KEY_MISMATCH = 8,
  SENDER_SHARE = 9
}

export namespace RelayRefusal {
  export const codec = (): Codec<RelayRefusal> => {
    return enumeration<RelayRefusal>(__RelayRefusalValues)
  }
}

export interface Envelope {
  id: string
  sender: Uint8Array<ArrayBuffer>
  recipient: string
  recipientPeerId: Uint8Array<ArrayBuffer>
  depositedAt: number
  payload: Uint8Array<ArrayBuffer>
}

export namespace Envelope {
  let _codec: Codec<Envelope>

  export const codec = (): Codec<Envelope> => {
    if (_codec == null) {
      _codec = message<Envelope>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.sender != null && obj.sender.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.sender)
        }

        if ((obj.recipient != null && obj.recipient !== '')) {
          w.uint32(26)
          w.string(obj.recipient)
        }

        if ((obj.recipientPeerId != null && obj.recipientPeerId.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.recipientPeerId)
        }

        if ((obj.depositedAt != null && obj.depositedAt !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.depositedAt)
        }

        if ((obj.payload != null && obj.payload.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.payload)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          sender: uint8ArrayAlloc(0),
          recipient: '',
          recipientPeerId: uint8ArrayAlloc(0),
          depositedAt: 0,
          payload: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.sender = reader.bytes()
              break
            }
            case 3: {
              obj.recipient = reader.string()
              break
            }
            case 4: {
              obj.recipientPeerId = reader.bytes()
              break
            }
            case 5: {
              obj.depositedAt = reader.uint64Number()
              break
            }
            case 6: {
              obj.payload = reader.bytes()
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
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.sender`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.recipient`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.recipientPeerId`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.depositedAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.payload`,
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

  export interface EnvelopeIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface EnvelopeSenderFieldEvent {
    field: '$.sender'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeRecipientFieldEvent {
    field: '$.recipient'
    value: string
  }

  export interface EnvelopeRecipientPeerIdFieldEvent {
    field: '$.recipientPeerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeDepositedAtFieldEvent {
    field: '$.depositedAt'
    value: number
  }

  export interface EnvelopePayloadFieldEvent {
    field: '$.payload'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Envelope>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Envelope.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Envelope {
    return decodeMessage(buf, Envelope.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Generator<EnvelopeIdFieldEvent | EnvelopeSenderFieldEvent | EnvelopeRecipientFieldEvent | EnvelopeRecipientPeerIdFieldEvent | EnvelopeDepositedAtFieldEvent | EnvelopePayloadFieldEvent> {
    return streamMessage(buf, Envelope.codec(), opts)
  }
}

export interface Deposit {
  envelope?: Envelope
}

export namespace Deposit {
  let _codec: Codec<Deposit>

  export const codec = (): Codec<Deposit> => {
    if (_codec == null) {
      _codec = message<Deposit>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.envelope != null) {
          w.uint32(10)
          Envelope.codec().encode(obj.envelope, w)
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
              obj.envelope = Envelope.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.envelope
              })
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
              yield * Envelope.codec().stream(reader, reader.uint32(), `${prefix}.envelope`, {
                limits: opts.limits?.envelope
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

  export interface DepositEnvelopeIdFieldEvent {
    field: '$.envelope.id'
    value: string
  }

  export interface DepositEnvelopeSenderFieldEvent {
    field: '$.envelope.sender'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DepositEnvelopeRecipientFieldEvent {
    field: '$.envelope.recipient'
    value: string
  }

  export interface DepositEnvelopeRecipientPeerIdFieldEvent {
    field: '$.envelope.recipientPeerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DepositEnvelopeDepositedAtFieldEvent {
    field: '$.envelope.depositedAt'
    value: number
  }

  export interface DepositEnvelopePayloadFieldEvent {
    field: '$.envelope.payload'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Deposit>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Deposit.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Deposit>): Deposit {
    return decodeMessage(buf, Deposit.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Deposit>): Generator<DepositEnvelopeIdFieldEvent | DepositEnvelopeSenderFieldEvent | DepositEnvelopeRecipientFieldEvent | DepositEnvelopeRecipientPeerIdFieldEvent | DepositEnvelopeDepositedAtFieldEvent | DepositEnvelopePayloadFieldEvent> {
    return streamMessage(buf, Deposit.codec(), opts)
  }
}

export interface DepositShared {
  bodyId: string
  body: Uint8Array<ArrayBuffer>
  envelopes: Envelope[]
}

export namespace DepositShared {
  let _codec: Codec<DepositShared>

  export const codec = (): Codec<DepositShared> => {
    if (_codec == null) {
      _codec = message<DepositShared>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.bodyId != null && obj.bodyId !== '')) {
          w.uint32(10)
          w.string(obj.bodyId)
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.body)
        }

        if (obj.envelopes != null && obj.envelopes.length > 0) {
          for (const value of obj.envelopes) {
            w.uint32(26)
            Envelope.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          bodyId: '',
          body: uint8ArrayAlloc(0),
          envelopes: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.bodyId = reader.string()
              break
            }
            case 2: {
              obj.body = reader.bytes()
              break
            }
            case 3: {
              if (opts.limits?.envelopes != null && obj.envelopes.length === opts.limits.envelopes) {
                throw new MaxLengthError('Decode error - repeated field "envelopes" had too many elements')
              }

              if (obj.envelopes.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "envelopes" had too many elements')
              }

              obj.envelopes.push(Envelope.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.envelopes$
              }))
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
          envelopes: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.bodyId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              if (opts.limits?.envelopes != null && obj.envelopes === opts.limits.envelopes) {
                throw new MaxLengthError('Streaming decode error - repeated field "envelopes" had too many elements')
              }

              if (obj.envelopes === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "envelopes" had too many elements')
              }

              for (const evt of Envelope.codec().stream(reader, reader.uint32(), `${prefix}.envelopes[]`, {
                limits: opts.limits?.envelopes$
              })) {
                yield {
                  ...evt,
                  index: obj.envelopes
                }
              }

              obj.envelopes++

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

  export interface DepositSharedBodyIdFieldEvent {
    field: '$.bodyId'
    value: string
  }

  export interface DepositSharedBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DepositSharedEnvelopesIdFieldEvent {
    field: '$.envelopes[].id'
    value: string
    index: number
  }

  export interface DepositSharedEnvelopesSenderFieldEvent {
    field: '$.envelopes[].sender'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface DepositSharedEnvelopesRecipientFieldEvent {
    field: '$.envelopes[].recipient'
    value: string
    index: number
  }

  export interface DepositSharedEnvelopesRecipientPeerIdFieldEvent {
    field: '$.envelopes[].recipientPeerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface DepositSharedEnvelopesDepositedAtFieldEvent {
    field: '$.envelopes[].depositedAt'
    value: number
    index: number
  }

  export interface DepositSharedEnvelopesPayloadFieldEvent {
    field: '$.envelopes[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<DepositShared>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DepositShared.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DepositShared>): DepositShared {
    return decodeMessage(buf, DepositShared.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DepositShared>): Generator<DepositSharedBodyIdFieldEvent | DepositSharedBodyFieldEvent | DepositSharedEnvelopesIdFieldEvent | DepositSharedEnvelopesSenderFieldEvent | DepositSharedEnvelopesRecipientFieldEvent | DepositSharedEnvelopesRecipientPeerIdFieldEvent | DepositSharedEnvelopesDepositedAtFieldEvent | DepositSharedEnvelopesPayloadFieldEvent> {
    return streamMessage(buf, DepositShared.codec(), opts)
  }
}

export interface SharedResult {
  stored: Stored[]
  refused: Refused[]
}

export namespace SharedResult {
  let _codec: Codec<SharedResult>

  export const codec = (): Codec<SharedResult> => {
    if (_codec == null) {
      _codec = message<SharedResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.stored != null && obj.stored.length > 0) {
          for (const value of obj.stored) {
            w.uint32(10)
            Stored.codec().encode(value, w)
          }
        }

        if (obj.refused != null && obj.refused.length > 0) {
          for (const value of obj.refused) {
            w.uint32(18)
            Refused.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          stored: [],
          refused: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.stored != null && obj.stored.length === opts.limits.stored) {
                throw new MaxLengthError('Decode error - repeated field "stored" had too many elements')
              }

              if (obj.stored.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "stored" had too many elements')
              }

              obj.stored.push(Stored.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.stored$
              }))
              break
            }
            case 2: {
              if (opts.limits?.refused != null && obj.refused.length === opts.limits.refused) {
                throw new MaxLengthError('Decode error - repeated field "refused" had too many elements')
              }

              if (obj.refused.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "refused" had too many elements')
              }

              obj.refused.push(Refused.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.refused$
              }))
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
          stored: 1024,
          refused: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.stored != null && obj.stored === opts.limits.stored) {
                throw new MaxLengthError('Streaming decode error - repeated field "stored" had too many elements')
              }

              if (obj.stored === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "stored" had too many elements')
              }

              for (const evt of Stored.codec().stream(reader, reader.uint32(), `${prefix}.stored[]`, {
                limits: opts.limits?.stored$
              })) {
                yield {
                  ...evt,
                  index: obj.stored
                }
              }

              obj.stored++

              break
            }
            case 2: {
              if (opts.limits?.refused != null && obj.refused === opts.limits.refused) {
                throw new MaxLengthError('Streaming decode error - repeated field "refused" had too many elements')
              }

              if (obj.refused === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "refused" had too many elements')
              }

              for (const evt of Refused.codec().stream(reader, reader.uint32(), `${prefix}.refused[]`, {
                limits: opts.limits?.refused$
              })) {
                yield {
                  ...evt,
                  index: obj.refused
                }
              }

              obj.refused++

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

  export interface SharedResultStoredIdFieldEvent {
    field: '$.stored[].id'
    value: string
    index: number
  }

  export interface SharedResultStoredDuplicateFieldEvent {
    field: '$.stored[].duplicate'
    value: boolean
    index: number
  }

  export interface SharedResultRefusedIdFieldEvent {
    field: '$.refused[].id'
    value: string
    index: number
  }

  export interface SharedResultRefusedReasonFieldEvent {
    field: '$.refused[].reason'
    value: RelayRefusal
    index: number
  }

  export interface SharedResultRefusedMessageFieldEvent {
    field: '$.refused[].message'
    value: string
    index: number
  }

  export function encode (obj: Partial<SharedResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SharedResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SharedResult>): SharedResult {
    return decodeMessage(buf, SharedResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SharedResult>): Generator<SharedResultStoredIdFieldEvent | SharedResultStoredDuplicateFieldEvent | SharedResultRefusedIdFieldEvent | SharedResultRefusedReasonFieldEvent | SharedResultRefusedMessageFieldEvent> {
    return streamMessage(buf, SharedResult.codec(), opts)
  }
}

export interface Fetch {
  max: number
}

export namespace Fetch {
  let _codec: Codec<Fetch>

  export const codec = (): Codec<Fetch> => {
    if (_codec == null) {
      _codec = message<Fetch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.max != null && obj.max !== 0)) {
          w.uint32(8)
          w.uint32(obj.max)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          max: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.max = reader.uint32()
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
                field: `${prefix}.max`,
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

  export interface FetchMaxFieldEvent {
    field: '$.max'
    value: number
  }

  export function encode (obj: Partial<Fetch>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Fetch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Fetch>): Fetch {
    return decodeMessage(buf, Fetch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Fetch>): Generator<FetchMaxFieldEvent> {
    return streamMessage(buf, Fetch.codec(), opts)
  }
}

export interface Ack {
  ids: string[]
}

export namespace Ack {
  let _codec: Codec<Ack>

  export const codec = (): Codec<Ack> => {
    if (_codec == null) {
      _codec = message<Ack>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.ids != null && obj.ids.length > 0) {
          for (const value of obj.ids) {
            w.uint32(10)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ids: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              if (obj.ids.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              obj.ids.push(reader.string())
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
          ids: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              if (obj.ids === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              yield {
                field: `${prefix}.ids[]`,
                index: obj.ids,
                value: reader.string()
              }

              obj.ids++

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

  export interface AckIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<Ack>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Ack.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ack>): Ack {
    return decodeMessage(buf, Ack.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ack>): Generator<AckIdsFieldEvent> {
    return streamMessage(buf, Ack.codec(), opts)
  }
}

export interface Stored {
  id: string
  duplicate: boolean
}

export namespace Stored {
  let _codec: Codec<Stored>

  export const codec = (): Codec<Stored> => {
    if (_codec == null) {
      _codec = message<Stored>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.duplicate != null && obj.duplicate !== false)) {
          w.uint32(16)
          w.bool(obj.duplicate)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          duplicate: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.duplicate = reader.bool()
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
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.duplicate`,
                value: reader.bool()
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

  export interface StoredIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface StoredDuplicateFieldEvent {
    field: '$.duplicate'
    value: boolean
  }

  export function encode (obj: Partial<Stored>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Stored.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Stored>): Stored {
    return decodeMessage(buf, Stored.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Stored>): Generator<StoredIdFieldEvent | StoredDuplicateFieldEvent> {
    return streamMessage(buf, Stored.codec(), opts)
  }
}

export interface Refused {
  id: string
  reason: RelayRefusal
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

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if (obj.reason != null && __RelayRefusalValues[obj.reason] !== 0) {
          w.uint32(16)
          RelayRefusal.codec().encode(obj.reason, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(26)
          w.string(obj.message)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          reason: RelayRefusal.REFUSAL_UNSPECIFIED,
          message: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.reason = RelayRefusal.codec().decode(reader)
              break
            }
            case 3: {
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
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.reason`,
                value: RelayRefusal.codec().decode(reader)
              }
              break
            }
            case 3: {
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

  export interface RefusedIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface RefusedReasonFieldEvent {
    field: '$.reason'
    value: RelayRefusal
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

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Refused>): Generator<RefusedIdFieldEvent | RefusedReasonFieldEvent | RefusedMessageFieldEvent> {
    return streamMessage(buf, Refused.codec(), opts)
  }
}

export interface Batch {
  envelopes: Envelope[]
  more: boolean
}

export namespace Batch {
  let _codec: Codec<Batch>

  export const codec = (): Codec<Batch> => {
    if (_codec == null) {
      _codec = message<Batch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.envelopes != null && obj.envelopes.length > 0) {
          for (const value of obj.envelopes) {
            w.uint32(10)
            Envelope.codec().encode(value, w)
          }
        }

        if ((obj.more != null && obj.more !== false)) {
          w.uint32(16)
          w.bool(obj.more)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          envelopes: [],
          more: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.envelopes != null && obj.envelopes.length === opts.limits.envelopes) {
                throw new MaxLengthError('Decode error - repeated field "envelopes" had too many elements')
              }

              if (obj.envelopes.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "envelopes" had too many elements')
              }

              obj.envelopes.push(Envelope.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.envelopes$
              }))
              break
            }
            case 2: {
              obj.more = reader.bool()
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
          envelopes: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.envelopes != null && obj.envelopes === opts.limits.envelopes) {
                throw new MaxLengthError('Streaming decode error - repeated field "envelopes" had too many elements')
              }

              if (obj.envelopes === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "envelopes" had too many elements')
              }

              for (const evt of Envelope.codec().stream(reader, reader.uint32(), `${prefix}.envelopes[]`, {
                limits: opts.limits?.envelopes$
              })) {
                yield {
                  ...evt,
                  index: obj.envelopes
                }
              }

              obj.envelopes++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.more`,
                value: reader.bool()
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

  export interface BatchEnvelopesIdFieldEvent {
    field: '$.envelopes[].id'
    value: string
    index: number
  }

  export interface BatchEnvelopesSenderFieldEvent {
    field: '$.envelopes[].sender'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface BatchEnvelopesRecipientFieldEvent {
    field: '$.envelopes[].recipient'
    value: string
    index: number
  }

  export interface BatchEnvelopesRecipientPeerIdFieldEvent {
    field: '$.envelopes[].recipientPeerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface BatchEnvelopesDepositedAtFieldEvent {
    field: '$.envelopes[].depositedAt'
    value: number
    index: number
  }

  export interface BatchEnvelopesPayloadFieldEvent {
    field: '$.envelopes[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface BatchMoreFieldEvent {
    field: '$.more'
    value: boolean
  }

  export function encode (obj: Partial<Batch>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Batch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Batch>): Batch {
    return decodeMessage(buf, Batch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Batch>): Generator<BatchEnvelopesIdFieldEvent | BatchEnvelopesSenderFieldEvent | BatchEnvelopesRecipientFieldEvent | BatchEnvelopesRecipientPeerIdFieldEvent | BatchEnvelopesDepositedAtFieldEvent | BatchEnvelopesPayloadFieldEvent | BatchMoreFieldEvent> {
    return streamMessage(buf, Batch.codec(), opts)
  }
}

export interface Acked {
  count: number
}

export namespace Acked {
  let _codec: Codec<Acked>

  export const codec = (): Codec<Acked> => {
    if (_codec == null) {
      _codec = message<Acked>((obj, w, opts = {}) => {
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

  export interface AckedCountFieldEvent {
    field: '$.count'
    value: number
  }

  export function encode (obj: Partial<Acked>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Acked.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Acked>): Acked {
    return decodeMessage(buf, Acked.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Acked>): Generator<AckedCountFieldEvent> {
    return streamMessage(buf, Acked.codec(), opts)
  }
}

export enum ExpiryReason {
  EXPIRY_UNSPECIFIED = 'EXPIRY_UNSPECIFIED',
  RETENTION = 'RETENTION',
  RELEASED = 'RELEASED',
  REFUSED = 'REFUSED'
}

enum __ExpiryReasonValues {
  EXPIRY_UNSPECIFIED = 0,
  RETENTION = 1,
  RELEASED = 2,
  REFUSED = 3
}

export namespace ExpiryReason {
  export const codec = (): Codec<ExpiryReason> => {
    return enumeration<ExpiryReason>(__ExpiryReasonValues)
  }
}

export interface Refuse {
  ids: string[]
}

export namespace Refuse {
  let _codec: Codec<Refuse>

  export const codec = (): Codec<Refuse> => {
    if (_codec == null) {
      _codec = message<Refuse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.ids != null && obj.ids.length > 0) {
          for (const value of obj.ids) {
            w.uint32(10)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ids: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              if (obj.ids.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              obj.ids.push(reader.string())
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
          ids: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              if (obj.ids === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              yield {
                field: `${prefix}.ids[]`,
                index: obj.ids,
                value: reader.string()
              }

              obj.ids++

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

  export interface RefuseIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<Refuse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Refuse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Refuse>): Refuse {
    return decodeMessage(buf, Refuse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Refuse>): Generator<RefuseIdsFieldEvent> {
    return streamMessage(buf, Refuse.codec(), opts)
  }
}

export interface FetchExpired {
  max: number
}

export namespace FetchExpired {
  let _codec: Codec<FetchExpired>

  export const codec = (): Codec<FetchExpired> => {
    if (_codec == null) {
      _codec = message<FetchExpired>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.max != null && obj.max !== 0)) {
          w.uint32(8)
          w.uint32(obj.max)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          max: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.max = reader.uint32()
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
                field: `${prefix}.max`,
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

  export interface FetchExpiredMaxFieldEvent {
    field: '$.max'
    value: number
  }

  export function encode (obj: Partial<FetchExpired>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FetchExpired.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FetchExpired>): FetchExpired {
    return decodeMessage(buf, FetchExpired.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FetchExpired>): Generator<FetchExpiredMaxFieldEvent> {
    return streamMessage(buf, FetchExpired.codec(), opts)
  }
}

export interface AckExpired {
  ids: string[]
}

export namespace AckExpired {
  let _codec: Codec<AckExpired>

  export const codec = (): Codec<AckExpired> => {
    if (_codec == null) {
      _codec = message<AckExpired>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.ids != null && obj.ids.length > 0) {
          for (const value of obj.ids) {
            w.uint32(10)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ids: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              if (obj.ids.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              obj.ids.push(reader.string())
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
          ids: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              if (obj.ids === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              yield {
                field: `${prefix}.ids[]`,
                index: obj.ids,
                value: reader.string()
              }

              obj.ids++

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

  export interface AckExpiredIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<AckExpired>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AckExpired.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AckExpired>): AckExpired {
    return decodeMessage(buf, AckExpired.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AckExpired>): Generator<AckExpiredIdsFieldEvent> {
    return streamMessage(buf, AckExpired.codec(), opts)
  }
}

export interface Expired {
  id: string
  recipientPeerId: Uint8Array<ArrayBuffer>
  recipient: string
  reason: ExpiryReason
  at: number
}

export namespace Expired {
  let _codec: Codec<Expired>

  export const codec = (): Codec<Expired> => {
    if (_codec == null) {
      _codec = message<Expired>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.recipientPeerId != null && obj.recipientPeerId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.recipientPeerId)
        }

        if ((obj.recipient != null && obj.recipient !== '')) {
          w.uint32(26)
          w.string(obj.recipient)
        }

        if (obj.reason != null && __ExpiryReasonValues[obj.reason] !== 0) {
          w.uint32(32)
          ExpiryReason.codec().encode(obj.reason, w)
        }

        if ((obj.at != null && obj.at !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.at)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          recipientPeerId: uint8ArrayAlloc(0),
          recipient: '',
          reason: ExpiryReason.EXPIRY_UNSPECIFIED,
          at: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.recipientPeerId = reader.bytes()
              break
            }
            case 3: {
              obj.recipient = reader.string()
              break
            }
            case 4: {
              obj.reason = ExpiryReason.codec().decode(reader)
              break
            }
            case 5: {
              obj.at = reader.uint64Number()
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
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.recipientPeerId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.recipient`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.reason`,
                value: ExpiryReason.codec().decode(reader)
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.at`,
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

  export interface ExpiredIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface ExpiredRecipientPeerIdFieldEvent {
    field: '$.recipientPeerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ExpiredRecipientFieldEvent {
    field: '$.recipient'
    value: string
  }

  export interface ExpiredReasonFieldEvent {
    field: '$.reason'
    value: ExpiryReason
  }

  export interface ExpiredAtFieldEvent {
    field: '$.at'
    value: number
  }

  export function encode (obj: Partial<Expired>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Expired.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Expired>): Expired {
    return decodeMessage(buf, Expired.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Expired>): Generator<ExpiredIdFieldEvent | ExpiredRecipientPeerIdFieldEvent | ExpiredRecipientFieldEvent | ExpiredReasonFieldEvent | ExpiredAtFieldEvent> {
    return streamMessage(buf, Expired.codec(), opts)
  }
}

export interface ExpiredBatch {
  expired: Expired[]
  more: boolean
}

export namespace ExpiredBatch {
  let _codec: Codec<ExpiredBatch>

  export const codec = (): Codec<ExpiredBatch> => {
    if (_codec == null) {
      _codec = message<ExpiredBatch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.expired != null && obj.expired.length > 0) {
          for (const value of obj.expired) {
            w.uint32(10)
            Expired.codec().encode(value, w)
          }
        }

        if ((obj.more != null && obj.more !== false)) {
          w.uint32(16)
          w.bool(obj.more)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          expired: [],
          more: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.expired != null && obj.expired.length === opts.limits.expired) {
                throw new MaxLengthError('Decode error - repeated field "expired" had too many elements')
              }

              if (obj.expired.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "expired" had too many elements')
              }

              obj.expired.push(Expired.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.expired$
              }))
              break
            }
            case 2: {
              obj.more = reader.bool()
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
          expired: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.expired != null && obj.expired === opts.limits.expired) {
                throw new MaxLengthError('Streaming decode error - repeated field "expired" had too many elements')
              }

              if (obj.expired === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "expired" had too many elements')
              }

              for (const evt of Expired.codec().stream(reader, reader.uint32(), `${prefix}.expired[]`, {
                limits: opts.limits?.expired$
              })) {
                yield {
                  ...evt,
                  index: obj.expired
                }
              }

              obj.expired++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.more`,
                value: reader.bool()
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

  export interface ExpiredBatchExpiredIdFieldEvent {
    field: '$.expired[].id'
    value: string
    index: number
  }

  export interface ExpiredBatchExpiredRecipientPeerIdFieldEvent {
    field: '$.expired[].recipientPeerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ExpiredBatchExpiredRecipientFieldEvent {
    field: '$.expired[].recipient'
    value: string
    index: number
  }

  export interface ExpiredBatchExpiredReasonFieldEvent {
    field: '$.expired[].reason'
    value: ExpiryReason
    index: number
  }

  export interface ExpiredBatchExpiredAtFieldEvent {
    field: '$.expired[].at'
    value: number
    index: number
  }

  export interface ExpiredBatchMoreFieldEvent {
    field: '$.more'
    value: boolean
  }

  export function encode (obj: Partial<ExpiredBatch>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ExpiredBatch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ExpiredBatch>): ExpiredBatch {
    return decodeMessage(buf, ExpiredBatch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ExpiredBatch>): Generator<ExpiredBatchExpiredIdFieldEvent | ExpiredBatchExpiredRecipientPeerIdFieldEvent | ExpiredBatchExpiredRecipientFieldEvent | ExpiredBatchExpiredReasonFieldEvent | ExpiredBatchExpiredAtFieldEvent | ExpiredBatchMoreFieldEvent> {
    return streamMessage(buf, ExpiredBatch.codec(), opts)
  }
}

export interface RelayRequest {
  deposit?: Deposit
  fetch?: Fetch
  ack?: Ack
  refuse?: Refuse
  fetchExpired?: FetchExpired
  ackExpired?: AckExpired
  depositShared?: DepositShared
}

export namespace RelayRequest {
  let _codec: Codec<RelayRequest>

  export const codec = (): Codec<RelayRequest> => {
    if (_codec == null) {
      _codec = message<RelayRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.depositShared != null) {
          obj.ackExpired = undefined
          obj.fetchExpired = undefined
          obj.refuse = undefined
          obj.ack = undefined
          obj.fetch = undefined
          obj.deposit = undefined
        }

        if (obj.ackExpired != null) {
          obj.depositShared = undefined
          obj.fetchExpired = undefined
          obj.refuse = undefined
          obj.ack = undefined
          obj.fetch = undefined
          obj.deposit = undefined
        }

        if (obj.fetchExpired != null) {
          obj.depositShared = undefined
          obj.ackExpired = undefined
          obj.refuse = undefined
          obj.ack = undefined
          obj.fetch = undefined
          obj.deposit = undefined
        }

        if (obj.refuse != null) {
          obj.depositShared = undefined
          obj.ackExpired = undefined
          obj.fetchExpired = undefined
          obj.ack = undefined
          obj.fetch = undefined
          obj.deposit = undefined
        }

        if (obj.ack != null) {
          obj.depositShared = undefined
          obj.ackExpired = undefined
          obj.fetchExpired = undefined
          obj.refuse = undefined
          obj.fetch = undefined
          obj.deposit = undefined
        }

        if (obj.fetch != null) {
          obj.depositShared = undefined
          obj.ackExpired = undefined
          obj.fetchExpired = undefined
          obj.refuse = undefined
          obj.ack = undefined
          obj.deposit = undefined
        }

        if (obj.deposit != null) {
          obj.depositShared = undefined
          obj.ackExpired = undefined
          obj.fetchExpired = undefined
          obj.refuse = undefined
          obj.ack = undefined
          obj.fetch = undefined
        }

        if (obj.deposit != null) {
          w.uint32(10)
          Deposit.codec().encode(obj.deposit, w)
        }

        if (obj.fetch != null) {
          w.uint32(18)
          Fetch.codec().encode(obj.fetch, w)
        }

        if (obj.ack != null) {
          w.uint32(26)
          Ack.codec().encode(obj.ack, w)
        }

        if (obj.refuse != null) {
          w.uint32(82)
          Refuse.codec().encode(obj.refuse, w)
        }

        if (obj.fetchExpired != null) {
          w.uint32(90)
          FetchExpired.codec().encode(obj.fetchExpired, w)
        }

        if (obj.ackExpired != null) {
          w.uint32(98)
          AckExpired.codec().encode(obj.ackExpired, w)
        }

        if (obj.depositShared != null) {
          w.uint32(106)
          DepositShared.codec().encode(obj.depositShared, w)
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
              obj.deposit = Deposit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.deposit
              })
              break
            }
            case 2: {
              obj.fetch = Fetch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fetch
              })
              break
            }
            case 3: {
              obj.ack = Ack.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ack
              })
              break
            }
            case 10: {
              obj.refuse = Refuse.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.refuse
              })
              break
            }
            case 11: {
              obj.fetchExpired = FetchExpired.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fetchExpired
              })
              break
            }
            case 12: {
              obj.ackExpired = AckExpired.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ackExpired
              })
              break
            }
            case 13: {
              obj.depositShared = DepositShared.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.depositShared
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.depositShared != null) {
          delete obj.ackExpired
          delete obj.fetchExpired
          delete obj.refuse
          delete obj.ack
          delete obj.fetch
          delete obj.deposit
        }

        if (obj.ackExpired != null) {
          delete obj.depositShared
          delete obj.fetchExpired
          delete obj.refuse
          delete obj.ack
          delete obj.fetch
          delete obj.deposit
        }

        if (obj.fetchExpired != null) {
          delete obj.depositShared
          delete obj.ackExpired
          delete obj.refuse
          delete obj.ack
          delete obj.fetch
          delete obj.deposit
        }

        if (obj.refuse != null) {
          delete obj.depositShared
          delete obj.ackExpired
          delete obj.fetchExpired
          delete obj.ack
          delete obj.fetch
          delete obj.deposit
        }

        if (obj.ack != null) {
          delete obj.depositShared
          delete obj.ackExpired
          delete obj.fetchExpired
          delete obj.refuse
          delete obj.fetch
          delete obj.deposit
        }

        if (obj.fetch != null) {
          delete obj.depositShared
          delete obj.ackExpired
          delete obj.fetchExpired
          delete obj.refuse
          delete obj.ack
          delete obj.deposit
        }

        if (obj.deposit != null) {
          delete obj.depositShared
          delete obj.ackExpired
          delete obj.fetchExpired
          delete obj.refuse
          delete obj.ack
          delete obj.fetch
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Deposit.codec().stream(reader, reader.uint32(), `${prefix}.deposit`, {
                limits: opts.limits?.deposit
              })

              break
            }
            case 2: {
              yield * Fetch.codec().stream(reader, reader.uint32(), `${prefix}.fetch`, {
                limits: opts.limits?.fetch
              })

              break
            }
            case 3: {
              yield * Ack.codec().stream(reader, reader.uint32(), `${prefix}.ack`, {
                limits: opts.limits?.ack
              })

              break
            }
            case 10: {
              yield * Refuse.codec().stream(reader, reader.uint32(), `${prefix}.refuse`, {
                limits: opts.limits?.refuse
              })

              break
            }
            case 11: {
              yield * FetchExpired.codec().stream(reader, reader.uint32(), `${prefix}.fetchExpired`, {
                limits: opts.limits?.fetchExpired
              })

              break
            }
            case 12: {
              yield * AckExpired.codec().stream(reader, reader.uint32(), `${prefix}.ackExpired`, {
                limits: opts.limits?.ackExpired
              })

              break
            }
            case 13: {
              yield * DepositShared.codec().stream(reader, reader.uint32(), `${prefix}.depositShared`, {
                limits: opts.limits?.depositShared
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

  export interface RelayRequestDepositEnvelopeIdFieldEvent {
    field: '$.deposit.envelope.id'
    value: string
  }

  export interface RelayRequestDepositEnvelopeSenderFieldEvent {
    field: '$.deposit.envelope.sender'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RelayRequestDepositEnvelopeRecipientFieldEvent {
    field: '$.deposit.envelope.recipient'
    value: string
  }

  export interface RelayRequestDepositEnvelopeRecipientPeerIdFieldEvent {
    field: '$.deposit.envelope.recipientPeerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RelayRequestDepositEnvelopeDepositedAtFieldEvent {
    field: '$.deposit.envelope.depositedAt'
    value: number
  }

  export interface RelayRequestDepositEnvelopePayloadFieldEvent {
    field: '$.deposit.envelope.payload'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RelayRequestFetchMaxFieldEvent {
    field: '$.fetch.max'
    value: number
  }

  export interface RelayRequestAckIdsFieldEvent {
    field: '$.ack.ids[]'
    index: number
    value: string
  }

  export interface RelayRequestRefuseIdsFieldEvent {
    field: '$.refuse.ids[]'
    index: number
    value: string
  }

  export interface RelayRequestFetchExpiredMaxFieldEvent {
    field: '$.fetchExpired.max'
    value: number
  }

  export interface RelayRequestAckExpiredIdsFieldEvent {
    field: '$.ackExpired.ids[]'
    index: number
    value: string
  }

  export interface RelayRequestDepositSharedBodyIdFieldEvent {
    field: '$.depositShared.bodyId'
    value: string
  }

  export interface RelayRequestDepositSharedBodyFieldEvent {
    field: '$.depositShared.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RelayRequestDepositSharedEnvelopesIdFieldEvent {
    field: '$.depositShared.envelopes[].id'
    value: string
    index: number
  }

  export interface RelayRequestDepositSharedEnvelopesSenderFieldEvent {
    field: '$.depositShared.envelopes[].sender'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface RelayRequestDepositSharedEnvelopesRecipientFieldEvent {
    field: '$.depositShared.envelopes[].recipient'
    value: string
    index: number
  }

  export interface RelayRequestDepositSharedEnvelopesRecipientPeerIdFieldEvent {
    field: '$.depositShared.envelopes[].recipientPeerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface RelayRequestDepositSharedEnvelopesDepositedAtFieldEvent {
    field: '$.depositShared.envelopes[].depositedAt'
    value: number
    index: number
  }

  export interface RelayRequestDepositSharedEnvelopesPayloadFieldEvent {
    field: '$.depositShared.envelopes[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<RelayRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RelayRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RelayRequest>): RelayRequest {
    return decodeMessage(buf, RelayRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RelayRequest>): Generator<RelayRequestDepositEnvelopeIdFieldEvent | RelayRequestDepositEnvelopeSenderFieldEvent | RelayRequestDepositEnvelopeRecipientFieldEvent | RelayRequestDepositEnvelopeRecipientPeerIdFieldEvent | RelayRequestDepositEnvelopeDepositedAtFieldEvent | RelayRequestDepositEnvelopePayloadFieldEvent | RelayRequestFetchMaxFieldEvent | RelayRequestAckIdsFieldEvent | RelayRequestRefuseIdsFieldEvent | RelayRequestFetchExpiredMaxFieldEvent | RelayRequestAckExpiredIdsFieldEvent | RelayRequestDepositSharedBodyIdFieldEvent | RelayRequestDepositSharedBodyFieldEvent | RelayRequestDepositSharedEnvelopesIdFieldEvent | RelayRequestDepositSharedEnvelopesSenderFieldEvent | RelayRequestDepositSharedEnvelopesRecipientFieldEvent | RelayRequestDepositSharedEnvelopesRecipientPeerIdFieldEvent | RelayRequestDepositSharedEnvelopesDepositedAtFieldEvent | RelayRequestDepositSharedEnvelopesPayloadFieldEvent> {
    return streamMessage(buf, RelayRequest.codec(), opts)
  }
}

export interface RelayResponse {
  stored?: Stored
  refused?: Refused
  batch?: Batch
  acked?: Acked
  expiredBatch?: ExpiredBatch
  shared?: SharedResult
}

export namespace RelayResponse {
  let _codec: Codec<RelayResponse>

  export const codec = (): Codec<RelayResponse> => {
    if (_codec == null) {
      _codec = message<RelayResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.shared != null) {
          obj.expiredBatch = undefined
          obj.acked = undefined
          obj.batch = undefined
          obj.refused = undefined
          obj.stored = undefined
        }

        if (obj.expiredBatch != null) {
          obj.shared = undefined
          obj.acked = undefined
          obj.batch = undefined
          obj.refused = undefined
          obj.stored = undefined
        }

        if (obj.acked != null) {
          obj.shared = undefined
          obj.expiredBatch = undefined
          obj.batch = undefined
          obj.refused = undefined
          obj.stored = undefined
        }

        if (obj.batch != null) {
          obj.shared = undefined
          obj.expiredBatch = undefined
          obj.acked = undefined
          obj.refused = undefined
          obj.stored = undefined
        }

        if (obj.refused != null) {
          obj.shared = undefined
          obj.expiredBatch = undefined
          obj.acked = undefined
          obj.batch = undefined
          obj.stored = undefined
        }

        if (obj.stored != null) {
          obj.shared = undefined
          obj.expiredBatch = undefined
          obj.acked = undefined
          obj.batch = undefined
          obj.refused = undefined
        }

        if (obj.stored != null) {
          w.uint32(10)
          Stored.codec().encode(obj.stored, w)
        }

        if (obj.refused != null) {
          w.uint32(18)
          Refused.codec().encode(obj.refused, w)
        }

        if (obj.batch != null) {
          w.uint32(26)
          Batch.codec().encode(obj.batch, w)
        }

        if (obj.acked != null) {
          w.uint32(34)
          Acked.codec().encode(obj.acked, w)
        }

        if (obj.expiredBatch != null) {
          w.uint32(82)
          ExpiredBatch.codec().encode(obj.expiredBatch, w)
        }

        if (obj.shared != null) {
          w.uint32(90)
          SharedResult.codec().encode(obj.shared, w)
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
              obj.stored = Stored.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.stored
              })
              break
            }
            case 2: {
              obj.refused = Refused.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.refused
              })
              break
            }
            case 3: {
              obj.batch = Batch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.batch
              })
              break
            }
            case 4: {
              obj.acked = Acked.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.acked
              })
              break
            }
            case 10: {
              obj.expiredBatch = ExpiredBatch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.expiredBatch
              })
              break
            }
            case 11: {
              obj.shared = SharedResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.shared
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.shared != null) {
          delete obj.expiredBatch
          delete obj.acked
          delete obj.batch
          delete obj.refused
          delete obj.stored
        }

        if (obj.expiredBatch != null) {
          delete obj.shared
          delete obj.acked
          delete obj.batch
          delete obj.refused
          delete obj.stored
        }

        if (obj.acked != null) {
          delete obj.shared
          delete obj.expiredBatch
          delete obj.batch
          delete obj.refused
          delete obj.stored
        }

        if (obj.batch != null) {
          delete obj.shared
          delete obj.expiredBatch
          delete obj.acked
          delete obj.refused
          delete obj.stored
        }

        if (obj.refused != null) {
          delete obj.shared
          delete obj.expiredBatch
          delete obj.acked
          delete obj.batch
          delete obj.stored
        }

        if (obj.stored != null) {
          delete obj.shared
          delete obj.expiredBatch
          delete obj.acked
          delete obj.batch
          delete obj.refused
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Stored.codec().stream(reader, reader.uint32(), `${prefix}.stored`, {
                limits: opts.limits?.stored
              })

              break
            }
            case 2: {
              yield * Refused.codec().stream(reader, reader.uint32(), `${prefix}.refused`, {
                limits: opts.limits?.refused
              })

              break
            }
            case 3: {
              yield * Batch.codec().stream(reader, reader.uint32(), `${prefix}.batch`, {
                limits: opts.limits?.batch
              })

              break
            }
            case 4: {
              yield * Acked.codec().stream(reader, reader.uint32(), `${prefix}.acked`, {
                limits: opts.limits?.acked
              })

              break
            }
            case 10: {
              yield * ExpiredBatch.codec().stream(reader, reader.uint32(), `${prefix}.expiredBatch`, {
                limits: opts.limits?.expiredBatch
              })

              break
            }
            case 11: {
              yield * SharedResult.codec().stream(reader, reader.uint32(), `${prefix}.shared`, {
                limits: opts.limits?.shared
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

  export interface RelayResponseStoredIdFieldEvent {
    field: '$.stored.id'
    value: string
  }

  export interface RelayResponseStoredDuplicateFieldEvent {
    field: '$.stored.duplicate'
    value: boolean
  }

  export interface RelayResponseRefusedIdFieldEvent {
    field: '$.refused.id'
    value: string
  }

  export interface RelayResponseRefusedReasonFieldEvent {
    field: '$.refused.reason'
    value: RelayRefusal
  }

  export interface RelayResponseRefusedMessageFieldEvent {
    field: '$.refused.message'
    value: string
  }

  export interface RelayResponseBatchEnvelopesIdFieldEvent {
    field: '$.batch.envelopes[].id'
    value: string
    index: number
  }

  export interface RelayResponseBatchEnvelopesSenderFieldEvent {
    field: '$.batch.envelopes[].sender'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface RelayResponseBatchEnvelopesRecipientFieldEvent {
    field: '$.batch.envelopes[].recipient'
    value: string
    index: number
  }

  export interface RelayResponseBatchEnvelopesRecipientPeerIdFieldEvent {
    field: '$.batch.envelopes[].recipientPeerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface RelayResponseBatchEnvelopesDepositedAtFieldEvent {
    field: '$.batch.envelopes[].depositedAt'
    value: number
    index: number
  }

  export interface RelayResponseBatchEnvelopesPayloadFieldEvent {
    field: '$.batch.envelopes[].payload'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface RelayResponseBatchMoreFieldEvent {
    field: '$.batch.more'
    value: boolean
  }

  export interface RelayResponseAckedCountFieldEvent {
    field: '$.acked.count'
    value: number
  }

  export interface RelayResponseExpiredBatchExpiredIdFieldEvent {
    field: '$.expiredBatch.expired[].id'
    value: string
    index: number
  }

  export interface RelayResponseExpiredBatchExpiredRecipientPeerIdFieldEvent {
    field: '$.expiredBatch.expired[].recipientPeerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface RelayResponseExpiredBatchExpiredRecipientFieldEvent {
    field: '$.expiredBatch.expired[].recipient'
    value: string
    index: number
  }

  export interface RelayResponseExpiredBatchExpiredReasonFieldEvent {
    field: '$.expiredBatch.expired[].reason'
    value: ExpiryReason
    index: number
  }

  export interface RelayResponseExpiredBatchExpiredAtFieldEvent {
    field: '$.expiredBatch.expired[].at'
    value: number
    index: number
  }

  export interface RelayResponseExpiredBatchMoreFieldEvent {
    field: '$.expiredBatch.more'
    value: boolean
  }

  export interface RelayResponseSharedStoredIdFieldEvent {
    field: '$.shared.stored[].id'
    value: string
    index: number
  }

  export interface RelayResponseSharedStoredDuplicateFieldEvent {
    field: '$.shared.stored[].duplicate'
    value: boolean
    index: number
  }

  export interface RelayResponseSharedRefusedIdFieldEvent {
    field: '$.shared.refused[].id'
    value: string
    index: number
  }

  export interface RelayResponseSharedRefusedReasonFieldEvent {
    field: '$.shared.refused[].reason'
    value: RelayRefusal
    index: number
  }

  export interface RelayResponseSharedRefusedMessageFieldEvent {
    field: '$.shared.refused[].message'
    value: string
    index: number
  }

  export function encode (obj: Partial<RelayResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RelayResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RelayResponse>): RelayResponse {
    return decodeMessage(buf, RelayResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RelayResponse>): Generator<RelayResponseStoredIdFieldEvent | RelayResponseStoredDuplicateFieldEvent | RelayResponseRefusedIdFieldEvent | RelayResponseRefusedReasonFieldEvent | RelayResponseRefusedMessageFieldEvent | RelayResponseBatchEnvelopesIdFieldEvent | RelayResponseBatchEnvelopesSenderFieldEvent | RelayResponseBatchEnvelopesRecipientFieldEvent | RelayResponseBatchEnvelopesRecipientPeerIdFieldEvent | RelayResponseBatchEnvelopesDepositedAtFieldEvent | RelayResponseBatchEnvelopesPayloadFieldEvent | RelayResponseBatchMoreFieldEvent | RelayResponseAckedCountFieldEvent | RelayResponseExpiredBatchExpiredIdFieldEvent | RelayResponseExpiredBatchExpiredRecipientPeerIdFieldEvent | RelayResponseExpiredBatchExpiredRecipientFieldEvent | RelayResponseExpiredBatchExpiredReasonFieldEvent | RelayResponseExpiredBatchExpiredAtFieldEvent | RelayResponseExpiredBatchMoreFieldEvent | RelayResponseSharedStoredIdFieldEvent | RelayResponseSharedStoredDuplicateFieldEvent | RelayResponseSharedRefusedIdFieldEvent | RelayResponseSharedRefusedReasonFieldEvent | RelayResponseSharedRefusedMessageFieldEvent> {
    return streamMessage(buf, RelayResponse.codec(), opts)
  }
}
