/**
 * The daemon's FilesApi (node/types.ts): the transfers engine (transfers.ts)
 * with the web client's uploads (uploads.ts) and opening the folder a
 * received transfer landed in on this computer's desktop.
 *
 * @example
 * ```ts
 * const api = filesApi(transfers, new Uploads(join(profile, 'uploads')))
 * await api.open(id) // { path: '/home/bob/Downloads/photos', opened: true }
 * ```
 */
import { join } from 'node:path'
import { hasDesktop, openOnDesktop } from '../../runtime/desktop.js'
import { TransferStateError } from './errors.js'
import type { FileTransfers } from './transfers.js'
import type { Uploads } from './uploads.js'
import type { FilesApi } from '../types.js'

export function filesApi (transfers: FileTransfers, uploads: Uploads): FilesApi {
  return {
    send: async (to, paths, opts) => await transfers.send(to, paths, opts),
    sendToGroup: async (group, paths, opts) => await transfers.sendToGroup(group, paths, opts),
    list: () => transfers.list(),
    get: (id) => transfers.get(id),
    accept: async (id, dir) => await transfers.accept(id, dir),
    reject: async (id) => await transfers.reject(id),
    cancel: async (id) => await transfers.cancel(id),
    trust: (who, files) => transfers.trust(who, files),
    createUpload: async () => await uploads.create(),
    putUpload: async (id, path, body) => await uploads.put(id, path, body),
    open: async (id) => {
      const t = transfers.get(id)
      if (t.direction !== 'in' || t.state !== 'done' || t.dir == null) throw new TransferStateError(`transfer ${id} is ${t.state}; only a received one has a folder to open`)
      const first = t.files.find(f => f.path != null)?.path
      // a folder sent whole opens as itself; loose files open the folder they are in
      const path = first != null && first.includes('/') ? join(t.dir, first.split('/')[0]) : t.dir
      if (!hasDesktop()) return { path, opened: false, why: 'there is no desktop here (no DISPLAY or WAYLAND_DISPLAY)' }
      const problem = await openOnDesktop(path)
      return problem == null ? { path, opened: true } : { path, opened: false, why: problem }
    }
  }
}
