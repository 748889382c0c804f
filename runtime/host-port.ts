/** Parses "HOST:PORT" (IPv4, hostname or [IPv6]) for --index and friends. */
export function parseHostPort (value: string, defaultPort: number): { host: string, port: number } | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(value.trim())
  if (m == null) return undefined
  const host = m[1] ?? m[2]
  const port = m[3] == null ? defaultPort : Number(m[3])
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined
  return { host, port }
}

/** Parses a port flag: an integer 0..65535 (0 = any free port). */
export function parsePort (value: string | undefined, fallback: number): number | undefined {
  if (value == null) return fallback
  if (!/^\d{1,5}$/.test(value)) return undefined
  const port = Number(value)
  return port <= 65535 ? port : undefined
}
