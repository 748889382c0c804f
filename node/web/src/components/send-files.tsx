/**
 * Offering files from the web client: a "Send files…" picker in the
 * conversation, and files or folders dropped on it. The browser uploads them
 * to the daemon (a staging folder on this computer), which offers them like
 * `lanchat send-file`; the transfer then shows in the Files list.
 */
import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import { api } from '../api.js'
import type { PickedFile } from '../api.js'

/** Every file under a dropped entry, with its path inside what was dropped. */
async function filesOf (entry: FileSystemEntry, prefix = ''): Promise<PickedFile[]> {
  const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => { (entry as FileSystemFileEntry).file(resolve, reject) })
    return [{ path, file }]
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  const out: PickedFile[] = []
  for (;;) {
    // readEntries answers in batches until an empty one
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => { reader.readEntries(resolve, reject) })
    if (batch.length === 0) return out
    for (const child of batch) out.push(...await filesOf(child, path))
  }
}

export interface SendFilesProps {
  peer: string
  name: string
  disabled: boolean
}

/** The picker, and a drop target around `children`. */
export function SendFiles ({ peer, name, disabled, children }: SendFilesProps & { children: JSX.Element | JSX.Element[] }): JSX.Element {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | undefined>(undefined)
  const [over, setOver] = useState(false)
  const offer = (files: PickedFile[]): void => {
    if (files.length === 0 || disabled) return
    setBusy(true)
    setProblem(undefined)
    api.offerFiles(peer, files).then(() => { setBusy(false) }, (err: Error) => { setBusy(false); setProblem(err.message) })
  }
  const onDrop = (e: DragEvent): void => {
    e.preventDefault()
    setOver(false)
    const items = [...(e.dataTransfer?.items ?? [])].map(i => i.webkitGetAsEntry()).filter((x): x is FileSystemEntry => x != null)
    Promise.all(items.map(async entry => await filesOf(entry))).then(lists => { offer(lists.flat()) }, (err: Error) => { setProblem(err.message) })
  }
  return (
    <div class={over ? 'drop-target over' : 'drop-target'}
      onDragOver={e => { e.preventDefault(); setOver(true) }} onDragLeave={() => { setOver(false) }} onDrop={onDrop}>
      {children}
      <div class="send-files">
        <label class={disabled || busy ? 'link-button disabled' : 'link-button'}>
          {busy ? 'Uploading…' : `Send files to ${name}…`}
          <input type="file" multiple hidden disabled={disabled || busy} aria-label={`Send files to ${name}`}
            onChange={e => {
              const input = e.currentTarget
              offer([...(input.files ?? [])].map(file => ({ path: file.name, file })))
              input.value = ''
            }} />
        </label>
        {problem !== undefined && <span class="problem" role="alert">{problem}</span>}
      </div>
    </div>
  )
}
