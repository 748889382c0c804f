/**
 * The sender's side of one transfer run (a FileSource): each wanted file is
 * opened without following symlinks and must still be what was offered (same
 * size and modification time), or the run stops with CHANGED; bytes are read
 * a frame at a time, so memory stays small whatever the file size.
 */
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { FILE_CHUNK_BYTES } from '../../protocols/constants.js'
import { Status } from '../../protocols/files/pb/files.js'
import { TransferStoppedError } from '../services/files/errors.js'
import { readFully } from './hashing.js'
import type { FileSlice, FileSource } from '../services/files/index.js'
import type { EntryRecord } from '../store/files.js'

export interface SendingInit {
  entries: EntryRecord[]
  /** a run starts sending file `index` at `offset` */
  onOpen(index: number, offset: number): void
  /** bytes of file `index` were handed to the stream, up to `position` */
  onSent(index: number, position: number): void
  onEnd(err?: Error): void
  /** whether the transfer was cancelled here meanwhile (then the stream stops at the next frame) */
  cancelled(): boolean
}

export function sending (init: SendingInit): FileSource {
  const byIndex = new Map(init.entries.map(e => [e.idx, e]))
  return {
    async open (index: number, offset: number): Promise<FileSlice> {
      const entry = byIndex.get(index)
      if (entry?.source == null || entry.hashList == null) throw new TransferStoppedError(Status.INVALID, `there is no file ${index} in this transfer`)
      if (offset < 0 || offset > entry.size || offset % FILE_CHUNK_BYTES !== 0) throw new TransferStoppedError(Status.INVALID, `offset ${offset} is not the start of a chunk`)
      let fh
      try {
        fh = await open(entry.source, constants.O_RDONLY | constants.O_NOFOLLOW)
      } catch (err) {
        throw new TransferStoppedError(Status.CHANGED, `${entry.path} cannot be read any more (${(err as NodeJS.ErrnoException).code ?? 'error'})`)
      }
      const st = await fh.stat()
      if (st.size !== entry.size || (entry.mtimeMs != null && Math.floor(st.mtimeMs) !== entry.mtimeMs)) {
        await fh.close()
        throw new TransferStoppedError(Status.CHANGED, `${entry.path} changed since it was offered`)
      }
      const hashList = new Uint8Array(entry.hashList)
      init.onOpen(index, offset)
      return {
        hashList,
        size: entry.size,
        read: async (position, length) => {
          if (init.cancelled()) throw new TransferStoppedError(Status.CANCELLED, 'the sender cancelled it')
          return await readFully(fh, position, length)
        },
        close: async () => { await fh.close() }
      }
    },
    sent: init.onSent,
    end: init.onEnd
  }
}
