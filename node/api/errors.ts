/**
 * Errors of the local HTTP API and how every failure becomes the one JSON
 * error shape `{"error":{"code":"...","message":"..."}}`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { API_BODY_LIMIT_BYTES, API_HOST } from './constants.js'

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: string, message: string }
}

/** Thrown by listenApi when the API port is taken and falling back to another port was not allowed. */
export class ApiPortInUseError extends Error {
  static name = 'ApiPortInUseError'
  name = 'ApiPortInUseError'
  readonly port: number
  constructor (port: number, message = `the API port ${port} on ${API_HOST} is already in use; pass --api-port N or --api-port 0`) {
    super(message)
    this.port = port
  }
}

export function errorBody (code: string, message: string): ErrorBody {
  return { error: { code, message } }
}

/** An ApiError from node/types.ts, matched by name so copies of the class across module graphs still count. */
function isApiError (err: unknown): err is Error & { status: number, code: string } {
  return err instanceof Error && err.name === 'ApiError' &&
    typeof (err as { status?: unknown }).status === 'number' &&
    typeof (err as { code?: unknown }).code === 'string'
}

/**
 * The daemon's domain errors (node/delivery/errors.ts, node/directory/errors.ts,
 * node/groups/errors.ts, node/store/search.ts) as HTTP: the one place where a domain condition gets
 * a status and a code. Matched by the error's name; the message is its own.
 */
export const DOMAIN_ERRORS: Record<string, [number, string]> = {
  UnknownContactError: [404, 'unknown_contact'],
  UnknownMessageError: [404, 'unknown_message'],
  BlockedContactError: [409, 'blocked'],
  VerifiedContactError: [409, 'verified_contact'],
  EmptyMessageError: [400, 'empty_body'],
  SendToSelfError: [400, 'cannot_send_to_self'],
  StatusTextError: [400, 'status_text_too_long'],
  BlockSelfError: [400, 'is_me'],
  SearchQueryError: [400, 'invalid_query'],
  MessageTooLargeError: [413, 'body_too_large'],
  UnknownGroupError: [404, 'unknown_group'],
  AmbiguousGroupError: [409, 'ambiguous_group'],
  NotGroupAdminError: [403, 'not_group_admin'],
  GroupNameError: [400, 'invalid_group_name'],
  GroupTooLargeError: [400, 'group_too_large'],
  GroupMemberError: [400, 'group_member'],
  FixedGroupError: [400, 'fixed_group'],
  StorageFailedError: [507, 'storage_failed'],
  UnknownTransferError: [404, 'unknown_transfer'],
  TransferStateError: [409, 'wrong_state'],
  UnreadablePathError: [400, 'unreadable_path'],
  NothingToSendError: [400, 'nothing_to_send'],
  OfferLimitError: [413, 'offer_too_large']
}

/** fastify's own 4xx conditions, in words a person can read. */
const FASTIFY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too_large', `the request body is larger than ${API_BODY_LIMIT_BYTES / 1024} KiB`],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'the request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', 'the request body is empty but should be a JSON object'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'send the request body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', 'the Content-Length header does not match the body']
}

/**
 * The app's error handler. A caller's mistake keeps its status and says what
 * was wrong; anything else is a 500 whose detail goes to the daemon's log
 * only, so internals never leak to a client.
 */
export function errorHandler (log: (line: string) => void): (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return function handle (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    if (isApiError(err)) {
      void reply.code(err.status).send(errorBody(err.code, err.message))
      return
    }
    const domain = DOMAIN_ERRORS[err.name]
    if (domain != null) {
      void reply.code(domain[0]).send(errorBody(domain[1], err.message))
      return
    }
    if (err.validation != null) {
      void reply.code(400).send(errorBody('invalid_request', `the request is not valid: ${err.message}`))
      return
    }
    const known = FASTIFY_ERRORS[err.code]
    if (known != null) {
      void reply.code(known[0]).send(errorBody(known[1], known[2]))
      return
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      void reply.code(err.statusCode).send(errorBody('bad_request', 'the request could not be understood'))
      return
    }
    log(`lanchat: API ${request.method} ${request.url} failed: ${err.stack ?? String(err)}`)
    void reply.code(500).send(errorBody('internal', 'the daemon could not handle this request; its log has the details'))
  }
}
