import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum Status {
  STATUS_UNSPECIFIED = 'STATUS_UNSPECIFIED',
  OK = 'OK',
  UNKNOWN = 'UNKNOWN',
  REFUSED = 'REFUSED',
  TOO_LARGE = 'TOO_LARGE',
  TOO_MANY = 'TOO_MANY',
  INVALID = 'INVALID',
  CANCELLED = 'CANCELLED',
  REJECTED = 'REJECTED',
  DISK_FULL = 'DISK_FULL',
  CHANGED = 'CHANGED',
  CORRUPT = 'CORRUPT',
  STORAGE_FAILED = 'STORAGE_FAILED'
}

enum __StatusValues {
  STATUS_UNSPECIFIED = 0,
  OK = 1,
  UNKNOWN = 2,
  REFUSED = 3,
  TOO_LARGE = 4,
  TOO_MANY = 5,
  INVALID = 6,
  CANCELLED = 7,
  REJECTED = 8,
  DISK_FULL = 9,
  CHANGED = 10,
  CORRUPT = 11,
  STORAGE_FAILED = 12
}

export namespace Status {
  export const codec = (): Codec<Status> => {
    return enumeration<Status>(__StatusValues)
  }
}

export interface FileEntry {
  path: string
  size: number
  sha256: Uint8Array<ArrayBuffer>
  chunks: Uint8Array<ArrayBuffer>
}

export namespace FileEntry {
  let _codec: Codec<FileEntry>

  export const codec = (): Codec<FileEntry> => {
    if (_codec == null) {
      _codec = message<FileEntry>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.path != null && obj.path !== '')) {
          w.uint32(10)
          w.string(obj.path)
        }

        if ((obj.size != null && obj.size !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.size)
        }

        if ((obj.sha256 != null && obj.sha256.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.sha256)
        }

        if ((obj.chunks != null && obj.chunks.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.chunks)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          path: '',
          size: 0,
          sha256: uint8ArrayAlloc(0),
          chunks: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.path = reader.string()
              break
            }
            case 2: {
              obj.size = reader.uint64Number()
              break
            }
            case 3: {
              obj.sha256 = reader.bytes()
              break
            }
            case 4: {
              obj.chunks = reader.bytes()
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
                field: `${prefix}.path`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.size`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.sha256`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.chunks`,
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

  export interface FileEntryPathFieldEvent {
    field: '$.path'
    value: string
  }

  export interface FileEntrySizeFieldEvent {
    field: '$.size'
    value: number
  }

  export interface FileEntrySha256FieldEvent {
    field: '$.sha256'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FileEntryChunksFieldEvent {
    field: '$.chunks'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<FileEntry>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FileEntry.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileEntry>): FileEntry {
    return decodeMessage(buf, FileEntry.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FileEntry>): Generator<FileEntryPathFieldEvent | FileEntrySizeFieldEvent | FileEntrySha256FieldEvent | FileEntryChunksFieldEvent> {
    return streamMessage(buf, FileEntry.codec(), opts)
  }
}

export interface Offer {
  id: string
  from: string
  fromPeer: Uint8Array<ArrayBuffer>
  toPeer: Uint8Array<ArrayBuffer>
  sentAt: number
  fileCount: number
  totalBytes: number
  chunkBytes: number
}

export namespace Offer {
  let _codec: Codec<Offer>

  export const codec = (): Codec<Offer> => {
    if (_codec == null) {
      _codec = message<Offer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.from != null && obj.from !== '')) {
          w.uint32(18)
          w.string(obj.from)
        }

        if ((obj.fromPeer != null && obj.fromPeer.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.fromPeer)
        }

        if ((obj.toPeer != null && obj.toPeer.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.toPeer)
        }

        if ((obj.sentAt != null && obj.sentAt !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.sentAt)
        }

        if ((obj.fileCount != null && obj.fileCount !== 0)) {
          w.uint32(48)
          w.uint32(obj.fileCount)
        }

        if ((obj.totalBytes != null && obj.totalBytes !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.totalBytes)
        }

        if ((obj.chunkBytes != null && obj.chunkBytes !== 0)) {
          w.uint32(64)
          w.uint32(obj.chunkBytes)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          from: '',
          fromPeer: uint8ArrayAlloc(0),
          toPeer: uint8ArrayAlloc(0),
          sentAt: 0,
          fileCount: 0,
          totalBytes: 0,
          chunkBytes: 0
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
              obj.from = reader.string()
              break
            }
            case 3: {
              obj.fromPeer = reader.bytes()
              break
            }
            case 4: {
              obj.toPeer = reader.bytes()
              break
            }
            case 5: {
              obj.sentAt = reader.uint64Number()
              break
            }
            case 6: {
              obj.fileCount = reader.uint32()
              break
            }
            case 7: {
              obj.totalBytes = reader.uint64Number()
              break
            }
            case 8: {
              obj.chunkBytes = reader.uint32()
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
                field: `${prefix}.from`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.fromPeer`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.toPeer`,
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
                field: `${prefix}.fileCount`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.totalBytes`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.chunkBytes`,
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

  export interface OfferIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface OfferFromFieldEvent {
    field: '$.from'
    value: string
  }

  export interface OfferFromPeerFieldEvent {
    field: '$.fromPeer'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OfferToPeerFieldEvent {
    field: '$.toPeer'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OfferSentAtFieldEvent {
    field: '$.sentAt'
    value: number
  }

  export interface OfferFileCountFieldEvent {
    field: '$.fileCount'
    value: number
  }

  export interface OfferTotalBytesFieldEvent {
    field: '$.totalBytes'
    value: number
  }

  export interface OfferChunkBytesFieldEvent {
    field: '$.chunkBytes'
    value: number
  }

  export function encode (obj: Partial<Offer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Offer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Offer>): Offer {
    return decodeMessage(buf, Offer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Offer>): Generator<OfferIdFieldEvent | OfferFromFieldEvent | OfferFromPeerFieldEvent | OfferToPeerFieldEvent | OfferSentAtFieldEvent | OfferFileCountFieldEvent | OfferTotalBytesFieldEvent | OfferChunkBytesFieldEvent> {
    return streamMessage(buf, Offer.codec(), opts)
  }
}

export interface OfferFiles {
  files: FileEntry[]
}

export namespace OfferFiles {
  let _codec: Codec<OfferFiles>

  export const codec = (): Codec<OfferFiles> => {
    if (_codec == null) {
      _codec = message<OfferFiles>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.files != null && obj.files.length > 0) {
          for (const value of obj.files) {
            w.uint32(10)
            FileEntry.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          files: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.files != null && obj.files.length === opts.limits.files) {
                throw new MaxLengthError('Decode error - repeated field "files" had too many elements')
              }

              if (obj.files.length === 256) {
                throw new MaxLengthError('Decode error - repeated field "files" had too many elements')
              }

              obj.files.push(FileEntry.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.files$
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
          files: 256
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.files != null && obj.files === opts.limits.files) {
                throw new MaxLengthError('Streaming decode error - repeated field "files" had too many elements')
              }

              if (obj.files === 256) {
                throw new MaxLengthError('Streaming decode error - repeated field "files" had too many elements')
              }

              for (const evt of FileEntry.codec().stream(reader, reader.uint32(), `${prefix}.files[]`, {
                limits: opts.limits?.files$
              })) {
                yield {
                  ...evt,
                  index: obj.files
                }
              }

              obj.files++

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

  export interface OfferFilesFilesPathFieldEvent {
    field: '$.files[].path'
    value: string
    index: number
  }

  export interface OfferFilesFilesSizeFieldEvent {
    field: '$.files[].size'
    value: number
    index: number
  }

  export interface OfferFilesFilesSha256FieldEvent {
    field: '$.files[].sha256'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface OfferFilesFilesChunksFieldEvent {
    field: '$.files[].chunks'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<OfferFiles>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OfferFiles.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OfferFiles>): OfferFiles {
    return decodeMessage(buf, OfferFiles.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OfferFiles>): Generator<OfferFilesFilesPathFieldEvent | OfferFilesFilesSizeFieldEvent | OfferFilesFilesSha256FieldEvent | OfferFilesFilesChunksFieldEvent> {
    return streamMessage(buf, OfferFiles.codec(), opts)
  }
}

export enum NoticeKind {
  NOTICE_UNSPECIFIED = 'NOTICE_UNSPECIFIED',
  REJECT = 'REJECT',
  CANCEL = 'CANCEL',
  DONE = 'DONE',
  FAILED = 'FAILED'
}

enum __NoticeKindValues {
  NOTICE_UNSPECIFIED = 0,
  REJECT = 1,
  CANCEL = 2,
  DONE = 3,
  FAILED = 4
}

export namespace NoticeKind {
  export const codec = (): Codec<NoticeKind> => {
    return enumeration<NoticeKind>(__NoticeKindValues)
  }
}

export interface Notice {
  id: string
  kind: NoticeKind
  status: Status
  text: string
}

export namespace Notice {
  let _codec: Codec<Notice>

  export const codec = (): Codec<Notice> => {
    if (_codec == null) {
      _codec = message<Notice>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if (obj.kind != null && __NoticeKindValues[obj.kind] !== 0) {
          w.uint32(16)
          NoticeKind.codec().encode(obj.kind, w)
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(24)
          Status.codec().encode(obj.status, w)
        }

        if ((obj.text != null && obj.text !== '')) {
          w.uint32(34)
          w.string(obj.text)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          kind: NoticeKind.NOTICE_UNSPECIFIED,
          status: Status.STATUS_UNSPECIFIED,
          text: ''
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
              obj.kind = NoticeKind.codec().decode(reader)
              break
            }
            case 3: {
              obj.status = Status.codec().decode(reader)
              break
            }
            case 4: {
              obj.text = reader.string()
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
                field: `${prefix}.kind`,
                value: NoticeKind.codec().decode(reader)
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
                field: `${prefix}.text`,
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

  export interface NoticeIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface NoticeKindFieldEvent {
    field: '$.kind'
    value: NoticeKind
  }

  export interface NoticeStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface NoticeTextFieldEvent {
    field: '$.text'
    value: string
  }

  export function encode (obj: Partial<Notice>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Notice.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Notice>): Notice {
    return decodeMessage(buf, Notice.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Notice>): Generator<NoticeIdFieldEvent | NoticeKindFieldEvent | NoticeStatusFieldEvent | NoticeTextFieldEvent> {
    return streamMessage(buf, Notice.codec(), opts)
  }
}

export interface Reply {
  id: string
  status: Status
  text: string
}

export namespace Reply {
  let _codec: Codec<Reply>

  export const codec = (): Codec<Reply> => {
    if (_codec == null) {
      _codec = message<Reply>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(16)
          Status.codec().encode(obj.status, w)
        }

        if ((obj.text != null && obj.text !== '')) {
          w.uint32(26)
          w.string(obj.text)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          status: Status.STATUS_UNSPECIFIED,
          text: ''
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
              obj.status = Status.codec().decode(reader)
              break
            }
            case 3: {
              obj.text = reader.string()
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
                field: `${prefix}.status`,
                value: Status.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.text`,
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

  export interface ReplyIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface ReplyStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface ReplyTextFieldEvent {
    field: '$.text'
    value: string
  }

  export function encode (obj: Partial<Reply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Reply.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reply>): Reply {
    return decodeMessage(buf, Reply.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reply>): Generator<ReplyIdFieldEvent | ReplyStatusFieldEvent | ReplyTextFieldEvent> {
    return streamMessage(buf, Reply.codec(), opts)
  }
}

export interface Fetch {
  id: string
}

export namespace Fetch {
  let _codec: Codec<Fetch>

  export const codec = (): Codec<Fetch> => {
    if (_codec == null) {
      _codec = message<Fetch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
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

  export interface FetchIdFieldEvent {
    field: '$.id'
    value: string
  }

  export function encode (obj: Partial<Fetch>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Fetch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Fetch>): Fetch {
    return decodeMessage(buf, Fetch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Fetch>): Generator<FetchIdFieldEvent> {
    return streamMessage(buf, Fetch.codec(), opts)
  }
}

export interface Want {
  index: number
  offset: number
}

export namespace Want {
  let _codec: Codec<Want>

  export const codec = (): Codec<Want> => {
    if (_codec == null) {
      _codec = message<Want>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(8)
          w.uint32(obj.index)
        }

        if ((obj.offset != null && obj.offset !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.offset)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          offset: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.index = reader.uint32()
              break
            }
            case 2: {
              obj.offset = reader.uint64Number()
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
                field: `${prefix}.index`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.offset`,
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

  export interface WantIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface WantOffsetFieldEvent {
    field: '$.offset'
    value: number
  }

  export function encode (obj: Partial<Want>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Want.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Want>): Want {
    return decodeMessage(buf, Want.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Want>): Generator<WantIndexFieldEvent | WantOffsetFieldEvent> {
    return streamMessage(buf, Want.codec(), opts)
  }
}

export interface Hashes {
  index: number
  first: number
  hashes: Uint8Array<ArrayBuffer>
}

export namespace Hashes {
  let _codec: Codec<Hashes>

  export const codec = (): Codec<Hashes> => {
    if (_codec == null) {
      _codec = message<Hashes>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(8)
          w.uint32(obj.index)
        }

        if ((obj.first != null && obj.first !== 0)) {
          w.uint32(16)
          w.uint32(obj.first)
        }

        if ((obj.hashes != null && obj.hashes.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.hashes)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          first: 0,
          hashes: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.index = reader.uint32()
              break
            }
            case 2: {
              obj.first = reader.uint32()
              break
            }
            case 3: {
              obj.hashes = reader.bytes()
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
                field: `${prefix}.index`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.first`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.hashes`,
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

  export interface HashesIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface HashesFirstFieldEvent {
    field: '$.first'
    value: number
  }

  export interface HashesHashesFieldEvent {
    field: '$.hashes'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Hashes>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Hashes.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hashes>): Hashes {
    return decodeMessage(buf, Hashes.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hashes>): Generator<HashesIndexFieldEvent | HashesFirstFieldEvent | HashesHashesFieldEvent> {
    return streamMessage(buf, Hashes.codec(), opts)
  }
}

export interface Data {
  index: number
  offset: number
  bytes: Uint8Array<ArrayBuffer>
}

export namespace Data {
  let _codec: Codec<Data>

  export const codec = (): Codec<Data> => {
    if (_codec == null) {
      _codec = message<Data>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(8)
          w.uint32(obj.index)
        }

        if ((obj.offset != null && obj.offset !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.offset)
        }

        if ((obj.bytes != null && obj.bytes.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.bytes)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          offset: 0,
          bytes: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.index = reader.uint32()
              break
            }
            case 2: {
              obj.offset = reader.uint64Number()
              break
            }
            case 3: {
              obj.bytes = reader.bytes()
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
                field: `${prefix}.index`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.offset`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.bytes`,
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

  export interface DataIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface DataOffsetFieldEvent {
    field: '$.offset'
    value: number
  }

  export interface DataBytesFieldEvent {
    field: '$.bytes'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Data>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Data.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Data>): Data {
    return decodeMessage(buf, Data.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Data>): Generator<DataIndexFieldEvent | DataOffsetFieldEvent | DataBytesFieldEvent> {
    return streamMessage(buf, Data.codec(), opts)
  }
}

export interface FilesFrame {
  offer?: Offer
  offerFiles?: OfferFiles
  reply?: Reply
  notice?: Notice
  fetch?: Fetch
  want?: Want
  hashes?: Hashes
  data?: Data
}

export namespace FilesFrame {
  let _codec: Codec<FilesFrame>

  export const codec = (): Codec<FilesFrame> => {
    if (_codec == null) {
      _codec = message<FilesFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        obj = { ...obj }

        if (obj.data != null) {
          obj.hashes = undefined
          obj.want = undefined
          obj.fetch = undefined
          obj.notice = undefined
          obj.reply = undefined
          obj.offerFiles = undefined
          obj.offer = undefined
        }

        if (obj.hashes != null) {
          obj.data = undefined
          obj.want = undefined
          obj.fetch = undefined
          obj.notice = undefined
          obj.reply = undefined
          obj.offerFiles = undefined
          obj.offer = undefined
        }

        if (obj.want != null) {
          obj.data = undefined
          obj.hashes = undefined
          obj.fetch = undefined
          obj.notice = undefined
          obj.reply = undefined
          obj.offerFiles = undefined
          obj.offer = undefined
        }

        if (obj.fetch != null) {
          obj.data = undefined
          obj.hashes = undefined
          obj.want = undefined
          obj.notice = undefined
          obj.reply = undefined
          obj.offerFiles = undefined
          obj.offer = undefined
        }

        if (obj.notice != null) {
          obj.data = undefined
          obj.hashes = undefined
          obj.want = undefined
          obj.fetch = undefined
          obj.reply = undefined
          obj.offerFiles = undefined
          obj.offer = undefined
        }

        if (obj.reply != null) {
          obj.data = undefined
          obj.hashes = undefined
          obj.want = undefined
          obj.fetch = undefined
          obj.notice = undefined
          obj.offerFiles = undefined
          obj.offer = undefined
        }

        if (obj.offerFiles != null) {
          obj.data = undefined
          obj.hashes = undefined
          obj.want = undefined
          obj.fetch = undefined
          obj.notice = undefined
          obj.reply = undefined
          obj.offer = undefined
        }

        if (obj.offer != null) {
          obj.data = undefined
          obj.hashes = undefined
          obj.want = undefined
          obj.fetch = undefined
          obj.notice = undefined
          obj.reply = undefined
          obj.offerFiles = undefined
        }

        if (obj.offer != null) {
          w.uint32(10)
          Offer.codec().encode(obj.offer, w)
        }

        if (obj.offerFiles != null) {
          w.uint32(18)
          OfferFiles.codec().encode(obj.offerFiles, w)
        }

        if (obj.reply != null) {
          w.uint32(26)
          Reply.codec().encode(obj.reply, w)
        }

        if (obj.notice != null) {
          w.uint32(34)
          Notice.codec().encode(obj.notice, w)
        }

        if (obj.fetch != null) {
          w.uint32(42)
          Fetch.codec().encode(obj.fetch, w)
        }

        if (obj.want != null) {
          w.uint32(50)
          Want.codec().encode(obj.want, w)
        }

        if (obj.hashes != null) {
          w.uint32(58)
          Hashes.codec().encode(obj.hashes, w)
        }

        if (obj.data != null) {
          w.uint32(66)
          Data.codec().encode(obj.data, w)
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
              obj.offer = Offer.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.offer
              })
              break
            }
            case 2: {
              obj.offerFiles = OfferFiles.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.offerFiles
              })
              break
            }
            case 3: {
              obj.reply = Reply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.reply
              })
              break
            }
            case 4: {
              obj.notice = Notice.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.notice
              })
              break
            }
            case 5: {
              obj.fetch = Fetch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fetch
              })
              break
            }
            case 6: {
              obj.want = Want.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.want
              })
              break
            }
            case 7: {
              obj.hashes = Hashes.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.hashes
              })
              break
            }
            case 8: {
              obj.data = Data.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.data
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        if (obj.data != null) {
          delete obj.hashes
          delete obj.want
          delete obj.fetch
          delete obj.notice
          delete obj.reply
          delete obj.offerFiles
          delete obj.offer
        }

        if (obj.hashes != null) {
          delete obj.data
          delete obj.want
          delete obj.fetch
          delete obj.notice
          delete obj.reply
          delete obj.offerFiles
          delete obj.offer
        }

        if (obj.want != null) {
          delete obj.data
          delete obj.hashes
          delete obj.fetch
          delete obj.notice
          delete obj.reply
          delete obj.offerFiles
          delete obj.offer
        }

        if (obj.fetch != null) {
          delete obj.data
          delete obj.hashes
          delete obj.want
          delete obj.notice
          delete obj.reply
          delete obj.offerFiles
          delete obj.offer
        }

        if (obj.notice != null) {
          delete obj.data
          delete obj.hashes
          delete obj.want
          delete obj.fetch
          delete obj.reply
          delete obj.offerFiles
          delete obj.offer
        }

        if (obj.reply != null) {
          delete obj.data
          delete obj.hashes
          delete obj.want
          delete obj.fetch
          delete obj.notice
          delete obj.offerFiles
          delete obj.offer
        }

        if (obj.offerFiles != null) {
          delete obj.data
          delete obj.hashes
          delete obj.want
          delete obj.fetch
          delete obj.notice
          delete obj.reply
          delete obj.offer
        }

        if (obj.offer != null) {
          delete obj.data
          delete obj.hashes
          delete obj.want
          delete obj.fetch
          delete obj.notice
          delete obj.reply
          delete obj.offerFiles
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * Offer.codec().stream(reader, reader.uint32(), `${prefix}.offer`, {
                limits: opts.limits?.offer
              })

              break
            }
            case 2: {
              yield * OfferFiles.codec().stream(reader, reader.uint32(), `${prefix}.offerFiles`, {
                limits: opts.limits?.offerFiles
              })

              break
            }
            case 3: {
              yield * Reply.codec().stream(reader, reader.uint32(), `${prefix}.reply`, {
                limits: opts.limits?.reply
              })

              break
            }
            case 4: {
              yield * Notice.codec().stream(reader, reader.uint32(), `${prefix}.notice`, {
                limits: opts.limits?.notice
              })

              break
            }
            case 5: {
              yield * Fetch.codec().stream(reader, reader.uint32(), `${prefix}.fetch`, {
                limits: opts.limits?.fetch
              })

              break
            }
            case 6: {
              yield * Want.codec().stream(reader, reader.uint32(), `${prefix}.want`, {
                limits: opts.limits?.want
              })

              break
            }
            case 7: {
              yield * Hashes.codec().stream(reader, reader.uint32(), `${prefix}.hashes`, {
                limits: opts.limits?.hashes
              })

              break
            }
            case 8: {
              yield * Data.codec().stream(reader, reader.uint32(), `${prefix}.data`, {
                limits: opts.limits?.data
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

  export interface FilesFrameOfferIdFieldEvent {
    field: '$.offer.id'
    value: string
  }

  export interface FilesFrameOfferFromFieldEvent {
    field: '$.offer.from'
    value: string
  }

  export interface FilesFrameOfferFromPeerFieldEvent {
    field: '$.offer.fromPeer'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FilesFrameOfferToPeerFieldEvent {
    field: '$.offer.toPeer'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FilesFrameOfferSentAtFieldEvent {
    field: '$.offer.sentAt'
    value: number
  }

  export interface FilesFrameOfferFileCountFieldEvent {
    field: '$.offer.fileCount'
    value: number
  }

  export interface FilesFrameOfferTotalBytesFieldEvent {
    field: '$.offer.totalBytes'
    value: number
  }

  export interface FilesFrameOfferChunkBytesFieldEvent {
    field: '$.offer.chunkBytes'
    value: number
  }

  export interface FilesFrameOfferFilesFilesPathFieldEvent {
    field: '$.offerFiles.files[].path'
    value: string
    index: number
  }

  export interface FilesFrameOfferFilesFilesSizeFieldEvent {
    field: '$.offerFiles.files[].size'
    value: number
    index: number
  }

  export interface FilesFrameOfferFilesFilesSha256FieldEvent {
    field: '$.offerFiles.files[].sha256'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface FilesFrameOfferFilesFilesChunksFieldEvent {
    field: '$.offerFiles.files[].chunks'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface FilesFrameReplyIdFieldEvent {
    field: '$.reply.id'
    value: string
  }

  export interface FilesFrameReplyStatusFieldEvent {
    field: '$.reply.status'
    value: Status
  }

  export interface FilesFrameReplyTextFieldEvent {
    field: '$.reply.text'
    value: string
  }

  export interface FilesFrameNoticeIdFieldEvent {
    field: '$.notice.id'
    value: string
  }

  export interface FilesFrameNoticeKindFieldEvent {
    field: '$.notice.kind'
    value: NoticeKind
  }

  export interface FilesFrameNoticeStatusFieldEvent {
    field: '$.notice.status'
    value: Status
  }

  export interface FilesFrameNoticeTextFieldEvent {
    field: '$.notice.text'
    value: string
  }

  export interface FilesFrameFetchIdFieldEvent {
    field: '$.fetch.id'
    value: string
  }

  export interface FilesFrameWantIndexFieldEvent {
    field: '$.want.index'
    value: number
  }

  export interface FilesFrameWantOffsetFieldEvent {
    field: '$.want.offset'
    value: number
  }

  export interface FilesFrameHashesIndexFieldEvent {
    field: '$.hashes.index'
    value: number
  }

  export interface FilesFrameHashesFirstFieldEvent {
    field: '$.hashes.first'
    value: number
  }

  export interface FilesFrameHashesHashesFieldEvent {
    field: '$.hashes.hashes'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FilesFrameDataIndexFieldEvent {
    field: '$.data.index'
    value: number
  }

  export interface FilesFrameDataOffsetFieldEvent {
    field: '$.data.offset'
    value: number
  }

  export interface FilesFrameDataBytesFieldEvent {
    field: '$.data.bytes'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<FilesFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FilesFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FilesFrame>): FilesFrame {
    return decodeMessage(buf, FilesFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FilesFrame>): Generator<FilesFrameOfferIdFieldEvent | FilesFrameOfferFromFieldEvent | FilesFrameOfferFromPeerFieldEvent | FilesFrameOfferToPeerFieldEvent | FilesFrameOfferSentAtFieldEvent | FilesFrameOfferFileCountFieldEvent | FilesFrameOfferTotalBytesFieldEvent | FilesFrameOfferChunkBytesFieldEvent | FilesFrameOfferFilesFilesPathFieldEvent | FilesFrameOfferFilesFilesSizeFieldEvent | FilesFrameOfferFilesFilesSha256FieldEvent | FilesFrameOfferFilesFilesChunksFieldEvent | FilesFrameReplyIdFieldEvent | FilesFrameReplyStatusFieldEvent | FilesFrameReplyTextFieldEvent | FilesFrameNoticeIdFieldEvent | FilesFrameNoticeKindFieldEvent | FilesFrameNoticeStatusFieldEvent | FilesFrameNoticeTextFieldEvent | FilesFrameFetchIdFieldEvent | FilesFrameWantIndexFieldEvent | FilesFrameWantOffsetFieldEvent | FilesFrameHashesIndexFieldEvent | FilesFrameHashesFirstFieldEvent | FilesFrameHashesHashesFieldEvent | FilesFrameDataIndexFieldEvent | FilesFrameDataOffsetFieldEvent | FilesFrameDataBytesFieldEvent> {
    return streamMessage(buf, FilesFrame.codec(), opts)
  }
}
