/**
 * Debian's Chromium, driven by playwright-core, for the web client tests:
 * headless, no sandbox (CI runs as root), nothing fetched from the network, a
 * fresh profile per launch. People log in the way a person does: `lanchat
 * open` prints a link and the page follows it. Where Chromium is missing the
 * tests are skipped with one line, unless LANCHAT_REQUIRE_BROWSER=1 (.ci/run)
 * makes that a failure.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { runCli } from '../helpers/daemon-process.js'
import type { DaemonProcess } from '../helpers/daemon-process.js'
import { tempDir } from '../helpers/index-process.js'

export const CHROMIUM = '/usr/bin/chromium'

/** Why the browser tests cannot run here, or undefined. */
export const browserSkipReason = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium)`
if (browserSkipReason !== undefined) {
  if (process.env.LANCHAT_REQUIRE_BROWSER === '1') throw new Error(`LANCHAT_REQUIRE_BROWSER=1 but ${browserSkipReason}`)
  console.log(`web client tests skipped: ${browserSkipReason}`)
}

/** Flags for a headless Chromium that never reaches out to Google's services (this machine's network is closed). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic']

export interface TestBrowser {
  browser: Browser
  /** where the test's screenshots go */
  shots: string
  close: () => Promise<void>
}

/** Launches Chromium; playwright gives each launch a new, empty user-data-dir and removes it on close. */
export async function launchBrowser (): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true })
  return { browser, shots: tempDir('lanchat-shots-'), close: async () => { await browser.close() } }
}

/** A person's page: their own browser context (storage and cookies), and every dialog and request it saw. */
export interface PersonPage {
  context: BrowserContext
  page: Page
  dialogs: string[]
  requests: string[]
}

export async function newPerson (browser: Browser, opts: { width?: number, height?: number, init?: string } = {}): Promise<PersonPage> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1100, height: opts.height ?? 700 }, locale: 'en-GB' })
  if (opts.init !== undefined) await context.addInitScript(opts.init)
  const page = await context.newPage()
  const dialogs: string[] = []
  const requests: string[] = []
  page.on('dialog', dialog => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  page.on('request', request => { requests.push(`${request.method()} ${new URL(request.url()).pathname}`) })
  return { context, page, dialogs, requests }
}

/** Runs `lanchat open --no-browser` for the daemon's profile and returns the login link it printed. */
export async function loginLink (daemon: DaemonProcess): Promise<string> {
  const out = await runCli(['open', '--no-browser', '--profile', daemon.profileDir])
  const link = /^(http:\/\/127\.0\.0\.1:\d+\/login\?code=[A-Za-z0-9_-]+)$/m.exec(out.stdout)
  if (out.code !== 0 || link === null) throw new Error(`lanchat open failed (${String(out.code)}): ${out.stdout}${out.stderr}`)
  return link[1]
}

/** Logs the person's browser in to the daemon as `lanchat open` would, and waits until the page shows their name. */
export async function logIn (person: PersonPage, daemon: DaemonProcess): Promise<string> {
  const link = await loginLink(daemon)
  await person.page.goto(link)
  await person.page.locator('.me-name', { hasText: daemon.name }).waitFor({ timeout: 10_000 })
  return link
}

/** Saves a screenshot under the test's folder (and to `copyTo` as well) and returns its path. */
export async function screenshot (page: Page, shots: string, name: string, copyTo?: string): Promise<string> {
  const path = join(shots, `${name}.png`)
  await page.screenshot({ path })
  if (copyTo !== undefined) {
    mkdirSync(join(copyTo, '..'), { recursive: true })
    await page.screenshot({ path: copyTo })
  }
  return path
}

/** Types into the composer and presses Enter, as a person does. */
export async function write (person: PersonPage, text: string): Promise<void> {
  const box = person.page.locator('#compose')
  await box.click()
  await person.page.keyboard.type(text)
  await person.page.keyboard.press('Enter')
}
