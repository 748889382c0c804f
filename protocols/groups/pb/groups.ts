import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Member {
  peerId: Uint8Array<ArrayBuffer>
  name: string
}

export namespace Member {
  let _codec: Codec<Member>

  export const codec = (): Codec<Member> => {
    if (_codec == null) {
      _codec = message<Member>((obj, w, opts = {}) => {
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

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          peerId: uint8ArrayAlloc(0),
          name: ''
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

  export interface MemberPeerIdFieldEvent {
    field: '$.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MemberNameFieldEvent {
    field: '$.name'
    value: string
  }

  export function encode (obj: Partial<Member>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Member.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Member>): Member {
    return decodeMessage(buf, Member.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Member>): Generator<MemberPeerIdFieldEvent | MemberNameFieldEvent> {
    return streamMessage(buf, Member.codec(), opts)
  }
}

export interface GroupRecord {
  id: string
  name: string
  members: Member[]
  admins: Uint8Array<ArrayBuffer>[]
  version: number
  prev: Uint8Array<ArrayBuffer>
  signer: Uint8Array<ArrayBuffer>
  nonce: Uint8Array<ArrayBuffer>
}

export namespace GroupRecord {
  let _codec: Codec<GroupRecord>

  export const codec = (): Codec<GroupRecord> => {
    if (_codec == null) {
      _codec = message<GroupRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(18)
          w.string(obj.name)
        }

        if (obj.members != null && obj.members.length > 0) {
          for (const value of obj.members) {
            w.uint32(26)
            Member.codec().encode(value, w)
          }
        }

        if (obj.admins != null && obj.admins.length > 0) {
          for (const value of obj.admins) {
            w.uint32(34)
            w.bytes(value)
          }
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.version)
        }

        if ((obj.prev != null && obj.prev.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.prev)
        }

        if ((obj.signer != null && obj.signer.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.signer)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.nonce)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          name: '',
          members: [],
          admins: [],
          version: 0,
          prev: uint8ArrayAlloc(0),
          signer: uint8ArrayAlloc(0),
          nonce: uint8ArrayAlloc(0)
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
              obj.name = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.members != null && obj.members.length === opts.limits.members) {
                throw new MaxLengthError('Decode error - repeated field "members" had too many elements')
              }

              if (obj.members.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "members" had too many elements')
              }

              obj.members.push(Member.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.members$
              }))
              break
            }
            case 4: {
              if (opts.limits?.admins != null && obj.admins.length === opts.limits.admins) {
                throw new MaxLengthError('Decode error - repeated field "admins" had too many elements')
              }

              if (obj.admins.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "admins" had too many elements')
              }

              obj.admins.push(reader.bytes())
              break
            }
            case 5: {
              obj.version = reader.uint64Number()
              break
            }
            case 6: {
              obj.prev = reader.bytes()
              break
            }
            case 7: {
              obj.signer = reader.bytes()
              break
            }
            case 8: {
              obj.nonce = reader.bytes()
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
          members: 1024,
          admins: 1024
        }

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
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 3: {
              if (opts.limits?.members != null && obj.members === opts.limits.members) {
                throw new MaxLengthError('Streaming decode error - repeated field "members" had too many elements')
              }

              if (obj.members === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "members" had too many elements')
              }

              for (const evt of Member.codec().stream(reader, reader.uint32(), `${prefix}.members[]`, {
                limits: opts.limits?.members$
              })) {
                yield {
                  ...evt,
                  index: obj.members
                }
              }

              obj.members++

              break
            }
            case 4: {
              if (opts.limits?.admins != null && obj.admins === opts.limits.admins) {
                throw new MaxLengthError('Streaming decode error - repeated field "admins" had too many elements')
              }

              if (obj.admins === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "admins" had too many elements')
              }

              yield {
                field: `${prefix}.admins[]`,
                index: obj.admins,
                value: reader.bytes()
              }

              obj.admins++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.prev`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.signer`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.nonce`,
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

  export interface GroupRecordIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface GroupRecordNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface GroupRecordMembersPeerIdFieldEvent {
    field: '$.members[].peerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupRecordMembersNameFieldEvent {
    field: '$.members[].name'
    value: string
    index: number
  }

  export interface GroupRecordAdminsFieldEvent {
    field: '$.admins[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupRecordVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GroupRecordPrevFieldEvent {
    field: '$.prev'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupRecordSignerFieldEvent {
    field: '$.signer'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupRecordNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupRecord>): GroupRecord {
    return decodeMessage(buf, GroupRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupRecord>): Generator<GroupRecordIdFieldEvent | GroupRecordNameFieldEvent | GroupRecordMembersPeerIdFieldEvent | GroupRecordMembersNameFieldEvent | GroupRecordAdminsFieldEvent | GroupRecordVersionFieldEvent | GroupRecordPrevFieldEvent | GroupRecordSignerFieldEvent | GroupRecordNonceFieldEvent> {
    return streamMessage(buf, GroupRecord.codec(), opts)
  }
}

export interface GroupPost {
  group: string
  id: string
  from: Uint8Array<ArrayBuffer>
  fromName: string
  seq: number
  sentAt: number
  body: string
  groupVersion: number
}

export namespace GroupPost {
  let _codec: Codec<GroupPost>

  export const codec = (): Codec<GroupPost> => {
    if (_codec == null) {
      _codec = message<GroupPost>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(10)
          w.string(obj.group)
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(18)
          w.string(obj.id)
        }

        if ((obj.from != null && obj.from.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.from)
        }

        if ((obj.fromName != null && obj.fromName !== '')) {
          w.uint32(34)
          w.string(obj.fromName)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.seq)
        }

        if ((obj.sentAt != null && obj.sentAt !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.sentAt)
        }

        if ((obj.body != null && obj.body !== '')) {
          w.uint32(58)
          w.string(obj.body)
        }

        if ((obj.groupVersion != null && obj.groupVersion !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.groupVersion)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          group: '',
          id: '',
          from: uint8ArrayAlloc(0),
          fromName: '',
          seq: 0,
          sentAt: 0,
          body: '',
          groupVersion: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.group = reader.string()
              break
            }
            case 2: {
              obj.id = reader.string()
              break
            }
            case 3: {
              obj.from = reader.bytes()
              break
            }
            case 4: {
              obj.fromName = reader.string()
              break
            }
            case 5: {
              obj.seq = reader.uint64Number()
              break
            }
            case 6: {
              obj.sentAt = reader.uint64Number()
              break
            }
            case 7: {
              obj.body = reader.string()
              break
            }
            case 8: {
              obj.groupVersion = reader.uint64Number()
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
                field: `${prefix}.group`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
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
                field: `${prefix}.fromName`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.sentAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.body`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.groupVersion`,
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

  export interface GroupPostGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface GroupPostIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface GroupPostFromFieldEvent {
    field: '$.from'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupPostFromNameFieldEvent {
    field: '$.fromName'
    value: string
  }

  export interface GroupPostSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface GroupPostSentAtFieldEvent {
    field: '$.sentAt'
    value: number
  }

  export interface GroupPostBodyFieldEvent {
    field: '$.body'
    value: string
  }

  export interface GroupPostGroupVersionFieldEvent {
    field: '$.groupVersion'
    value: number
  }

  export function encode (obj: Partial<GroupPost>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupPost.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupPost>): GroupPost {
    return decodeMessage(buf, GroupPost.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupPost>): Generator<GroupPostGroupFieldEvent | GroupPostIdFieldEvent | GroupPostFromFieldEvent | GroupPostFromNameFieldEvent | GroupPostSeqFieldEvent | GroupPostSentAtFieldEvent | GroupPostBodyFieldEvent | GroupPostGroupVersionFieldEvent> {
    return streamMessage(buf, GroupPost.codec(), opts)
  }
}

export enum ItemKind {
  ITEM_UNSPECIFIED = 'ITEM_UNSPECIFIED',
  RECORD = 'RECORD',
  POST = 'POST'
}

enum __ItemKindValues {
  ITEM_UNSPECIFIED = 0,
  RECORD = 1,
  POST = 2
}

export namespace ItemKind {
  export const codec = (): Codec<ItemKind> => {
    return enumeration<ItemKind>(__ItemKindValues)
  }
}

export interface SignedItem {
  kind: ItemKind
  item: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedItem {
  let _codec: Codec<SignedItem>

  export const codec = (): Codec<SignedItem> => {
    if (_codec == null) {
      _codec = message<SignedItem>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.kind != null && __ItemKindValues[obj.kind] !== 0) {
          w.uint32(8)
          ItemKind.codec().encode(obj.kind, w)
        }

        if ((obj.item != null && obj.item.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.item)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: ItemKind.ITEM_UNSPECIFIED,
          item: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = ItemKind.codec().decode(reader)
              break
            }
            case 2: {
              obj.item = reader.bytes()
              break
            }
            case 3: {
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
                field: `${prefix}.kind`,
                value: ItemKind.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.item`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
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

  export interface SignedItemKindFieldEvent {
    field: '$.kind'
    value: ItemKind
  }

  export interface SignedItemItemFieldEvent {
    field: '$.item'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedItemSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedItem>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedItem.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedItem>): SignedItem {
    return decodeMessage(buf, SignedItem.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedItem>): Generator<SignedItemKindFieldEvent | SignedItemItemFieldEvent | SignedItemSignatureFieldEvent> {
    return streamMessage(buf, SignedItem.codec(), opts)
  }
}

export interface Wrap {
  recipient: Uint8Array<ArrayBuffer>
  sealed: Uint8Array<ArrayBuffer>
}

export namespace Wrap {
  let _codec: Codec<Wrap>

  export const codec = (): Codec<Wrap> => {
    if (_codec == null) {
      _codec = message<Wrap>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.recipient != null && obj.recipient.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.recipient)
        }

        if ((obj.sealed != null && obj.sealed.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.sealed)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          recipient: uint8ArrayAlloc(0),
          sealed: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.recipient = reader.bytes()
              break
            }
            case 2: {
              obj.sealed = reader.bytes()
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
                field: `${prefix}.recipient`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.sealed`,
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

  export interface WrapRecipientFieldEvent {
    field: '$.recipient'
    value: Uint8Array<ArrayBuffer>
  }

  export interface WrapSealedFieldEvent {
    field: '$.sealed'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Wrap>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Wrap.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Wrap>): Wrap {
    return decodeMessage(buf, Wrap.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Wrap>): Generator<WrapRecipientFieldEvent | WrapSealedFieldEvent> {
    return streamMessage(buf, Wrap.codec(), opts)
  }
}

export interface SealedItem {
  version: number
  ephemeral: Uint8Array<ArrayBuffer>
  nonce: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
  wraps: Wrap[]
}

export namespace SealedItem {
  let _codec: Codec<SealedItem>

  export const codec = (): Codec<SealedItem> => {
    if (_codec == null) {
      _codec = message<SealedItem>((obj, w, opts = {}) => {
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

        if (obj.wraps != null && obj.wraps.length > 0) {
          for (const value of obj.wraps) {
            w.uint32(42)
            Wrap.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          ephemeral: uint8ArrayAlloc(0),
          nonce: uint8ArrayAlloc(0),
          ciphertext: uint8ArrayAlloc(0),
          wraps: []
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
            case 5: {
              if (opts.limits?.wraps != null && obj.wraps.length === opts.limits.wraps) {
                throw new MaxLengthError('Decode error - repeated field "wraps" had too many elements')
              }

              if (obj.wraps.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "wraps" had too many elements')
              }

              obj.wraps.push(Wrap.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.wraps$
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
          wraps: 1024
        }

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
            case 5: {
              if (opts.limits?.wraps != null && obj.wraps === opts.limits.wraps) {
                throw new MaxLengthError('Streaming decode error - repeated field "wraps" had too many elements')
              }

              if (obj.wraps === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "wraps" had too many elements')
              }

              for (const evt of Wrap.codec().stream(reader, reader.uint32(), `${prefix}.wraps[]`, {
                limits: opts.limits?.wraps$
              })) {
                yield {
                  ...evt,
                  index: obj.wraps
                }
              }

              obj.wraps++

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

  export interface SealedItemVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SealedItemEphemeralFieldEvent {
    field: '$.ephemeral'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedItemNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedItemCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SealedItemWrapsRecipientFieldEvent {
    field: '$.wraps[].recipient'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SealedItemWrapsSealedFieldEvent {
    field: '$.wraps[].sealed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<SealedItem>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SealedItem.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SealedItem>): SealedItem {
    return decodeMessage(buf, SealedItem.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SealedItem>): Generator<SealedItemVersionFieldEvent | SealedItemEphemeralFieldEvent | SealedItemNonceFieldEvent | SealedItemCiphertextFieldEvent | SealedItemWrapsRecipientFieldEvent | SealedItemWrapsSealedFieldEvent> {
    return streamMessage(buf, SealedItem.codec(), opts)
  }
}

export interface Head {
  sender: Uint8Array<ArrayBuffer>
  seq: number
}

export namespace Head {
  let _codec: Codec<Head>

  export const codec = (): Codec<Head> => {
    if (_codec == null) {
      _codec = message<Head>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.sender != null && obj.sender.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.sender)
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.seq)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          sender: uint8ArrayAlloc(0),
          seq: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.sender = reader.bytes()
              break
            }
            case 2: {
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
                field: `${prefix}.sender`,
                value: reader.bytes()
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

  export interface HeadSenderFieldEvent {
    field: '$.sender'
    value: Uint8Array<ArrayBuffer>
  }

  export interface HeadSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export function encode (obj: Partial<Head>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Head.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Head>): Head {
    return decodeMessage(buf, Head.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Head>): Generator<HeadSenderFieldEvent | HeadSeqFieldEvent> {
    return streamMessage(buf, Head.codec(), opts)
  }
}

export enum PushStatus {
  PUSH_UNSPECIFIED = 'PUSH_UNSPECIFIED',
  TAKEN = 'TAKEN',
  REFUSED = 'REFUSED',
  LATER = 'LATER'
}

enum __PushStatusValues {
  PUSH_UNSPECIFIED = 0,
  TAKEN = 1,
  REFUSED = 2,
  LATER = 3
}

export namespace PushStatus {
  export const codec = (): Codec<PushStatus> => {
    return enumeration<PushStatus>(__PushStatusValues)
  }
}

export interface Push {
  items: SignedItem[]
}

export namespace Push {
  let _codec: Codec<Push>

  export const codec = (): Codec<Push> => {
    if (_codec == null) {
      _codec = message<Push>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.items != null && obj.items.length > 0) {
          for (const value of obj.items) {
            w.uint32(10)
            SignedItem.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          items: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.items != null && obj.items.length === opts.limits.items) {
                throw new MaxLengthError('Decode error - repeated field "items" had too many elements')
              }

              if (obj.items.length === 256) {
                throw new MaxLengthError('Decode error - repeated field "items" had too many elements')
              }

              obj.items.push(SignedItem.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.items$
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
          items: 256
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.items != null && obj.items === opts.limits.items) {
                throw new MaxLengthError('Streaming decode error - repeated field "items" had too many elements')
              }

              if (obj.items === 256) {
                throw new MaxLengthError('Streaming decode error - repeated field "items" had too many elements')
              }

              for (const evt of SignedItem.codec().stream(reader, reader.uint32(), `${prefix}.items[]`, {
                limits: opts.limits?.items$
              })) {
                yield {
                  ...evt,
                  index: obj.items
                }
              }

              obj.items++

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

  export interface PushItemsKindFieldEvent {
    field: '$.items[].kind'
    value: ItemKind
    index: number
  }

  export interface PushItemsItemFieldEvent {
    field: '$.items[].item'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PushItemsSignatureFieldEvent {
    field: '$.items[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<Push>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Push.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Push>): Push {
    return decodeMessage(buf, Push.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Push>): Generator<PushItemsKindFieldEvent | PushItemsItemFieldEvent | PushItemsSignatureFieldEvent> {
    return streamMessage(buf, Push.codec(), opts)
  }
}

export interface Want {
  group: string
  sender: Uint8Array<ArrayBuffer>
  fromSeq: number
  toSeq: number
}

export namespace Want {
  let _codec: Codec<Want>

  export const codec = (): Codec<Want> => {
    if (_codec == null) {
      _codec = message<Want>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(10)
          w.string(obj.group)
        }

        if ((obj.sender != null && obj.sender.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.sender)
        }

        if ((obj.fromSeq != null && obj.fromSeq !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.fromSeq)
        }

        if ((obj.toSeq != null && obj.toSeq !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.toSeq)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          group: '',
          sender: uint8ArrayAlloc(0),
          fromSeq: 0,
          toSeq: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.group = reader.string()
              break
            }
            case 2: {
              obj.sender = reader.bytes()
              break
            }
            case 3: {
              obj.fromSeq = reader.uint64Number()
              break
            }
            case 4: {
              obj.toSeq = reader.uint64Number()
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
                field: `${prefix}.group`,
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
                field: `${prefix}.fromSeq`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.toSeq`,
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

  export interface WantGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface WantSenderFieldEvent {
    field: '$.sender'
    value: Uint8Array<ArrayBuffer>
  }

  export interface WantFromSeqFieldEvent {
    field: '$.fromSeq'
    value: number
  }

  export interface WantToSeqFieldEvent {
    field: '$.toSeq'
    value: number
  }

  export function encode (obj: Partial<Want>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Want.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Want>): Want {
    return decodeMessage(buf, Want.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Want>): Generator<WantGroupFieldEvent | WantSenderFieldEvent | WantFromSeqFieldEvent | WantToSeqFieldEvent> {
    return streamMessage(buf, Want.codec(), opts)
  }
}

export interface Heads {
  group: string
  heads: Head[]
}

export namespace Heads {
  let _codec: Codec<Heads>

  export const codec = (): Codec<Heads> => {
    if (_codec == null) {
      _codec = message<Heads>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(10)
          w.string(obj.group)
        }

        if (obj.heads != null && obj.heads.length > 0) {
          for (const value of obj.heads) {
            w.uint32(18)
            Head.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          group: '',
          heads: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.group = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.heads != null && obj.heads.length === opts.limits.heads) {
                throw new MaxLengthError('Decode error - repeated field "heads" had too many elements')
              }

              if (obj.heads.length === 1024) {
                throw new MaxLengthError('Decode error - repeated field "heads" had too many elements')
              }

              obj.heads.push(Head.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.heads$
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
          heads: 1024
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.group`,
                value: reader.string()
              }
              break
            }
            case 2: {
              if (opts.limits?.heads != null && obj.heads === opts.limits.heads) {
                throw new MaxLengthError('Streaming decode error - repeated field "heads" had too many elements')
              }

              if (obj.heads === 1024) {
                throw new MaxLengthError('Streaming decode error - repeated field "heads" had too many elements')
              }

              for (const evt of Head.codec().stream(reader, reader.uint32(), `${prefix}.heads[]`, {
                limits: opts.limits?.heads$
              })) {
                yield {
                  ...evt,
                  index: obj.heads
                }
              }

              obj.heads++

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

  export interface HeadsGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface HeadsHeadsSenderFieldEvent {
    field: '$.heads[].sender'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface HeadsHeadsSeqFieldEvent {
    field: '$.heads[].seq'
    value: number
    index: number
  }

  export function encode (obj: Partial<Heads>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Heads.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Heads>): Heads {
    return decodeMessage(buf, Heads.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Heads>): Generator<HeadsGroupFieldEvent | HeadsHeadsSenderFieldEvent | HeadsHeadsSeqFieldEvent> {
    return streamMessage(buf, Heads.codec(), opts)
  }
}

export interface Read {
  group: string
  ids: string[]
  deliveredOnly: boolean
}

export namespace Read {
  let _codec: Codec<Read>

  export const codec = (): Codec<Read> => {
    if (_codec == null) {
      _codec = message<Read>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.group != null && obj.group !== '')) {
          w.uint32(10)
          w.string(obj.group)
        }

        if (obj.ids != null && obj.ids.length > 0) {
          for (const value of obj.ids) {
            w.uint32(18)
            w.string(value)
          }
        }

        if ((obj.deliveredOnly != null && obj.deliveredOnly !== false)) {
          w.uint32(24)
          w.bool(obj.deliveredOnly)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          group: '',
          ids: [],
          deliveredOnly: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.group = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              if (obj.ids.length === 256) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              obj.ids.push(reader.string())
              break
            }
            case 3: {
              obj.deliveredOnly = reader.bool()
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
          ids: 256
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.group`,
                value: reader.string()
              }
              break
            }
            case 2: {
              if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              if (obj.ids === 256) {
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
            case 3: {
              yield {
                field: `${prefix}.deliveredOnly`,
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

  export interface ReadGroupFieldEvent {
    field: '$.group'
    value: string
  }

  export interface ReadIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: string
  }

  export interface ReadDeliveredOnlyFieldEvent {
    field: '$.deliveredOnly'
    value: boolean
  }

  export function encode (obj: Partial<Read>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Read.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Read>): Read {
    return decodeMessage(buf, Read.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Read>): Generator<ReadGroupFieldEvent | ReadIdsFieldEvent | ReadDeliveredOnlyFieldEvent> {
    return streamMessage(buf, Read.codec(), opts)
  }
}

export interface GroupRequest {
  push?: Push
  want?: Want
  heads?: Heads
  read?: Read
}

export namespace GroupRequest {
  let _codec: Codec<GroupRequest>

  export const codec = (): Codec<GroupRequest> => {
    if (_codec == null) {
      _codec = message<GroupRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.read != null) {
          obj.heads = undefined
          obj.want = undefined
          obj.push = undefined
        }

        if (obj.heads != null) {
          obj.read = undefined
          obj.want = undefined
          obj.push = undefined
        }

        if (obj.want != null) {
          obj.read = undefined
          obj.heads = undefined
          obj.push = undefined
        }

        if (obj.push != null) {
          obj.read = undefined
          obj.heads = undefined
          obj.want = undefined
        }

        if (obj.push != null) {
          w.uint32(10)
          Push.codec().encode(obj.push, w)
        }

        if (obj.want != null) {
          w.uint32(18)
          Want.codec().encode(obj.want, w)
        }

        if (obj.heads != null) {
          w.uint32(26)
          Heads.codec().encode(obj.heads, w)
        }

        if (obj.read != null) {
          w.uint32(34)
          Read.codec().encode(obj.read, w)
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
              obj.push = Push.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.push
              })
              break
            }
            case 2: {
              obj.want = Want.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.want
              })
              break
            }
            case 3: {
              obj.heads = Heads.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.heads
              })
              break
            }
            case 4: {
              obj.read = Read.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.read
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.read != null) {
          delete obj.heads
          delete obj.want
          delete obj.push
        }

        if (obj.heads != null) {
          delete obj.read
          delete obj.want
          delete obj.push
        }

        if (obj.want != null) {
          delete obj.read
          delete obj.heads
          delete obj.push
        }

        if (obj.push != null) {
          delete obj.read
          delete obj.heads
          delete obj.want
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Push.codec().stream(reader, reader.uint32(), `${prefix}.push`, {
                limits: opts.limits?.push
              })

              break
            }
            case 2: {
              yield * Want.codec().stream(reader, reader.uint32(), `${prefix}.want`, {
                limits: opts.limits?.want
              })

              break
            }
            case 3: {
              yield * Heads.codec().stream(reader, reader.uint32(), `${prefix}.heads`, {
                limits: opts.limits?.heads
              })

              break
            }
            case 4: {
              yield * Read.codec().stream(reader, reader.uint32(), `${prefix}.read`, {
                limits: opts.limits?.read
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

  export interface GroupRequestPushItemsKindFieldEvent {
    field: '$.push.items[].kind'
    value: ItemKind
    index: number
  }

  export interface GroupRequestPushItemsItemFieldEvent {
    field: '$.push.items[].item'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupRequestPushItemsSignatureFieldEvent {
    field: '$.push.items[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupRequestWantGroupFieldEvent {
    field: '$.want.group'
    value: string
  }

  export interface GroupRequestWantSenderFieldEvent {
    field: '$.want.sender'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupRequestWantFromSeqFieldEvent {
    field: '$.want.fromSeq'
    value: number
  }

  export interface GroupRequestWantToSeqFieldEvent {
    field: '$.want.toSeq'
    value: number
  }

  export interface GroupRequestHeadsGroupFieldEvent {
    field: '$.heads.group'
    value: string
  }

  export interface GroupRequestHeadsHeadsSenderFieldEvent {
    field: '$.heads.heads[].sender'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupRequestHeadsHeadsSeqFieldEvent {
    field: '$.heads.heads[].seq'
    value: number
    index: number
  }

  export interface GroupRequestReadGroupFieldEvent {
    field: '$.read.group'
    value: string
  }

  export interface GroupRequestReadIdsFieldEvent {
    field: '$.read.ids[]'
    index: number
    value: string
  }

  export interface GroupRequestReadDeliveredOnlyFieldEvent {
    field: '$.read.deliveredOnly'
    value: boolean
  }

  export function encode (obj: Partial<GroupRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupRequest>): GroupRequest {
    return decodeMessage(buf, GroupRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupRequest>): Generator<GroupRequestPushItemsKindFieldEvent | GroupRequestPushItemsItemFieldEvent | GroupRequestPushItemsSignatureFieldEvent | GroupRequestWantGroupFieldEvent | GroupRequestWantSenderFieldEvent | GroupRequestWantFromSeqFieldEvent | GroupRequestWantToSeqFieldEvent | GroupRequestHeadsGroupFieldEvent | GroupRequestHeadsHeadsSenderFieldEvent | GroupRequestHeadsHeadsSeqFieldEvent | GroupRequestReadGroupFieldEvent | GroupRequestReadIdsFieldEvent | GroupRequestReadDeliveredOnlyFieldEvent> {
    return streamMessage(buf, GroupRequest.codec(), opts)
  }
}

export interface Taken {
  statuses: number[]
}

export namespace Taken {
  let _codec: Codec<Taken>

  export const codec = (): Codec<Taken> => {
    if (_codec == null) {
      _codec = message<Taken>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.statuses != null && obj.statuses.length > 0) {
          for (const value of obj.statuses) {
            w.uint32(8)
            w.uint32(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          statuses: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.statuses != null && obj.statuses.length === opts.limits.statuses) {
                throw new MaxLengthError('Decode error - repeated field "statuses" had too many elements')
              }

              if (obj.statuses.length === 256) {
                throw new MaxLengthError('Decode error - repeated field "statuses" had too many elements')
              }

              obj.statuses.push(reader.uint32())
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
          statuses: 256
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.statuses != null && obj.statuses === opts.limits.statuses) {
                throw new MaxLengthError('Streaming decode error - repeated field "statuses" had too many elements')
              }

              if (obj.statuses === 256) {
                throw new MaxLengthError('Streaming decode error - repeated field "statuses" had too many elements')
              }

              yield {
                field: `${prefix}.statuses[]`,
                index: obj.statuses,
                value: reader.uint32()
              }

              obj.statuses++

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

  export interface TakenStatusesFieldEvent {
    field: '$.statuses[]'
    index: number
    value: number
  }

  export function encode (obj: Partial<Taken>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Taken.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Taken>): Taken {
    return decodeMessage(buf, Taken.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Taken>): Generator<TakenStatusesFieldEvent> {
    return streamMessage(buf, Taken.codec(), opts)
  }
}

export interface Items {
  items: SignedItem[]
}

export namespace Items {
  let _codec: Codec<Items>

  export const codec = (): Codec<Items> => {
    if (_codec == null) {
      _codec = message<Items>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.items != null && obj.items.length > 0) {
          for (const value of obj.items) {
            w.uint32(10)
            SignedItem.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          items: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.items != null && obj.items.length === opts.limits.items) {
                throw new MaxLengthError('Decode error - repeated field "items" had too many elements')
              }

              if (obj.items.length === 256) {
                throw new MaxLengthError('Decode error - repeated field "items" had too many elements')
              }

              obj.items.push(SignedItem.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.items$
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
          items: 256
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.items != null && obj.items === opts.limits.items) {
                throw new MaxLengthError('Streaming decode error - repeated field "items" had too many elements')
              }

              if (obj.items === 256) {
                throw new MaxLengthError('Streaming decode error - repeated field "items" had too many elements')
              }

              for (const evt of SignedItem.codec().stream(reader, reader.uint32(), `${prefix}.items[]`, {
                limits: opts.limits?.items$
              })) {
                yield {
                  ...evt,
                  index: obj.items
                }
              }

              obj.items++

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

  export interface ItemsItemsKindFieldEvent {
    field: '$.items[].kind'
    value: ItemKind
    index: number
  }

  export interface ItemsItemsItemFieldEvent {
    field: '$.items[].item'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ItemsItemsSignatureFieldEvent {
    field: '$.items[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<Items>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Items.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Items>): Items {
    return decodeMessage(buf, Items.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Items>): Generator<ItemsItemsKindFieldEvent | ItemsItemsItemFieldEvent | ItemsItemsSignatureFieldEvent> {
    return streamMessage(buf, Items.codec(), opts)
  }
}

export interface GroupResponse {
  taken?: Taken
  items?: Items
  heads?: Heads
}

export namespace GroupResponse {
  let _codec: Codec<GroupResponse>

  export const codec = (): Codec<GroupResponse> => {
    if (_codec == null) {
      _codec = message<GroupResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.heads != null) {
          obj.items = undefined
          obj.taken = undefined
        }

        if (obj.items != null) {
          obj.heads = undefined
          obj.taken = undefined
        }

        if (obj.taken != null) {
          obj.heads = undefined
          obj.items = undefined
        }

        if (obj.taken != null) {
          w.uint32(10)
          Taken.codec().encode(obj.taken, w)
        }

        if (obj.items != null) {
          w.uint32(18)
          Items.codec().encode(obj.items, w)
        }

        if (obj.heads != null) {
          w.uint32(26)
          Heads.codec().encode(obj.heads, w)
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
              obj.taken = Taken.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.taken
              })
              break
            }
            case 2: {
              obj.items = Items.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.items
              })
              break
            }
            case 3: {
              obj.heads = Heads.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.heads
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.heads != null) {
          delete obj.items
          delete obj.taken
        }

        if (obj.items != null) {
          delete obj.heads
          delete obj.taken
        }

        if (obj.taken != null) {
          delete obj.heads
          delete obj.items
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Taken.codec().stream(reader, reader.uint32(), `${prefix}.taken`, {
                limits: opts.limits?.taken
              })

              break
            }
            case 2: {
              yield * Items.codec().stream(reader, reader.uint32(), `${prefix}.items`, {
                limits: opts.limits?.items
              })

              break
            }
            case 3: {
              yield * Heads.codec().stream(reader, reader.uint32(), `${prefix}.heads`, {
                limits: opts.limits?.heads
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

  export interface GroupResponseTakenStatusesFieldEvent {
    field: '$.taken.statuses[]'
    index: number
    value: number
  }

  export interface GroupResponseItemsItemsKindFieldEvent {
    field: '$.items.items[].kind'
    value: ItemKind
    index: number
  }

  export interface GroupResponseItemsItemsItemFieldEvent {
    field: '$.items.items[].item'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupResponseItemsItemsSignatureFieldEvent {
    field: '$.items.items[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupResponseHeadsGroupFieldEvent {
    field: '$.heads.group'
    value: string
  }

  export interface GroupResponseHeadsHeadsSenderFieldEvent {
    field: '$.heads.heads[].sender'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GroupResponseHeadsHeadsSeqFieldEvent {
    field: '$.heads.heads[].seq'
    value: number
    index: number
  }

  export function encode (obj: Partial<GroupResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupResponse>): GroupResponse {
    return decodeMessage(buf, GroupResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupResponse>): Generator<GroupResponseTakenStatusesFieldEvent | GroupResponseItemsItemsKindFieldEvent | GroupResponseItemsItemsItemFieldEvent | GroupResponseItemsItemsSignatureFieldEvent | GroupResponseHeadsGroupFieldEvent | GroupResponseHeadsHeadsSenderFieldEvent | GroupResponseHeadsHeadsSeqFieldEvent> {
    return streamMessage(buf, GroupResponse.codec(), opts)
  }
}
