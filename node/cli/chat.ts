/**
 * `lanchat chat NAME`: an interactive conversation in the terminal (see
 * chat-session.ts); also works with lines piped to stdin.
 */
import { COMMON_HELP } from './command.js'
import type { Command } from './command.js'
import { ChatSession, CHAT_BACKLOG, CHAT_COMMANDS, TYPING_IDLE_MS } from './chat-session.js'
import { UsageError } from './errors.js'
import { GroupChatSession } from './group-chat-session.js'

export const chat: Command = {
  name: 'chat',
  summary: 'talk with someone interactively',
  json: false,
  options: { group: { type: 'string' } },
  help: `usage: lanchat chat NAME [--profile DIR]
       lanchat chat --group GROUP [--profile DIR]

Opens a conversation with NAME: shows the last ${CHAT_BACKLOG} messages, then new ones as
they arrive, and sends each line you type. You see when NAME is typing and
whether your messages were delivered (✓) and read (✓✓); NAME sees that you
are typing until you send or pause for ${TYPING_IDLE_MS / 1000} s. Messages shown here are
marked read. Leave with /quit or Ctrl-D.

Lines starting with "/" are commands, never sent:
${CHAT_COMMANDS.map(c => `  ${c}`).join('\n')}

With --group, the same in a group (the everyone room, or one of lanchat
groups): posts as they arrive, and how far yours got ("delivered to 3 of 4",
"read by all 4"); typing is not shown in groups yet.

With stdin from a pipe, each line is sent in turn and the chat ends at the
end of the input, once everything is sent.

${COMMON_HELP}`,
  async run (ctx) {
    if (typeof ctx.values.group === 'string') {
      if (ctx.positionals.length > 0) throw new UsageError(`chat --group takes no NAME, but got "${ctx.positionals[0]}"`, 'chat')
      return await new GroupChatSession(ctx.client(), ctx.values.group, ctx.io).run()
    }
    const [peer, extra] = ctx.positionals
    if (peer === undefined) throw new UsageError('chat needs the NAME of the person to talk with', 'chat')
    if (extra !== undefined) throw new UsageError(`chat takes one NAME, but also got "${extra}"`, 'chat')
    return await new ChatSession(ctx.client(), peer, ctx.io).run()
  }
}
