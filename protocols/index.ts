/**
 * The lanchat wire contract: protocol ids, limits, codecs and errors shared
 * by the index server and the peer daemon.
 */
export * from './constants.js'
export * from './errors.js'
export * from './names.js'
export * from './frames.js'
export * as login from './login/codec.js'
export * as directory from './directory/pb/directory.js'
export * as relay from './relay/pb/relay.js'
export * as chat from './chat/pb/chat.js'
export * as presence from './presence/pb/presence.js'
