/** Counts for hostile-input tests: small in `npm test`, full in `npm run fuzz` (LANCHAT_FUZZ=full). */
export const FULL = process.env.LANCHAT_FUZZ === 'full'
export const count = (reduced: number, full: number): number => FULL ? full : reduced
