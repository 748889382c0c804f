/**
 * The desktop this process runs under, if any: whether there is one, and
 * opening a link or a folder in it (xdg-open) without waiting for the program
 * that shows it. Used by `lanchat open` (a browser) and the daemon (the folder
 * a transfer landed in).
 */
import { spawn } from 'node:child_process'

/** True where a graphical session exists to open things in. */
export function hasDesktop (env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.DISPLAY ?? '') !== '' || (env.WAYLAND_DISPLAY ?? '') !== ''
}

/** Starts xdg-open on a URL or a path; resolves with why it could not, or undefined. */
export async function openOnDesktop (target: string): Promise<string | undefined> {
  return await new Promise(resolve => {
    const child = spawn('xdg-open', [target], { detached: true, stdio: 'ignore' })
    child.once('error', (err: NodeJS.ErrnoException) => {
      resolve(err.code === 'ENOENT' ? 'xdg-open is not installed' : err.message)
    })
    child.once('spawn', () => {
      child.unref()
      resolve(undefined)
    })
  })
}
