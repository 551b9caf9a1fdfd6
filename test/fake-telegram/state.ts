// What the fake Telegram knows: chats, users, messages per chat, files, members.
import type { Chat, ChatMember, Message, Update, User } from "grammy/types";
import { requiredDefaults } from "./spec";
import { badRequest, type FakeMessage, type MemberStatus, type MessageExtras, type SentFile } from "./types";

type Stored = { message: Message; extras: MessageExtras };

export class ChatState {
  readonly chats = new Map<number, Chat>();
  readonly users = new Map<number, User>();
  readonly files = new Map<string, SentFile>();
  private byChat = new Map<number, Map<number, Stored>>();
  private lastId = new Map<number, number>();
  private members = new Map<string, { status: MemberStatus; user?: User }>();
  private fileCounter = 0;

  constructor(
    readonly bot: User,
    private nowSeconds: () => number,
  ) {}

  // ---- chats and users ---------------------------------------------------

  /** A chat id as the bot passed it (number, numeric string or @username). */
  resolveChatId(value: unknown): number {
    if (typeof value === "number") return value;
    const text = String(value);
    if (/^-?\d+$/.test(text)) return Number(text);
    for (const chat of this.chats.values()) {
      if ("username" in chat && chat.username && `@${chat.username}`.toLowerCase() === text.toLowerCase()) return chat.id;
    }
    throw badRequest("chat not found");
  }

  /** A known chat, or a plausible one made up from the id. */
  chat(id: number): Chat {
    const known = this.chats.get(id);
    if (known) return known;
    if (id > 0) {
      const user = this.users.get(id);
      return { id, type: "private", first_name: user?.first_name ?? `User ${id}`, ...(user?.username ? { username: user.username } : {}) };
    }
    if (id <= -1_000_000_000_000) return { id, type: "supergroup", title: `Group ${id}` };
    return { id, type: "group", title: `Group ${id}` };
  }

  user(id: number): User {
    if (id === this.bot.id) return this.bot;
    return this.users.get(id) ?? { id, is_bot: false, first_name: `User ${id}` };
  }

  /** Learns users, chats, files and incoming messages from an update the test pushed. */
  learn(update: Update): void {
    walk(update, (obj) => {
      if (typeof obj.id === "number" && typeof obj.is_bot === "boolean" && typeof obj.first_name === "string") {
        if (obj.id !== this.bot.id) this.users.set(obj.id, obj as unknown as User);
      } else if (typeof obj.id === "number" && ["private", "group", "supergroup", "channel"].includes(obj.type as string)) {
        this.chats.set(obj.id, obj as unknown as Chat);
      } else if (typeof obj.file_id === "string" && typeof obj.file_unique_id === "string" && !this.files.has(obj.file_id)) {
        this.files.set(obj.file_id, { file_id: obj.file_id, file_unique_id: obj.file_unique_id, filename: "file" });
      }
    });
    const incoming = update.message ?? update.channel_post ?? update.business_message;
    if (incoming) {
      const last = this.lastId.get(incoming.chat.id) ?? 0;
      // One message sequence per chat: a pushed message never reuses an id the chat already has.
      if (incoming.message_id <= last) (incoming as { message_id: number }).message_id = last + 1;
      this.lastId.set(incoming.chat.id, incoming.message_id);
      this.chatMessages(incoming.chat.id).set(incoming.message_id, {
        message: structuredClone(incoming),
        extras: { outgoing: false, files: [], deleted: false, pinned: false, edits: 0 },
      });
    }
    const edited = update.edited_message ?? update.edited_channel_post;
    const stored = edited && this.get(edited.chat.id, edited.message_id);
    if (edited && stored) {
      stored.message = structuredClone(edited);
      stored.extras.edits++;
    }
  }

  // ---- messages ----------------------------------------------------------

  private chatMessages(chatId: number): Map<number, Stored> {
    let map = this.byChat.get(chatId);
    if (!map) this.byChat.set(chatId, (map = new Map()));
    return map;
  }

  /** The id the chat's next message will get. */
  nextMessageId(chatId: number): number {
    return (this.lastId.get(chatId) ?? 0) + 1;
  }

  /** Stores a message the bot sent and returns it. */
  addOutgoing(chatId: number, content: Partial<Message>, extras: Partial<MessageExtras>): Stored {
    const id = (this.lastId.get(chatId) ?? 0) + 1;
    this.lastId.set(chatId, id);
    const chat = this.chat(chatId);
    const message = {
      message_id: id,
      ...(chat.type === "channel" ? { sender_chat: chat } : { from: this.bot }),
      chat,
      date: this.nowSeconds(),
      ...content,
    } as Message;
    const stored: Stored = {
      message,
      extras: { outgoing: true, files: [], deleted: false, pinned: false, edits: 0, ...extras },
    };
    this.chatMessages(chatId).set(id, stored);
    return stored;
  }

  get(chatId: number, messageId: number): Stored | undefined {
    return this.byChat.get(chatId)?.get(messageId);
  }

  list(chatId: number): Stored[] {
    return [...(this.byChat.get(chatId)?.values() ?? [])];
  }

  view(stored: Stored): FakeMessage {
    const { files, markup, ...extras } = stored.extras;
    return {
      ...structuredClone(stored.message),
      ...extras,
      markup: structuredClone(markup),
      files: files.map((f) => ({ ...f })), // Buffers stay Buffers
    } as FakeMessage;
  }

  // ---- files ---------------------------------------------------------------

  addFile(filename: string, bytes: Buffer | undefined, mime?: string, kind = "BQAC"): SentFile {
    const n = ++this.fileCounter;
    const file: SentFile = {
      file_id: `${kind}AgIAAxkBAAI${n.toString(36).padStart(4, "0")}${Math.random().toString(36).slice(2, 10)}`,
      file_unique_id: `AgAD${n.toString(36).padStart(4, "0")}`,
      filename,
      ...(bytes ? { bytes } : {}),
      ...(mime ? { mime_type: mime } : {}),
    };
    this.files.set(file.file_id, file);
    return file;
  }

  // ---- members ---------------------------------------------------------------

  setMember(chatId: number, userId: number, status: MemberStatus, user?: User): void {
    this.members.set(`${chatId}:${userId}`, { status, ...(user ? { user } : {}) });
    if (user) this.users.set(user.id, user);
  }

  status(chatId: number, userId: number): MemberStatus {
    const set = this.members.get(`${chatId}:${userId}`);
    if (set) return set.status;
    if (userId === this.bot.id && chatId < 0) return "administrator";
    return "member";
  }

  member(chatId: number, userId: number): ChatMember {
    const status = this.status(chatId, userId);
    const user = this.members.get(`${chatId}:${userId}`)?.user ?? this.user(userId);
    return memberObject(status, user);
  }

  administrators(chatId: number): ChatMember[] {
    const ids = new Set([this.bot.id]);
    for (const key of this.members.keys()) {
      const [chat, user] = key.split(":").map(Number);
      if (chat === chatId) ids.add(user!);
    }
    return [...ids]
      .filter((id) => ["creator", "administrator"].includes(this.status(chatId, id)))
      .map((id) => this.member(chatId, id));
  }
}

export function memberObject(status: MemberStatus, user: User): ChatMember {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator": {
      const rights: Record<string, unknown> = requiredDefaults("ChatMemberAdministrator");
      for (const key of Object.keys(rights)) if (key.startsWith("can_")) rights[key] = true;
      return { ...rights, status, user, can_be_edited: false, is_anonymous: false } as ChatMember;
    }
    case "restricted":
      return { ...requiredDefaults("ChatMemberRestricted"), status, user, is_member: true, until_date: 0 } as ChatMember;
    case "kicked":
      return { status, user, until_date: 0 };
    default:
      return { status, user };
  }
}

function walk(value: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === "object") {
    visit(value as Record<string, unknown>);
    for (const v of Object.values(value)) walk(v, visit);
  }
}
