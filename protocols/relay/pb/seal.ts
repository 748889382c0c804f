import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface SealedContent {
  id: string
  seq: number
  from: Uint8Array<ArrayBuffer>
  to: Uint8Array<ArrayBuffer>
  sentAt: number
  body: string
  fromName: string
  toName: string
  group: string
}

export namespace SealedContent {
  let _codec: Codec<SealedContent>

  export const codec = (): Codec<SealedContent> => {
    if (_codec == null) {
      _codec = message<SealedContent>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.seq)
        }

        if ((obj.from != null && obj.from.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.from)
        }

        if ((obj.to != null && obj.to.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.to)
        }

        if ((obj.sentAt != null && obj.sentAt !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.sentAt)
        }

        if ((obj.body != null && obj.body !== '')) {
          w.uint32(50)
          w.string(obj.body)
        }

        if ((obj.fromName != null && obj.fromName !== '')) {
          w.uint32(58)
          w.string(obj.fromName)
        }

        if ((obj.toName != null && obj.toName !== '')) {
          w.uint32(66)
          w.string(obj.toName)
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(74)
          w.string(obj.group)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          seq: 0,
          from: uint8ArrayAlloc(0),
          to: uint8ArrayAlloc(0),
          sentAt: 0,
          body: '',
          fromName: '',
          toName: '',
          group: ''
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
              obj.seq = reader.uint64Number()
              break
            }
            case 3: {
              obj.from = reader.bytes()
              break
            }
            case 4: {
              obj.to = reader.bytes()
              break
            }
            case 5: {
              obj.sentAt = reader.uint64Number()
              break
            }
            case 6: {
              obj.body = reader.string()
              break
            }
            case 7: {
              obj.fromName = reader.string()
              break
            }
            case 8: {
              obj.toName = reader.string()
              break
            }
            case 9: {
              obj.group = reader.string()
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
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.from`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.to`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.sentAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.body`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.fromName`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.toName`,
                value: reader.string()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.group`,
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

  export interface SealedContentIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface SealedContentSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface SealedContentFromFieldEvent {
    field: '$.from'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedContentToFieldEvent {
    field: '$.to'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedContentSentAtFieldEvent {
    field: '$.sentAt'
    value: number
  }

  export interface SealedContentBodyFieldEvent {
    field: '$.body'
    value: string
  }

  export interface SealedContentFromNameFieldEvent {
    field: '$.fromName'
    value: string
  }

  export interface SealedContentToNameFieldEvent {
    field: '$.toName'
    value: string
  }

  export interface SealedContentGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export function encode (obj: Partial<SealedContent>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SealedContent.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SealedContent>): SealedContent {
    return decodeMessage(buf, SealedContent.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SealedContent>): Generator<SealedContentIdFieldEvent | SealedContentSeqFieldEvent | SealedContentFromFieldEvent | SealedContentToFieldEvent | SealedContentSentAtFieldEvent | SealedContentBodyFieldEvent | SealedContentFromNameFieldEvent | SealedContentToNameFieldEvent | SealedContentGroupFieldEvent> {
    return streamMessage(buf, SealedContent.codec(), opts)
  }
}

export interface SignedContent {
  content: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedContent {
  let _codec: Codec<SignedContent>

  export const codec = (): Codec<SignedContent> => {
    if (_codec == null) {
      _codec = message<SignedContent>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.content != null && obj.content.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.content)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          content: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.content = reader.bytes()
              break
            }
            case 2: {
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
                field: `${prefix}.content`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
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

  export interface SignedContentContentFieldEvent {
    field: '$.content'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedContentSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedContent>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedContent.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedContent>): SignedContent {
    return decodeMessage(buf, SignedContent.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedContent>): Generator<SignedContentContentFieldEvent | SignedContentSignatureFieldEvent> {
    return streamMessage(buf, SignedContent.codec(), opts)
  }
}

export interface SealedEnvelope {
  version: number
  ephemeral: Uint8Array<ArrayBuffer>
  nonce: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
}

export namespace SealedEnvelope {
  let _codec: Codec<SealedEnvelope>

  export const codec = (): Codec<SealedEnvelope> => {
    if (_codec == null) {
      _codec = message<SealedEnvelope>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.ephemeral != null && obj.ephemeral.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.ephemeral)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.nonce)
        }

        if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.ciphertext)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          ephemeral: uint8ArrayAlloc(0),
          nonce: uint8ArrayAlloc(0),
          ciphertext: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.ephemeral = reader.bytes()
              break
            }
            case 3: {
              obj.nonce = reader.bytes()
              break
            }
            case 4: {
              obj.ciphertext = reader.bytes()
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
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.ephemeral`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.ciphertext`,
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

  export interface SealedEnvelopeVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SealedEnvelopeEphemeralFieldEvent {
    field: '$.ephemeral'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedEnvelopeNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedEnvelopeCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SealedEnvelope>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SealedEnvelope.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SealedEnvelope>): SealedEnvelope {
    return decodeMessage(buf, SealedEnvelope.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SealedEnvelope>): Generator<SealedEnvelopeVersionFieldEvent | SealedEnvelopeEphemeralFieldEvent | SealedEnvelopeNonceFieldEvent | SealedEnvelopeCiphertextFieldEvent> {
    return streamMessage(buf, SealedEnvelope.codec(), opts)
  }
}
