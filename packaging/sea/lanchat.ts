/**
 * Entry of the single-file `lanchat` executable (`npm run dist`): the same
 * CLI as dist/node/bin/lanchat.js. No Node version check: the executable is
 * Node 24. Its V8 flags come from the SEA configuration (RUNTIME_FLAGS).
 */
import { main } from '../../node/cli/main.js'

main(process.argv.slice(2)).then(code => { process.exitCode = code }, (err: unknown) => {
  process.stderr.write(`lanchat: ${String((err as Error)?.stack ?? err)}\n`)
  process.exitCode = 1
})
