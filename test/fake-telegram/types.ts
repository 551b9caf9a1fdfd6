// Shared types of the fake Telegram server.
import type { Message, ResponseParameters } from "grammy/types";

/** A file the bot uploaded (multipart/form-data). */
export class UploadedFile {
  constructor(
    /** the filename from the multipart part */
    readonly filename: string,
    readonly bytes: Buffer,
    readonly contentType: string = "application/octet-stream",
  ) {}
  text(): string {
    return this.bytes.toString("utf8");
  }
  toJSON(): unknown {
    return { filename: this.filename, size: this.bytes.length };
  }
}

/** An error answered to the bot. `validation` errors are what Telegram would reject. */
export class ApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly validation = true,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

export const badRequest = (what: string) => new ApiError(400, `Bad Request: ${what}`);

export type CallResponse = {
  ok: boolean;
  error_code?: number;
  description?: string;
  parameters?: ResponseParameters;
  result?: unknown;
};

export type Call = {
  /** canonical method name, e.g. "sendMessage" (as in the URL if unknown) */
  method: string;
  /** parameters after decoding (JSON / form / multipart); uploaded files are UploadedFile */
  params: Record<string, unknown>;
  /** Date.now() when the request arrived */
  at: number;
  response: CallResponse;
  /** index in `calls` */
  index: number;
};

export type Fault =
  | {
      kind: "error";
      error_code: number;
      description?: string;
      retry_after?: number;
      parameters?: ResponseParameters;
    }
  /** destroys the socket without answering; `after: true` first performs the call (response lost) */
  | { kind: "drop"; after?: boolean }
  | { kind: "delay"; ms: number };

export type MemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

export type SentFile = { file_id: string; file_unique_id: string; filename: string; bytes?: Buffer; mime_type?: string };

/** Fake-only facts kept next to a message (never sent to the bot). */
export type MessageExtras = {
  /** false for messages that came in through pushUpdate */
  outgoing: boolean;
  /** text / caption exactly as the bot sent it (before HTML parsing) */
  source?: string;
  parse_mode?: string;
  /** the reply_markup parameter as sent (any kind; the Message only shows inline keyboards) */
  markup?: unknown;
  /** uploaded document / photo / media with their bytes */
  files: SentFile[];
  deleted: boolean;
  pinned: boolean;
  /** number of successful edits */
  edits: number;
};

/** What a test sees: the current Telegram Message plus fake-only extras. */
export type FakeMessage = Message & MessageExtras;

export const EXTRA_KEYS: readonly (keyof MessageExtras)[] = [
  "outgoing",
  "source",
  "parse_mode",
  "markup",
  "files",
  "deleted",
  "pinned",
  "edits",
];

/** Strips the fake-only extras from a FakeMessage (or passes a Message through). */
export function plainMessage(message: Message | FakeMessage): Message {
  const copy: Record<string, unknown> = { ...message };
  for (const k of EXTRA_KEYS) delete copy[k];
  return copy as unknown as Message;
}
