#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=20
/**
 * The `lanchat` executable. Checks the Node version first (machines here
 * ship Node 20; lanchat needs >= 22.12 and re-runs itself under the bundled
 * Node 24), and only then loads the CLI, whose imports need the newer Node.
 *
 * @example
 * ```sh
 * lanchat who --profile ~/.lanchat-alice --json
 * ```
 */
import { ensureModernNode } from '../../runtime/node-version.js'

await ensureModernNode('lanchat')
const { main } = await import('../cli/main.js')
process.exitCode = await main(process.argv.slice(2))
