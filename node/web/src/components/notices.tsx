/**
 * The page's whole-screen states and its connection banner: not logged in,
 * connecting, and the daemon gone away (with the page reconnecting by itself).
 */
import type { JSX } from 'preact'
import type { Link } from '../store.js'

export function NotAuthorised (): JSX.Element {
  return (
    <main class="notice" aria-labelledby="notice-title">
      <h1 id="notice-title">Not authorised</h1>
      <p>This browser is not logged in to your lanchat daemon.</p>
      <p>In a terminal on this computer, run</p>
      <pre><code>lanchat open</code></pre>
      <p>(with <code>--profile DIR</code> if you use one). It prints a link that logs this browser in, and opens it when it can.</p>
    </main>
  )
}

export function Connecting (): JSX.Element {
  return (
    <main class="notice" aria-busy="true">
      <h1>lanchat</h1>
      <p role="status">Connecting to your lanchat daemon…</p>
    </main>
  )
}

/** A live region that is always there, so screen readers announce when the connection drops and comes back. */
export function LinkBanner ({ link }: { link: Link }): JSX.Element {
  return (
    <div class={link === 'lost' ? 'banner lost' : 'banner'} role="status" data-link={link}>
      {link === 'lost' ? 'Your lanchat daemon is not answering. This page reconnects by itself when it is back.' : ''}
    </div>
  )
}

/** What the daemon warns about (a forged message dropped, a changed identity), each until dismissed. */
export function Warnings ({ warnings, onDismiss }: { warnings: string[], onDismiss: (index: number) => void }): JSX.Element | null {
  if (warnings.length === 0) return null
  return (
    <ul class="warnings" role="alert">
      {warnings.map((text, i) => (
        <li key={`${i}-${text}`}>
          <span>{text}</span>
          <button type="button" class="link-button" onClick={() => { onDismiss(i) }}>Dismiss</button>
        </li>
      ))}
    </ul>
  )
}
