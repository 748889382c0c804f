/**
 * File transfers in the web client: each offer and transfer, both ways, with
 * a progress bar, its state in words, and what the person can do now
 * (accept or reject an offer made to them, cancel one that is not over).
 * Offering files from the browser comes later (issue 16).
 */
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import type { FileTransfer } from '../../../types.js'
import { formatBytes, formatRate } from '../../../files/format.js'
import { api } from '../api.js'
import type { Action } from '../store.js'

const OVER = new Set(['done', 'rejected', 'cancelled', 'failed'])

function what (t: FileTransfer): string {
  const first = t.files[0]?.name ?? ''
  return t.files.length === 1 ? first : `${first.split('/')[0]} and ${t.files.length - 1} more`
}

function stateText (t: FileTransfer): string {
  if (t.state === 'done') return t.direction === 'in' ? `received into ${t.dir ?? ''}` : 'sent'
  if ((t.state === 'sending' || t.state === 'receiving') && t.bytesPerSecond !== undefined && t.bytesPerSecond > 0) return `${t.state} at ${formatRate(t.bytesPerSecond)}`
  return t.detail !== undefined && t.state !== 'offered' ? `${t.state}: ${t.detail}` : t.state
}

export interface FilesProps {
  files: Record<string, FileTransfer>
  dispatch: (action: Action) => void
}

export function Files ({ files, dispatch }: FilesProps): JSX.Element | null {
  const [opened, setOpened] = useState<Record<string, string>>({})
  const list = Object.values(files).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
  if (list.length === 0) return null
  const answer = (t: FileTransfer, how: 'accept' | 'reject' | 'cancel'): void => {
    api.answerFile(t.id, how).then(now => { dispatch({ type: 'files', files: [now] }) }, () => {})
  }
  return (
    <section class="files" aria-label="Files">
      <h2>Files</h2>
      <ul>
        {list.map(t => (
          <li key={t.id} class="transfer" data-id={t.id} data-state={t.state} data-direction={t.direction}>
            <div class="transfer-what">
              <span class="transfer-peer">{t.direction === 'in' ? `from ${t.peer}` : `to ${t.peer}`}</span>{' '}
              <span class="transfer-name">{what(t)}</span>{' '}
              <span class="transfer-size">{formatBytes(t.size)}</span>
            </div>
            <progress max={Math.max(1, t.size)} value={t.state === 'done' ? Math.max(1, t.size) : t.bytesDone} aria-label={`${what(t)}: ${formatBytes(t.bytesDone)} of ${formatBytes(t.size)}`} />
            <div class="transfer-state">{stateText(t)}</div>
            <div class="transfer-actions">
              {t.direction === 'in' && t.state === 'offered' && <button type="button" class="accept" onClick={() => { answer(t, 'accept') }}>Accept</button>}
              {t.direction === 'in' && t.state === 'offered' && <button type="button" class="reject" onClick={() => { answer(t, 'reject') }}>Reject</button>}
              {!OVER.has(t.state) && !(t.direction === 'in' && t.state === 'offered') && <button type="button" class="cancel" onClick={() => { answer(t, 'cancel') }}>Cancel</button>}
              {t.direction === 'in' && t.state === 'done' && (
                <button type="button" class="link-button open-folder" onClick={() => {
                  api.openFolder(t.id).then(r => { setOpened({ ...opened, [t.id]: r.opened ? `Opened ${r.path}` : `Not opened (${r.why ?? 'no desktop'}): the files are in ${r.path}` }) },
                    (err: Error) => { setOpened({ ...opened, [t.id]: err.message }) })
                }}>Open folder</button>
              )}
            </div>
            {opened[t.id] !== undefined && <p class="transfer-opened" role="status">{opened[t.id]}</p>}
          </li>
        ))}
      </ul>
    </section>
  )
}
