/**
 * Entry of the single-file `lanchat-index` executable (`npm run dist`): the
 * same CLI as dist/index-server/bin/lanchat-index.js. No Node version check:
 * the executable is Node 24. Its V8 flags come from the SEA configuration.
 */
import { main } from '../../index-server/cli.js'

main(process.argv.slice(2)).then(code => { process.exitCode = code }, (err: unknown) => {
  process.stderr.write(`lanchat-index: ${String((err as Error)?.stack ?? err)}\n`)
  process.exitCode = 1
})
