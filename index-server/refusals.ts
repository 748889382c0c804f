/**
 * Refusal texts that both login paths (UDP LOGIN and the index protocol's
 * Hello) give, so a person reads the same words whichever path refused.
 */

/** Cuts a name a client sent to something safe to quote. */
export function quoted (name: string): string {
  return `"${[...name].slice(0, 40).join('')}"`
}

export function lookAlikeMessage (name: string, registered: string): string {
  return `the name ${quoted(name)} looks like the registered name "${registered}"; choose another name`
}

export function tooManyNewNamesMessage (waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000))
  return `too many new names were registered from this address lately; try again in about ${minutes} minute${minutes === 1 ? '' : 's'} (or ask the index administrator)`
}
