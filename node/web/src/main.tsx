/**
 * The lanchat web client, served by the daemon on its API port (see
 * node/api/web.ts) and logged in by `lanchat open`. Built by Vite into
 * dist/web/ (`npm run build`).
 */
import { render } from 'preact'
import { App } from './components/app.js'
import './styles.css'

const root = document.getElementById('app')
if (root !== null) render(<App />, root)
