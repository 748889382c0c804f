/**
 * The lanchat web client, served by the daemon on its API port (see
 * node/api/web.ts) and logged in by `lanchat open`: its link lands here as
 * `/#code=CODE`, and the code is traded for a session (session.ts) before the
 * page first asks the daemon anything. Built by Vite into dist/web/
 * (`npm run build`).
 */
import { render } from 'preact'
import { api } from './api.js'
import { App } from './components/app.js'
import { takeLoginCode } from './session.js'
import './styles.css'

async function start (): Promise<void> {
  const code = takeLoginCode()
  if (code !== undefined) {
    // a refused code leaves whatever session this browser had; without one the page says to run lanchat open
    await api.logIn(code).catch(() => {})
  }
  const root = document.getElementById('app')
  if (root !== null) render(<App />, root)
}

void start()
