/**
 * The limits of search (node/store/search.ts), apart so the CLI can check
 * its arguments without loading the database code.
 */

/** Longest query, in characters: a search is a few words; a 10 KB query is a mistake or an attack. */
export const MAX_SEARCH_QUERY_CHARS = 200
/** Most words in one query. */
export const MAX_SEARCH_TERMS = 16
/** Hits returned when no limit is given. */
export const DEFAULT_SEARCH_LIMIT = 20
/** Most hits one search may return. */
export const MAX_SEARCH_LIMIT = 200
/** Characters of context on each side of the first match in a snippet. */
export const SNIPPET_CONTEXT_CHARS = 40
