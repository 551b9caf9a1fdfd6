// sendDocument, sendPhoto, sendMediaGroup, editMessageMedia: uploads are kept with their bytes.
import type { Message, PhotoSize } from "grammy/types";
import { canonical, checkReply, inlineMarkup, publicView, type MethodContext, type Params } from "./context";
import { ApiError, badRequest, UploadedFile, type SentFile } from "./types";
import { checkReplyMarkup, formatText } from "./validate";

export const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a content and reply markup of the current message";

const MIME: Record<string, string> = {
  csv: "text/csv", txt: "text/plain", json: "application/json", pdf: "application/pdf", html: "text/html",
  png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp",
  zip: "application/zip", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  mp4: "video/mp4", mp3: "audio/mpeg", ogg: "audio/ogg",
};
const mimeOf = (name: string) => MIME[/\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? ""] ?? "application/octet-stream";

const isImage = (b: Buffer) =>
  (b[0] === 0xff && b[1] === 0xd8) || // JPEG
  b.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) || // PNG
  b.subarray(0, 3).toString("latin1") === "GIF" ||
  (b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP") ||
  b.subarray(0, 2).toString("latin1") === "BM";

/** An InputFile parameter: an upload, a known file_id or an HTTP URL. */
function input(ctx: MethodContext, value: unknown, kind: "document" | "photo" | "media"): SentFile {
  if (value instanceof UploadedFile) {
    if (value.bytes.length === 0) throw badRequest("file must be non-empty");
    if (value.bytes.length > 50 * 1024 * 1024) throw new ApiError(413, "Request Entity Too Large");
    if (kind === "photo") {
      if (value.bytes.length > 10 * 1024 * 1024) throw badRequest("PHOTO_INVALID_DIMENSIONS");
      if (ctx.strict && !isImage(value.bytes)) throw badRequest("IMAGE_PROCESS_FAILED");
    }
    return ctx.state.addFile(value.filename, value.bytes, mimeOf(value.filename), kind === "photo" ? "AgAC" : "BQAC");
  }
  const text = String(value);
  const known = ctx.state.files.get(text);
  if (known) return known;
  if (/^https?:\/\/\S+$/i.test(text)) {
    return ctx.state.addFile(decodeURIComponent(text.split(/[?#]/)[0]!.split("/").pop() || "file"), undefined);
  }
  throw badRequest("wrong file identifier/HTTP URL specified");
}

function photoSizes(ctx: MethodContext, file: SentFile): PhotoSize[] {
  const size = file.bytes?.length ?? 50_000;
  const dims: [number, number, number][] = [[90, 67, 0.03], [320, 240, 0.25], [800, 600, 1]];
  return dims.map(([width, height, share], i) => {
    const f = i === dims.length - 1 ? file : ctx.state.addFile(file.filename, file.bytes, file.mime_type, "AgAC");
    return { file_id: f.file_id, file_unique_id: f.file_unique_id, width, height, file_size: Math.max(1, Math.round(size * share)) };
  });
}

const documentOf = (f: SentFile) => ({
  file_id: f.file_id,
  file_unique_id: f.file_unique_id,
  file_name: f.filename,
  mime_type: f.mime_type ?? mimeOf(f.filename),
  ...(f.bytes ? { file_size: f.bytes.length } : {}),
});

function caption(ctx: MethodContext, p: Params) {
  if (p.caption === undefined) return { content: {}, source: undefined };
  const f = formatText(String(p.caption), p.parse_mode, p.caption_entities, "caption", ctx.strict);
  const content = { ...(f.text ? { caption: f.text } : {}), ...(f.entities.length ? { caption_entities: f.entities } : {}) };
  return { content, source: String(p.caption) };
}

function sendFile(ctx: MethodContext, p: Params, kind: "document" | "photo"): Message {
  const chatId = ctx.state.resolveChatId(p.chat_id);
  const file = input(ctx, p[kind], kind);
  const { content, source } = caption(ctx, p);
  checkReplyMarkup(p.reply_markup, ctx.strict, chatId);
  checkReply(ctx, chatId, p);
  ctx.gate(chatId);
  const markup = inlineMarkup(p.reply_markup);
  const stored = ctx.state.addOutgoing(
    chatId,
    {
      ...(kind === "document" ? { document: documentOf(file) } : { photo: photoSizes(ctx, file) }),
      ...content,
      ...(markup ? { reply_markup: markup } : {}),
    } as Partial<Message>,
    { source, parse_mode: p.parse_mode as string | undefined, markup: p.reply_markup, files: [file] },
  );
  return publicView(stored);
}

export const sendDocument = (ctx: MethodContext, p: Params) => sendFile(ctx, p, "document");
export const sendPhoto = (ctx: MethodContext, p: Params) => sendFile(ctx, p, "photo");

let mediaGroups = 13_000_000_000_000_000;

export function sendMediaGroup(ctx: MethodContext, p: Params): Message[] {
  const chatId = ctx.state.resolveChatId(p.chat_id);
  const media = p.media as Params[];
  if (media.length < 2 || media.length > 10) throw badRequest("wrong number of media in the album: 2-10 items are allowed");
  const kinds = new Set(media.map((m) => String(m.type)));
  for (const solo of ["document", "audio"]) {
    if (kinds.has(solo) && kinds.size > 1) throw badRequest(`${solo} can't be mixed with other media types`);
  }
  const prepared = media.map((m) => {
    const type = String(m.type);
    if (!["photo", "video", "document", "audio"].includes(type)) throw badRequest(`unsupported media type "${type}" in the album`);
    const file = input(ctx, m.media, type === "photo" ? "photo" : "media");
    const { content, source } = caption(ctx, m);
    const attachment =
      type === "photo"
        ? { photo: photoSizes(ctx, file) }
        : type === "document"
          ? { document: documentOf(file) }
          : { [type]: { ...documentOf(file), duration: 0, ...(type === "video" ? { width: 640, height: 360 } : {}) } };
    return { content: { ...attachment, ...content }, source, parseMode: m.parse_mode as string | undefined, file };
  });
  checkReply(ctx, chatId, p);
  ctx.gate(chatId, media.length);
  const media_group_id = String(++mediaGroups);
  return prepared.map((m) =>
    publicView(
      ctx.state.addOutgoing(chatId, { media_group_id, ...m.content } as Partial<Message>, {
        source: m.source,
        parse_mode: m.parseMode,
        files: [m.file],
      }),
    ),
  );
}

const MEDIA_FIELDS = ["text", "entities", "link_preview_options", "photo", "video", "animation", "audio", "document", "caption", "caption_entities"];
const EDITABLE_TYPES = new Set(["photo", "video", "animation", "audio", "document", "live_photo"]);

/**
 * editMessageMedia as the Bot API (10.1) describes it: replaces a message's
 * media and its caption (the InputMedia's: left out, the caption goes), or a
 * text message's text with a media; in an album, a document only by a
 * document and an audio by an audio, photos and videos otherwise. An inline
 * message can't take an upload. The same file and caption again is "not
 * modified".
 */
export function editMessageMedia(ctx: MethodContext, p: Params): unknown {
  const media = p.media as Params;
  const type = String(media.type);
  if (!EDITABLE_TYPES.has(type)) throw badRequest(`unsupported media type "${type}"`);
  checkReplyMarkup(p.reply_markup, ctx.strict, p.chat_id !== undefined ? ctx.state.resolveChatId(p.chat_id) : undefined);
  if (p.inline_message_id !== undefined) {
    if (media.media instanceof UploadedFile) throw badRequest("can't upload a new file to an inline message");
    return true; // inline messages are not tracked
  }
  if (p.chat_id === undefined) throw badRequest("chat_id is empty");
  if (p.message_id === undefined) throw badRequest("message identifier is not specified");
  const chatId = ctx.state.resolveChatId(p.chat_id);
  const stored = ctx.state.get(chatId, Number(p.message_id));
  if (!stored || stored.extras.deleted) throw badRequest("message to edit not found");
  if (!stored.extras.outgoing) throw badRequest("message can't be edited");
  const msg = stored.message as unknown as Record<string, unknown>;
  if (msg.media_group_id !== undefined) {
    const was = msg.document ? "document" : msg.audio ? "audio" : "visual";
    const now = type === "document" || type === "audio" ? type : "visual";
    if (was !== now) throw badRequest("can't change the media type of a message in an album");
  }
  const before = stored.extras.files[0];
  const file = input(ctx, type === "live_photo" ? media.photo : media.media, type === "photo" || type === "live_photo" ? "photo" : "media");
  const { content, source } = caption(ctx, media) as { content: { caption?: string; caption_entities?: unknown[] }; source?: string };
  const markup = inlineMarkup(p.reply_markup);
  const sameFile = before !== undefined && !(media.media instanceof UploadedFile) && before.file_id === file.file_id;
  if (
    sameFile &&
    (content.caption ?? "") === (msg.caption ?? "") &&
    canonical(content.caption_entities ?? []) === canonical(msg.caption_entities ?? []) &&
    canonical(markup ?? null) === canonical(msg.reply_markup ?? null)
  ) {
    throw badRequest(NOT_MODIFIED);
  }
  ctx.gate(chatId);
  for (const field of MEDIA_FIELDS) delete msg[field];
  const attachment =
    type === "photo" || type === "live_photo"
      ? { photo: photoSizes(ctx, file) }
      : type === "document"
        ? { document: documentOf(file) }
        : { [type]: { ...documentOf(file), duration: 0, ...(type === "audio" ? {} : { width: 640, height: 360 }) } };
  Object.assign(msg, attachment, content);
  msg.reply_markup = markup;
  stored.extras.files = [file];
  stored.extras.source = source;
  stored.extras.parse_mode = media.parse_mode as string | undefined;
  stored.extras.markup = p.reply_markup;
  stored.extras.edits++;
  msg.edit_date = ctx.nowSeconds();
  return publicView(stored);
}
