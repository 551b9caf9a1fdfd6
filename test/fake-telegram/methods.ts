// The Bot API methods the fake serves (getUpdates and webhooks live in server.ts).
import type { BotCommand, Message } from "grammy/types";
import { canonical, checkReply, inlineMarkup, publicView, repliedTo, type MethodContext, type Params } from "./context";
import { editMessageMedia, NOT_MODIFIED, sendDocument, sendMediaGroup, sendPhoto } from "./media";
import { sendPoll, stopPoll } from "./polls";
import { requiredDefaults } from "./spec";
import { badRequest } from "./types";
import { checkCommands, checkReplyMarkup, formatText, type Formatted } from "./validate";

type Handler = (ctx: MethodContext, p: Params) => unknown;

const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
  "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);

function target(ctx: MethodContext, p: Params, action: string) {
  if (p.chat_id === undefined) throw badRequest("chat_id is empty");
  if (p.message_id === undefined) throw badRequest("message identifier is not specified");
  const chatId = ctx.state.resolveChatId(p.chat_id);
  const stored = ctx.state.get(chatId, Number(p.message_id));
  if (!stored || stored.extras.deleted) throw badRequest(`message to ${action} not found`);
  return { chatId, stored };
}

function edit(ctx: MethodContext, p: Params, field: "text" | "caption" | "markup"): unknown {
  if (field === "text" && p.text === undefined && p.rich_message === undefined) throw badRequest("message text is empty");
  checkReplyMarkup(p.reply_markup, ctx.strict, p.chat_id !== undefined ? ctx.state.resolveChatId(p.chat_id) : undefined);
  if (p.inline_message_id !== undefined) return true; // inline messages are not tracked
  const { chatId, stored } = target(ctx, p, "edit");
  if (!stored.extras.outgoing) throw badRequest("message can't be edited");
  const msg = stored.message as unknown as Record<string, unknown>;
  const markup = inlineMarkup(p.reply_markup);
  let formatted: Formatted | undefined;
  if (field === "text") {
    if (msg.text === undefined) throw badRequest("there is no text in the message to edit");
    formatted = formatText(String(p.text ?? ""), p.parse_mode, p.entities, "text", ctx.strict);
  } else if (field === "caption") {
    if (msg.text !== undefined) throw badRequest("there is no caption in the message to edit");
    formatted = formatText(String(p.caption ?? ""), p.parse_mode, p.caption_entities, "caption", ctx.strict);
  }
  const entitiesKey = field === "text" ? "entities" : "caption_entities";
  const sameContent =
    !formatted ||
    (formatted.text === (msg[field] ?? "") && canonical(formatted.entities) === canonical(msg[entitiesKey] ?? []));
  if (sameContent && canonical(markup ?? null) === canonical(msg.reply_markup ?? null)) throw badRequest(NOT_MODIFIED);
  ctx.gate(chatId);
  if (formatted && field !== "markup") {
    msg[field] = formatted.text || undefined;
    msg[entitiesKey] = formatted.entities.length ? formatted.entities : undefined;
    stored.extras.source = String(p[field] ?? "");
    stored.extras.parse_mode = p.parse_mode as string | undefined;
  }
  msg.reply_markup = markup;
  stored.extras.markup = p.reply_markup;
  stored.extras.edits++;
  msg.edit_date = ctx.nowSeconds();
  return publicView(stored);
}

const scopeKey = (p: Params) => `${canonical(p.scope ?? { type: "default" })}|${String(p.language_code ?? "")}`;

const SCOPE_TYPES = new Set(["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"]);

/**
 * A command scope as Telegram checks it (TDLib's get_bot_command_scope): a
 * chat the bot knows (a group it heard from, or a user it has seen), a user it
 * has seen for chat_member; chat_member and chat_administrators only in
 * groups, no channels. (Telegram doesn't check that the user is in the group.)
 */
function checkScope(ctx: MethodContext, p: Params): void {
  const scope = (p.scope ?? { type: "default" }) as { type?: unknown; chat_id?: unknown; user_id?: unknown };
  if (typeof scope.type !== "string" || !SCOPE_TYPES.has(scope.type)) throw badRequest("unsupported bot command scope type");
  if (!["chat", "chat_administrators", "chat_member"].includes(scope.type)) return;
  if (scope.chat_id === undefined) throw badRequest("chat_id is empty");
  if (scope.type === "chat_member") {
    if (typeof scope.user_id !== "number") throw badRequest("user_id is empty");
    if (!ctx.state.users.has(scope.user_id)) throw badRequest("user not found");
  }
  const chatId = ctx.state.resolveChatId(scope.chat_id);
  const known = ctx.state.chats.get(chatId);
  if (!known && !(chatId > 0 && ctx.state.users.has(chatId))) throw badRequest("chat not found");
  const type = known?.type ?? "private";
  if (type === "channel") throw badRequest("can't change commands in channel chats");
  if (type === "private" && scope.type !== "chat") throw badRequest("can't use specified scope in private chats");
}

export const handlers: Record<string, Handler> = {
  getMe: (ctx) => ctx.botInfo,

  sendMessage(ctx, p) {
    const chatId = ctx.state.resolveChatId(p.chat_id);
    const formatted = formatText(String(p.text), p.parse_mode, p.entities, "text", ctx.strict);
    checkReplyMarkup(p.reply_markup, ctx.strict, chatId);
    checkReply(ctx, chatId, p);
    ctx.gate(chatId);
    const markup = inlineMarkup(p.reply_markup);
    const stored = ctx.state.addOutgoing(
      chatId,
      {
        text: formatted.text,
        ...repliedTo(ctx, chatId, p),
        ...(formatted.entities.length ? { entities: formatted.entities } : {}),
        ...(markup ? { reply_markup: markup } : {}),
        ...(p.link_preview_options ? { link_preview_options: p.link_preview_options as Message["link_preview_options"] } : {}),
      },
      { source: String(p.text), parse_mode: p.parse_mode as string | undefined, markup: p.reply_markup },
    );
    return publicView(stored);
  },

  editMessageText: (ctx, p) => edit(ctx, p, "text"),
  editMessageCaption: (ctx, p) => edit(ctx, p, "caption"),
  editMessageReplyMarkup: (ctx, p) => edit(ctx, p, "markup"),
  editMessageMedia,

  deleteMessage(ctx, p) {
    const { stored } = target(ctx, p, "delete");
    stored.extras.deleted = true;
    return true;
  },

  deleteMessages(ctx, p) {
    const chatId = ctx.state.resolveChatId(p.chat_id);
    const ids = p.message_ids as number[];
    if (ids.length < 1 || ids.length > 100) throw badRequest("message_ids must contain 1-100 identifiers");
    for (const id of ids) {
      const stored = ctx.state.get(chatId, id);
      if (stored) stored.extras.deleted = true;
    }
    return true;
  },

  answerCallbackQuery(ctx, p) {
    const query = ctx.callbackQueries.get(String(p.callback_query_id));
    if (!query || query.answer) {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    if (typeof p.text === "string" && p.text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    query.answer = p;
    return true;
  },

  setMyCommands(ctx, p) {
    checkCommands(p.commands);
    checkScope(ctx, p);
    ctx.commands.set(scopeKey(p), p.commands as BotCommand[]);
    return true;
  },
  deleteMyCommands(ctx, p) {
    checkScope(ctx, p);
    ctx.commands.delete(scopeKey(p));
    return true;
  },
  getMyCommands(ctx, p) {
    checkScope(ctx, p);
    return ctx.commands.get(scopeKey(p)) ?? [];
  },

  sendDocument,
  sendPhoto,
  sendPoll,
  stopPoll,
  sendMediaGroup,

  getChat(ctx, p) {
    const chat = ctx.state.chat(ctx.state.resolveChatId(p.chat_id));
    return { ...requiredDefaults("ChatFullInfo"), max_reaction_count: 11, ...chat };
  },

  getChatMember(ctx, p) {
    const chatId = ctx.state.resolveChatId(p.chat_id);
    const userId = Number(p.user_id);
    if (chatId > 0 && userId !== chatId && userId !== ctx.botInfo.id) throw badRequest("user not found");
    return ctx.state.member(chatId, userId);
  },

  getChatAdministrators(ctx, p) {
    const chatId = ctx.state.resolveChatId(p.chat_id);
    if (chatId > 0) throw badRequest("there are no administrators in the private chat");
    return ctx.state.administrators(chatId);
  },

  pinChatMessage(ctx, p) {
    const { stored } = target(ctx, p, "pin");
    stored.extras.pinned = true;
    return true;
  },

  unpinChatMessage(ctx, p) {
    const chatId = ctx.state.resolveChatId(p.chat_id);
    if (p.message_id !== undefined) {
      const stored = ctx.state.get(chatId, Number(p.message_id));
      if (!stored || stored.extras.deleted) throw badRequest("message to unpin not found");
      stored.extras.pinned = false;
      return true;
    }
    const pinned = ctx.state.list(chatId).filter((s) => s.extras.pinned);
    const last = pinned[pinned.length - 1];
    if (last) last.extras.pinned = false;
    return true;
  },

  unpinAllChatMessages(ctx, p) {
    for (const s of ctx.state.list(ctx.state.resolveChatId(p.chat_id))) s.extras.pinned = false;
    return true;
  },

  getFile(ctx, p) {
    const file = ctx.state.files.get(String(p.file_id));
    if (!file) throw badRequest("invalid file_id");
    const size = file.bytes?.length;
    if (size !== undefined && size > 20 * 1024 * 1024) throw badRequest("file is too big");
    return {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      ...(size !== undefined ? { file_size: size } : {}),
      file_path: filePath(file.file_unique_id, file.filename),
    };
  },

  setChatMenuButton(ctx, p) {
    ctx.menuButtons.set(String(p.chat_id ?? "default"), p.menu_button ?? { type: "default" });
    return true;
  },
  getChatMenuButton: (ctx, p) =>
    ctx.menuButtons.get(String(p.chat_id ?? "default")) ?? ctx.menuButtons.get("default") ?? { type: "commands" },

  sendChatAction(ctx, p) {
    if (!CHAT_ACTIONS.has(String(p.action))) throw badRequest("wrong parameter action in request");
    const chatId = ctx.state.resolveChatId(p.chat_id);
    ctx.gate(chatId, 0);
    ctx.chatActions.push({ chatId, action: String(p.action), beforeMessageId: ctx.state.nextMessageId(chatId) });
    return true;
  },

  leaveChat(ctx, p) {
    const chatId = ctx.state.resolveChatId(p.chat_id);
    if (chatId > 0) throw badRequest("chat member status can't be changed in private chats");
    ctx.state.setMember(chatId, ctx.botInfo.id, "left");
    return true;
  },
};

export function filePath(uniqueId: string, filename: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1] ?? "dat";
  return `documents/file_${uniqueId}.${ext}`;
}
