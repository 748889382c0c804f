/**
 * `lanchat open`: logs a browser in to the web client. Asks the daemon (with
 * the API token) for a single-use login link, prints it, and where a desktop
 * exists opens it with xdg-open. The web page trades the link's code for a
 * session of its own, so the token itself never reaches the browser.
 *
 * @example
 * ```sh
 * lanchat open --profile ~/.lanchat-alice
 * # http://127.0.0.1:47480/login?code=...
 * ```
 */
import { hasDesktop, openOnDesktop } from '../../runtime/desktop.js'
import type { LoginCode } from '../api/session.js'
import { COMMON_HELP, JSON_HELP } from './command.js'
import type { Command } from './command.js'

export const open: Command = {
  name: 'open',
  summary: 'open the web client in a browser (prints a one-time login link)',
  json: true,
  options: { 'no-browser': { type: 'boolean' } },
  help: `usage: lanchat open [--no-browser] [--json] [--profile DIR]

Prints a link that logs a browser in to this profile's web client, and opens
it when a desktop is there (DISPLAY or WAYLAND_DISPLAY set, with xdg-open).
The link works once, within 2 minutes; the browser then stays logged in
for 30 days. Run it again for a new link.

  --no-browser    only print the link
${JSON_HELP}
                  ({url, expiresAt})
${COMMON_HELP}`,
  async run (ctx) {
    const login = await ctx.client().post<LoginCode>('/api/login-codes', {})
    if (ctx.json) ctx.out(JSON.stringify({ url: login.url, expiresAt: login.expiresAt }))
    else ctx.out(login.url)
    if (ctx.values['no-browser'] !== true && hasDesktop(process.env)) {
      const problem = await openOnDesktop(login.url)
      if (problem !== undefined) ctx.io.stderr.write(`lanchat: could not start a browser (${problem}); open the link above yourself\n`)
    } else if (!ctx.json && ctx.io.stdout.isTTY === true) {
      ctx.out('open this link in a browser on this computer; it works once, within 2 minutes')
    }
    return 0
  }
}
