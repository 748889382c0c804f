/** lanchat's version (one home: protocols/shared/package-files.ts reads package.json, also inside a single executable). */
export { lanchatVersion } from '../../protocols/shared/package-files.js'
