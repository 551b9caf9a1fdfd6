// Builders for realistic updates. update_id is left 0: FakeTelegram.pushUpdate
// assigns the next id. Message ids count per chat; the fake renumbers a pushed
// message whose id the chat already used (the bot's messages share the sequence).
import type {
  CallbackQuery, Chat, ChatMemberUpdated, Message, MessageEntity, PhotoSize, Update, User,
} from "grammy/types";
import { memberObject } from "./state";
import { plainMessage, type FakeMessage, type MemberStatus } from "./types";

type PrivateChat = Chat.PrivateChat;
type SupergroupChat = Chat.SupergroupChat;
type GroupChat = Chat.GroupChat;
type ChannelChat = Chat.ChannelChat;

let clock: () => number = Date.now;
/** Message dates come from this clock (milliseconds); pass e.g. a ManualClock's reading. */
export function setUpdateClock(now: () => number): void {
  clock = now;
}
const date = () => Math.floor(clock() / 1000);

let counter = 0;
const next = () => ++counter;
const messageIds = new Map<number, number>();
const nextMessageId = (chatId: number) => {
  const id = (messageIds.get(chatId) ?? 0) + 1;
  messageIds.set(chatId, id);
  return id;
};
const fileId = (prefix: string) => `${prefix}AgIAAxkBAAIB${next().toString(36).padStart(6, "0")}${Math.random().toString(36).slice(2, 12)}`;

/** The bot as my_chat_member updates show it; FakeTelegram replaces it with its own bot user. */
export const DEFAULT_BOT: User = { id: 123456789, is_bot: true, first_name: "Test Bot", username: "test_bot" };

// ---- users and chats ---------------------------------------------------------

export function user(init: Partial<Omit<User, "is_bot">> = {}): User {
  const id = init.id ?? 100_000 + next();
  return { id, is_bot: false, first_name: init.first_name ?? `Tester${id}`, language_code: "en", ...init };
}

export function privateChat(u: User): PrivateChat {
  return {
    id: u.id,
    type: "private",
    first_name: u.first_name,
    ...(u.last_name ? { last_name: u.last_name } : {}),
    ...(u.username ? { username: u.username } : {}),
  };
}

export function supergroup(init: { id?: number; title?: string; username?: string; is_forum?: true } = {}): SupergroupChat {
  const id = init.id ?? -1_000_000_000_000 - next();
  return { type: "supergroup", title: `Group ${-id}`, ...init, id };
}

export function group(init: { id?: number; title?: string } = {}): GroupChat {
  const id = init.id ?? -(4_000_000_000 + next());
  return { type: "group", title: `Group ${-id}`, ...init, id };
}

export function channel(init: { id?: number; title?: string; username?: string } = {}): ChannelChat {
  const id = init.id ?? -1_000_000_000_000 - next();
  return { type: "channel", title: `Channel ${-id}`, ...init, id };
}

// ---- messages ---------------------------------------------------------------------

/** Entities Telegram adds by itself: bot commands (incl. /cmd@bot) at the start or after whitespace. */
export function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const m of text.matchAll(/(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=$|\s)/g)) {
    entities.push({ type: "bot_command", offset: m.index + m[1]!.length, length: m[2]!.length });
  }
  return entities;
}

/** Extra message fields; reply_to_message takes any Message (e.g. `update.message` of an earlier update). */
export type Extra = Partial<Omit<Message, "reply_to_message">> & { reply_to_message?: Message };

function base(from: User, chat: Chat, extra: Extra = {}) {
  return { message_id: nextMessageId(chat.id), from, chat, date: date(), ...extra };
}

type Incoming = NonNullable<Update["message"]>;
const wrap = (message: Message): Update => ({ update_id: 0, message: message as Incoming });

export function textMessage(from: User, chat: Chat, text: string, extra: Extra = {}): Update {
  const entities = commandEntities(text);
  return wrap({ ...base(from, chat), text, ...(entities.length ? { entities } : {}), ...extra } as Message);
}

/** `/start payload`, or `/start@bot payload` with `{ botUsername }`. */
export function command(from: User, chat: Chat, name: string, payload = "", options: { botUsername?: string } = {}): Update {
  const cmd = `/${name}${options.botUsername ? `@${options.botUsername}` : ""}`;
  return textMessage(from, chat, payload ? `${cmd} ${payload}` : cmd);
}

/** A press on a button of `message` (a Message from the fake, e.g. fake.lastMessage(chatId)). */
export function callbackQuery(from: User, message: Message | FakeMessage, data: string): Update {
  const query: CallbackQuery = {
    id: `${BigInt(from.id) * 1000n + BigInt(next())}`,
    from,
    message: plainMessage(message),
    chat_instance: `${BigInt.asUintN(63, BigInt(message.chat.id) * 2654435761n)}`,
    data,
  };
  return { update_id: 0, callback_query: query };
}

export function photoSizes(): PhotoSize[] {
  const unique = next().toString(36);
  return [
    [90, 67, 1_500],
    [320, 240, 18_000],
    [800, 600, 72_000],
    [1280, 960, 150_000],
  ].map(([width, height, file_size], i) => ({
    file_id: fileId("AgAC"),
    file_unique_id: `AQAD${unique}${i}`,
    width: width!,
    height: height!,
    file_size: file_size!,
  }));
}

export function photoMessage(from: User, chat: Chat, options: { caption?: string } = {}): Update {
  return wrap({ ...base(from, chat), photo: photoSizes(), ...(options.caption ? { caption: options.caption } : {}) } as Message);
}

export function documentMessage(from: User, chat: Chat, options: { file_name?: string; mime_type?: string; file_size?: number; caption?: string } = {}): Update {
  const document = {
    file_id: fileId("BQAC"),
    file_unique_id: `AgAD${next().toString(36)}`,
    file_name: options.file_name ?? "file.pdf",
    mime_type: options.mime_type ?? "application/pdf",
    file_size: options.file_size ?? 12_345,
  };
  return wrap({ ...base(from, chat), document, ...(options.caption ? { caption: options.caption } : {}) } as Message);
}

export function sticker(from: User, chat: Chat, options: { emoji?: string } = {}): Update {
  const s = {
    file_id: fileId("CAAC"),
    file_unique_id: `AgAD${next().toString(36)}`,
    type: "regular" as const,
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
    emoji: options.emoji ?? "👍",
    set_name: "TestStickers",
  };
  return wrap({ ...base(from, chat), sticker: s } as Message);
}

export function pollMessage(from: User, chat: Chat, question = "Which day?", options: string[] = ["Mon", "Tue"]): Update {
  const poll = {
    id: `${next()}${Date.now()}`,
    question,
    options: options.map((text, i) => ({ persistent_id: `${i}`, text, voter_count: 0 })),
    total_voter_count: 0,
    is_closed: false,
    is_anonymous: true,
    type: "regular" as const,
    allows_multiple_answers: false,
    allows_revoting: true,
    members_only: false,
  };
  return wrap({ ...base(from, chat), poll } as Message);
}
export const poll = pollMessage;

/** The original message (a Message or the Update that carried it) edited to `text`. */
export function editedMessage(original: Message | Update, text: string): Update {
  const msg = "update_id" in original ? (original.message ?? original.edited_message)! : original;
  const entities = commandEntities(text);
  const { entities: _old, ...rest } = msg;
  return { update_id: 0, edited_message: { ...rest, text, ...(entities.length ? { entities } : {}), edit_date: date() } as NonNullable<Update["edited_message"]> };
}

export function channelPost(chat: ChannelChat, text: string): Update {
  return {
    update_id: 0,
    channel_post: { message_id: nextMessageId(chat.id), sender_chat: chat, chat, date: date(), text },
  };
}

// ---- membership ---------------------------------------------------------------------

function memberUpdate(from: User, chat: Chat, who: User, oldStatus: MemberStatus, newStatus: MemberStatus): ChatMemberUpdated {
  return {
    chat,
    from,
    date: date(),
    old_chat_member: memberObject(oldStatus, who),
    new_chat_member: memberObject(newStatus, who),
  } as ChatMemberUpdated;
}

/** The bot's status changed: added to a group ("left" → "member"), removed, blocked ("member" → "kicked" in private). */
export function myChatMember(from: User, chat: Chat, oldStatus: MemberStatus, newStatus: MemberStatus, bot: User = DEFAULT_BOT): Update {
  return { update_id: 0, my_chat_member: memberUpdate(from, chat, bot, oldStatus, newStatus) };
}

/** Another member's status changed (needs "chat_member" in allowed_updates). */
export function chatMember(from: User, chat: Chat, member: User, oldStatus: MemberStatus, newStatus: MemberStatus): Update {
  return { update_id: 0, chat_member: memberUpdate(from, chat, member, oldStatus, newStatus) };
}
