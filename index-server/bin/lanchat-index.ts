#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=20
/**
 * Entry point of `lanchat-index`. Checks the Node version first (re-running
 * under the bundled Node 24 when started by an older one), then runs the CLI.
 */
import { ensureModernNode } from '../../runtime/node-version.js'

await ensureModernNode('lanchat-index')
const { main } = await import('../cli.js')
process.exitCode = await main(process.argv.slice(2))
