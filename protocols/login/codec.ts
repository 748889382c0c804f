/**
 * The UDP login datagram codec: pure functions, no sockets.
 *
 * Layout: MAGIC (4) | WIRE_VERSION (1) | NONCE (16) | Datagram (protobuf).
 * The decoder rejects bad input in a fixed order, each with its own error:
 * too short, too large, bad magic, unsupported version (the nonce is still
 * returned, so the server can answer), malformed body, unpadded LOGIN.
 *
 * @example
 * ```ts
 * const bytes = encodeLogin(newNonce(), { name: 'alice', peerId, addrs: [], agent: 'lanchat/0.1.0', padding: new Uint8Array() })
 * const { nonce, datagram } = decodeDatagram(bytes)
 * ```
 */
import { randomBytes } from 'node:crypto'
import {
  DATAGRAM_HEADER_BYTES, LOGIN_DATAGRAM_BYTES, LOGIN_MAGIC, LOGIN_WIRE_VERSION,
  MAX_DATAGRAM_BYTES, NONCE_BYTES
} from '../constants.js'
import {
  BadMagicError, DatagramTooLargeError, DatagramTooShortError, MalformedError,
  UnpaddedLoginError, UnsupportedVersionError
} from '../errors.js'
import { Datagram, LogoutClaim } from './pb/login.js'
import type { Login } from './pb/login.js'

export { Datagram, Login, Accept, Reject, Logout, LogoutClaim, RejectReason } from './pb/login.js'

export interface DecodedDatagram {
  /** wire version from the header */
  version: number
  /** the request's nonce, echoed in replies */
  nonce: Uint8Array
  /** the decoded body: exactly one of login, accept, reject, logout is set */
  datagram: Datagram
}

/** Prefix of the bytes a LOGOUT signature covers, so it can never be confused with another signed thing. */
const LOGOUT_DOMAIN = new TextEncoder().encode('lanchat/logout/v1\n')

/** A fresh random 128-bit nonce. */
export function newNonce (): Uint8Array {
  return new Uint8Array(randomBytes(NONCE_BYTES))
}

function header (nonce: Uint8Array, version: number): Uint8Array {
  if (nonce.length !== NONCE_BYTES) {
    throw new MalformedError(`Nonce must be ${NONCE_BYTES} bytes`)
  }
  const out = new Uint8Array(DATAGRAM_HEADER_BYTES)
  out.set(LOGIN_MAGIC, 0)
  out[LOGIN_MAGIC.length] = version
  out.set(nonce, LOGIN_MAGIC.length + 1)
  return out
}

/** Encodes any datagram; LOGINs should go through {@link encodeLogin} so they are padded. */
export function encodeDatagram (nonce: Uint8Array, datagram: Datagram, version: number = LOGIN_WIRE_VERSION): Uint8Array {
  const body = Datagram.encode(datagram)
  const out = new Uint8Array(DATAGRAM_HEADER_BYTES + body.length)
  out.set(header(nonce, version), 0)
  out.set(body, DATAGRAM_HEADER_BYTES)
  return out
}

/** Encodes a LOGIN padded to exactly LOGIN_DATAGRAM_BYTES (at least that, if a varint boundary forbids exact). */
export function encodeLogin (nonce: Uint8Array, login: Login, version: number = LOGIN_WIRE_VERSION): Uint8Array {
  let pad = 0
  let out = encodeDatagram(nonce, { login: { ...login, padding: new Uint8Array(0) } }, version)
  // adding the field costs its tag and length varints too: converge in a few steps
  for (let i = 0; i < 8 && out.length !== LOGIN_DATAGRAM_BYTES; i++) {
    pad = Math.max(0, pad + LOGIN_DATAGRAM_BYTES - out.length)
    out = encodeDatagram(nonce, { login: { ...login, padding: new Uint8Array(pad) } }, version)
    if (out.length > LOGIN_DATAGRAM_BYTES && pad === 0) break
  }
  if (out.length < LOGIN_DATAGRAM_BYTES) {
    out = encodeDatagram(nonce, { login: { ...login, padding: new Uint8Array(pad + 1) } }, version)
  }
  if (out.length > MAX_DATAGRAM_BYTES) {
    throw new DatagramTooLargeError('LOGIN does not fit in one datagram: too many or too long addresses')
  }
  return out
}

/** Decodes a datagram, rejecting bad input in a fixed order with typed errors. Never throws anything else. */
export function decodeDatagram (buf: Uint8Array): DecodedDatagram {
  if (buf.length < DATAGRAM_HEADER_BYTES) {
    throw new DatagramTooShortError()
  }
  if (buf.length > MAX_DATAGRAM_BYTES) {
    throw new DatagramTooLargeError()
  }
  for (let i = 0; i < LOGIN_MAGIC.length; i++) {
    if (buf[i] !== LOGIN_MAGIC[i]) throw new BadMagicError()
  }
  const version = buf[LOGIN_MAGIC.length]
  const nonce = buf.slice(LOGIN_MAGIC.length + 1, DATAGRAM_HEADER_BYTES)
  if (version !== LOGIN_WIRE_VERSION) {
    throw new UnsupportedVersionError(version, nonce)
  }
  let datagram: Datagram
  try {
    datagram = Datagram.decode(buf.subarray(DATAGRAM_HEADER_BYTES))
  } catch (err) {
    throw new MalformedError(`Datagram body does not decode: ${(err as Error).message}`)
  }
  const kinds = [datagram.login, datagram.accept, datagram.reject, datagram.logout].filter(b => b != null).length
  if (kinds !== 1) {
    throw new MalformedError('Datagram has no body')
  }
  if (datagram.login != null && buf.length < LOGIN_DATAGRAM_BYTES) {
    throw new UnpaddedLoginError()
  }
  return { version, nonce, datagram }
}

/** The exact bytes a LOGOUT signature covers. */
export function logoutSigningBytes (claim: LogoutClaim): Uint8Array {
  const body = LogoutClaim.encode(claim)
  const out = new Uint8Array(LOGOUT_DOMAIN.length + body.length)
  out.set(LOGOUT_DOMAIN, 0)
  out.set(body, LOGOUT_DOMAIN.length)
  return out
}
