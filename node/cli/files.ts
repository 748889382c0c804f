/**
 * The file transfer commands: `lanchat send-file NAME PATH...`, `lanchat
 * files`, `lanchat accept ID [--to DIR]`, `lanchat reject ID`, `lanchat
 * cancel ID` and `lanchat trust NAME --files`. send-file and accept follow
 * the transfer with a progress bar until it ends, unless --no-wait or --json
 * (Ctrl-C stops watching; the transfer goes on in the daemon).
 *
 *   lanchat send-file bob report.pdf photos/
 *   lanchat accept 0194f1c2-... --to ~/Desktop
 */
import { resolve } from 'node:path'
import { validTransferId } from '../../protocols/files/ids.js'
import { UnknownTransferError } from '../files/errors.js'
import { formatBytes } from '../files/format.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import { UsageError } from './errors.js'
import { endLine, follow } from './file-progress.js'
import { dateTime, terminalSafe } from './format.js'
import type { Command, CommandContext } from './command.js'
import type { FileState, FileTransfer, GroupFileOffer } from '../types.js'

const WAIT_HELP = '  --no-wait       return at once instead of following the transfer to its end'
/**
 * How long send-file waits for the daemon to hash what it offers (it reads
 * every file once before the offer: about 1 GiB/s on a desktop disk, so an
 * offer at the 64 GiB limit takes a minute or two; a slow disk more).
 */
export const SEND_FILE_TIMEOUT_MS = 30 * 60_000

function oneId (ctx: CommandContext, command: string): string {
  const [id, extra] = ctx.positionals
  if (id === undefined) throw new UsageError(`${command} needs a transfer ID (see lanchat files)`, command)
  if (extra !== undefined) throw new UsageError(`${command} takes one ID, but also got "${extra}"`, command)
  // what the daemon would refuse with a schema message: said as plainly as an unknown id
  if (!validTransferId(id)) throw new UnknownTransferError(terminalSafe(id))
  return id
}

async function finish (ctx: CommandContext, id: string): Promise<number> {
  if (ctx.json || ctx.values['no-wait'] === true) return 0
  const [t] = await follow(ctx.client(), [id], ctx.io)
  return t == null || t.state === 'done' ? 0 : 1
}

export const sendFile: Command = {
  name: 'send-file',
  summary: 'offer files and folders to someone, or to each member of a group',
  json: true,
  options: { 'no-wait': { type: 'boolean' }, group: { type: 'string' } },
  help: `usage: lanchat send-file NAME PATH... [--no-wait] [--json] [--profile DIR]
       lanchat send-file --group GROUP PATH... [--no-wait] [--json] [--profile DIR]

Offers the files and folders (each folder as its tree) to NAME, peer to peer:
nothing goes through the index server. If NAME is offline the offer waits on
this computer and is made when they come online. Then follows the transfer
with a progress bar until it is done, rejected, cancelled or failed (Ctrl-C
stops watching; the transfer goes on: see lanchat files).
With --group, each member of the named group gets the offer (one transfer
each; they accept or reject on their own).

  --group GROUP   offer to each member of GROUP instead of one person
${WAIT_HELP}
${JSON_HELP}
                  ({id, state}; with --group {group, transfers: [{id, peer,
                  peerId, state}]}; returns at once)
${COMMON_HELP}`,
  async run (ctx) {
    const group = typeof ctx.values.group === 'string' ? ctx.values.group : undefined
    const [first, ...rest] = ctx.positionals
    const to = group == null ? first : undefined
    const paths = group == null ? rest : ctx.positionals
    if (group == null && to === undefined) throw new UsageError('send-file needs a NAME (or --group GROUP) and at least one PATH', 'send-file')
    if (paths.length === 0) throw new UsageError(`send-file needs at least one PATH to send to ${group ?? to ?? ''}`, 'send-file')
    const body = { ...(group != null ? { group } : { to }), paths: paths.map(p => resolve(p)) }
    if (group != null) {
      const offer = await ctx.client().post<GroupFileOffer>('/api/files', body, { timeoutMs: SEND_FILE_TIMEOUT_MS })
      if (ctx.json) {
        ctx.out(JSON.stringify(offer))
        return 0
      }
      ctx.out(`offered to ${offer.transfers.length} member${offer.transfers.length === 1 ? '' : 's'} of ${terminalSafe(offer.group)}: ${offer.transfers.map(t => `${terminalSafe(t.peer)} (${t.state === 'pending' ? 'offline: waits' : t.state}, ${t.id})`).join(', ')}`)
      if (ctx.values['no-wait'] === true) return 0
      const ended = await follow(ctx.client(), offer.transfers.map(t => t.id), ctx.io)
      return ended.every(t => t.state === 'done') ? 0 : 1
    }
    const result = await ctx.client().post<{ id: string, state: FileState }>('/api/files', body, { timeoutMs: SEND_FILE_TIMEOUT_MS })
    if (ctx.json) {
      ctx.out(JSON.stringify(result))
      return 0
    }
    ctx.out(`${result.state === 'pending' ? `${terminalSafe(to as string)} is offline: the offer waits and is made when they are back` : `offered to ${terminalSafe(to as string)}`} (${result.id})`)
    return await finish(ctx, result.id)
  }
}

function listLine (t: FileTransfer): string {
  const names = t.files.slice(0, 3).map(f => terminalSafe(f.name)).join(', ') + (t.files.length > 3 ? `, … (${t.files.length} files)` : '')
  const progress = t.state === 'done' ? formatBytes(t.size) : `${formatBytes(t.bytesDone)} of ${formatBytes(t.size)}`
  const why = t.detail != null && t.state !== 'done' ? ` — ${terminalSafe(t.detail)}` : ''
  return `${t.id}  ${t.direction === 'out' ? 'to  ' : 'from'} ${terminalSafe(t.peer)}  ${t.state}  ${progress}  ${names}  ${dateTime(t.createdAt)}${why}`
}

export const files: Command = {
  name: 'files',
  summary: 'list file offers and transfers, both ways',
  json: true,
  help: `usage: lanchat files [--json] [--profile DIR]

Lists file offers and transfers in both directions, newest first, with their
state (offered, pending, accepted, sending, receiving, paused, done,
rejected, cancelled, failed) and progress.

${JSON_HELP}
                  ([{id, direction, peer, files: [{name, size}], size, bytesDone,
                  state, ...}]; docs/api.md lists every field)
${COMMON_HELP}`,
  async run (ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`files takes no arguments, but got "${ctx.positionals[0]}"`, 'files')
    const list = await ctx.client().get<FileTransfer[]>('/api/files')
    if (ctx.json) ctx.out(JSON.stringify(list))
    else if (list.length === 0) ctx.out('no file transfers yet')
    else for (const t of list) ctx.out(listLine(t))
    return 0
  }
}

export const accept: Command = {
  name: 'accept',
  summary: 'accept files offered to you',
  json: true,
  options: { to: { type: 'string' }, 'no-wait': { type: 'boolean' } },
  help: `usage: lanchat accept ID [--to DIR] [--no-wait] [--json] [--profile DIR]

Accepts the offer ID (see lanchat files): the files land in the profile's
downloads folder, or in DIR. Names are made safe, nothing is overwritten (a
taken name gets "name (1).ext"), and files you already have there are
skipped. Follows the transfer with a progress bar until it ends. Also
resumes a transfer paused by a full disk.

  --to DIR        where the files land
${WAIT_HELP}
${JSON_HELP}
                  (the transfer, as in lanchat files --json; returns at once)
${COMMON_HELP}`,
  async run (ctx) {
    const id = oneId(ctx, 'accept')
    const dir = typeof ctx.values.to === 'string' ? resolve(ctx.values.to) : undefined
    const t = await ctx.client().post<FileTransfer>(`/api/files/${encodeURIComponent(id)}/accept`, dir != null ? { dir } : {})
    if (ctx.json) {
      ctx.out(JSON.stringify(t))
      return 0
    }
    ctx.out(`accepted ${t.files.length} file${t.files.length === 1 ? '' : 's'} (${formatBytes(t.size)}) from ${terminalSafe(t.peer)} into ${terminalSafe(t.dir ?? '')}`)
    return await finish(ctx, id)
  }
}

function stateCommand (name: 'reject' | 'cancel', summary: string, text: string): Command {
  return {
    name,
    summary,
    json: true,
    help: `usage: lanchat ${name} ID [--json] [--profile DIR]

${text}

${JSON_HELP}
                  (the transfer, as in lanchat files --json)
${COMMON_HELP}`,
    async run (ctx) {
      const t = await ctx.client().post<FileTransfer>(`/api/files/${encodeURIComponent(oneId(ctx, name))}/${name}`, {})
      ctx.out(ctx.json ? JSON.stringify(t) : endLine(t))
      return 0
    }
  }
}

export const reject = stateCommand('reject', 'reject files offered to you', 'Rejects the offer ID (see lanchat files); the sender is told.')
export const cancel = stateCommand('cancel', 'stop a file transfer, either way', 'Stops the transfer ID, sent or received, at any point; the other side is told.\nFiles that arrived whole stay; the part of an unfinished one is deleted.')

export const trust: Command = {
  name: 'trust',
  summary: 'accept someone\'s files without asking',
  json: true,
  options: { files: { type: 'boolean' }, 'no-files': { type: 'boolean' } },
  help: `usage: lanchat trust NAME --files | --no-files [--json] [--profile DIR]

With --files, offers from NAME are accepted at once into the downloads
folder; --no-files asks again.

${JSON_HELP}
                  ({peerId, name, files})
${COMMON_HELP}`,
  async run (ctx) {
    const [who, extra] = ctx.positionals
    if (who === undefined) throw new UsageError('trust needs a NAME', 'trust')
    if (extra !== undefined) throw new UsageError(`trust takes one NAME, but also got "${extra}"`, 'trust')
    const on = ctx.values.files === true
    if (on === (ctx.values['no-files'] === true)) throw new UsageError('trust needs either --files or --no-files', 'trust')
    const result = await ctx.client().post<{ peerId: string, name: string, files: boolean }>('/api/trust', { peer: who, files: on })
    ctx.out(ctx.json ? JSON.stringify(result) : on ? `files from ${terminalSafe(result.name)} are accepted without asking` : `files from ${terminalSafe(result.name)} wait for your answer again`)
    return 0
  }
}
