/** lanchat's version (one home: runtime/package-files.ts reads package.json, also inside a single executable). */
export { lanchatVersion } from '../../runtime/package-files.js'
