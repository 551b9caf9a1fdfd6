// A fake Telegram Bot API server on loopback for driving the real grammY bot.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, CallbackQuery, Poll, Update, User, UserFromGetMe } from "grammy/types";
import { decodeBody, readBody, send } from "./body";
import { canonical, type ChatAction, type MethodContext, type Params } from "./context";
import { Faults, faultError } from "./faults";
import { filePath, handlers } from "./methods";
import { answerPoll, Polls } from "./polls";
import { RATE_LIMITED_METHODS, RateLimiter, TELEGRAM_LIMITS, type RateLimitConfig } from "./rate-limit";
import { methodSpec } from "./spec";
import { ChatState } from "./state";
import { ApiError, plainMessage, type Call, type CallResponse, type FakeMessage, type Fault, type MemberStatus } from "./types";
import { UpdateQueue, updateKind, WEBHOOK_METHODS, type PollParams } from "./update-queue";
import { coerceParams } from "./validate";
import { Waiters } from "./waiters";

export type FakeTelegramOptions = {
  token?: string;
  botUsername?: string;
  botId?: number;
  botName?: string;
  /** enforce Telegram's flood limits on sending methods (429 with retry_after) */
  rateLimits?: boolean | Partial<RateLimitConfig>;
  /** also reject what Telegram tolerates but its docs forbid (bare "&" in HTML, several button actions, non-image photos); default true */
  strict?: boolean;
  /** clock for message dates and rate limits, in milliseconds (default Date.now) */
  now?: () => number;
};

export type MessagesOptions = { includeDeleted?: boolean; includeIncoming?: boolean };

export class FakeTelegram extends Waiters {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly strict: boolean;
  readonly state: ChatState;
  /** every call, in the order answered */
  readonly calls: Call[] = [];
  /** calls answered with an error because Telegram would reject them (not injected faults, 403s or 429s) */
  readonly rejected: Call[] = [];
  /** things Telegram accepts silently but that are probably mistakes (unknown parameters, filtered updates) */
  readonly warnings: string[] = [];
  protected readonly updates: UpdateQueue;
  protected inFlight = 0;
  private server?: Server;
  private limiter?: RateLimiter;
  private faults = new Faults();
  private blocked = new Map<number, string>();
  private readonly ctx: MethodContext;
  private readonly now: () => number;
  private currentMethod = "";
  /** the current call asked for allow_paid_broadcast; `pendingPaid`: its messages the limiter let through */
  private currentPaid = false;
  private pendingPaid = 0;
  /** messages delivered as paid broadcasts (0.1 Star each) */
  paidMessages = 0;
  /** the bot's Stars balance in tenths (one paid message each); unset: never runs out */
  starsBalanceTenths: number | undefined;

  constructor(options: FakeTelegramOptions = {}) {
    super();
    this.token = options.token ?? "123456789:TEST-fake-telegram-token";
    this.strict = options.strict ?? true;
    this.now = options.now ?? Date.now;
    this.botInfo = botUser(this.token, options);
    this.state = new ChatState(this.botInfo, () => Math.floor(this.now() / 1000));
    this.updates = new UpdateQueue((u, reason) => this.warnings.push(`update ${u.update_id} discarded: ${reason}`));
    if (options.rateLimits) {
      const config = { ...TELEGRAM_LIMITS, ...(options.rateLimits === true ? {} : options.rateLimits) };
      this.limiter = new RateLimiter(this.now, config);
    }
    this.ctx = {
      state: this.state,
      strict: this.strict,
      botInfo: this.botInfo,
      gate: (chatId, count = 1) => this.gate(chatId, count),
      callbackQueries: new Map(),
      commands: new Map<string, BotCommand[]>(),
      menuButtons: new Map(),
      chatActions: [],
      nowSeconds: () => Math.floor(this.now() / 1000),
      polls: new Polls(),
      pushPollUpdate: (u) => void this.pushUpdate(u),
    };
  }

  private callListener?: (call: Call) => void;

  /** Benchmarks: hear of every call as it is answered (cheaper than waitFor over a long log). */
  onCall(listener: (call: Call) => void): void {
    this.callListener = listener;
  }

  /** Benchmarks: hear of updates as getUpdates hands them out. */
  onHandout(listener: (updates: Update[]) => void): void {
    this.updates.onHandout = listener;
  }

  // ---- lifecycle ---------------------------------------------------------------

  /** Listens on 127.0.0.1 (random port); returns the apiRoot for grammY's `client.apiRoot`. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    return this.apiRoot;
  }

  get apiRoot(): string {
    if (!this.server) throw new Error("FakeTelegram is not started");
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers a held long poll with no updates, then closes every connection. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.updates.releaseAll();
    await new Promise((resolve) => setImmediate(resolve));
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await closed;
  }

  // ---- test controls ---------------------------------------------------------

  /**
   * Queues an update and learns its users, chats, files and messages. Mutates
   * it like Telegram would: update_id 0 / missing gets the next id, a message id
   * the chat already used is renumbered, my_chat_member shows this bot.
   */
  pushUpdate(update: Update | Omit<Update, "update_id">): Update {
    const u = update as Update;
    const member = u.my_chat_member;
    if (member) {
      const { id, is_bot, first_name, username } = this.botInfo;
      member.old_chat_member.user = member.new_chat_member.user = { id, is_bot, first_name, username };
    }
    const cq = u.callback_query;
    if (cq?.message) cq.message = this.pressedMessage(cq.message);
    this.state.learn(u);
    if (cq) this.ctx.callbackQueries.set(cq.id, {});
    if (member) {
      this.state.setMember(member.chat.id, this.botInfo.id, member.new_chat_member.status as MemberStatus);
      if (member.chat.type === "private") {
        if (member.new_chat_member.status === "kicked") this.blockChat(member.chat.id);
        else this.unblockChat(member.chat.id);
      }
    }
    this.updates.push(u);
    this.changed();
    return u;
  }

  /**
   * A callback query's message as Telegram shows it: the message as it is now
   * (text, reply_markup), whatever copy the test pressed; a deleted one is
   * inaccessible (date 0). A message the fake never saw is left as given.
   */
  private pressedMessage(pressed: NonNullable<CallbackQuery["message"]>): NonNullable<CallbackQuery["message"]> {
    const stored = this.state.get(pressed.chat.id, pressed.message_id);
    if (!stored) return pressed;
    if (stored.extras.deleted) return { chat: stored.message.chat, message_id: stored.message.message_id, date: 0 };
    return plainMessage(this.state.view(stored));
  }

  /**
   * A user answers a poll the bot sent (option_ids [] retracts the answer);
   * queues what Telegram sends: poll_answer (non-anonymous polls), then the
   * poll's new state. Throws when Telegram's app would refuse the answer
   * (closed poll, options not the poll's, a changed vote without revoting).
   */
  answerPoll(voter: User, pollId: string, optionIds: number[]): Update[] {
    return answerPoll(this.ctx, voter, pollId, optionIds).map((u) => this.pushUpdate(u));
  }

  /** A poll the bot sent, as it is now (by its id, or by its message). */
  poll(pollId: string): Poll | undefined {
    const record = this.ctx.polls.byId.get(pollId);
    return record && structuredClone(record.poll);
  }

  /** Updates not yet confirmed by a getUpdates offset. */
  pendingUpdates(): Update[] {
    return this.updates.pending();
  }

  /** The next `times` calls of `method` ("*": any method but getUpdates) get `fault`. */
  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.add(method, fault, times);
  }

  /** Sends to the chat answer 403 (the user blocked the bot). */
  blockChat(chatId: number, description = "Forbidden: bot was blocked by the user"): void {
    this.blocked.set(chatId, description);
  }

  unblockChat(chatId: number): void {
    this.blocked.delete(chatId);
  }

  /** What getChatMember / getChatAdministrators answer (default "member"; the bot is an administrator in groups). */
  setChatMember(chatId: number, userId: number, status: MemberStatus, user?: User): void {
    this.state.setMember(chatId, userId, status, user);
  }

  /** Gives a file id (e.g. from a pushed photo) content that getFile and the file URL serve. */
  setFileContent(fileId: string, bytes: Buffer, filename = "file"): void {
    const known = this.state.files.get(fileId);
    this.state.files.set(fileId, { file_id: fileId, file_unique_id: known?.file_unique_id ?? `U${fileId}`, filename, bytes });
  }

  get tooManyRequestsCount(): number {
    return this.limiter?.tooManyRequests ?? 0;
  }

  /** Stars withdrawn for paid broadcasts: 0.1 a delivered message (exact in tenths: `paidMessages`). */
  get starsSpent(): number {
    return this.paidMessages / 10;
  }

  // ---- inspection ----------------------------------------------------------------

  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The bot's messages in a chat, in order, as they are now. */
  messages(chatId: number, options: MessagesOptions = {}): FakeMessage[] {
    return this.state
      .list(chatId)
      .filter((s) => (options.includeIncoming || s.extras.outgoing) && (options.includeDeleted || !s.extras.deleted))
      .map((s) => this.state.view(s));
  }

  lastMessage(chatId: number): FakeMessage | undefined {
    return this.messages(chatId).at(-1);
  }

  message(chatId: number, messageId: number): FakeMessage | undefined {
    const stored = this.state.get(chatId, messageId);
    return stored && this.state.view(stored);
  }

  /** The answerCallbackQuery parameters for a pushed callback query, if answered. */
  callbackAnswer(callbackQueryId: string): Params | undefined {
    return this.ctx.callbackQueries.get(callbackQueryId)?.answer;
  }

  /**
   * The chat actions shown in a chat ("sending a file…"), in order; each says
   * which message came next (`beforeMessageId`), so a test can check that an
   * action preceded its document.
   */
  chatActions(chatId: number): ChatAction[] {
    return this.ctx.chatActions.filter((a) => a.chatId === chatId);
  }

  /** Commands set by setMyCommands for a scope (default scope) and language. */
  commands(scope: object = { type: "default" }, languageCode = ""): BotCommand[] {
    return this.ctx.commands.get(`${canonical(scope)}|${languageCode}`) ?? [];
  }

  assertNoRejections(options: { ignore?: (call: Call) => boolean } = {}): void {
    const list = this.rejected.filter((c) => !options.ignore?.(c));
    if (list.length === 0) return;
    const lines = list.map((c) => {
      const params = JSON.stringify(c.params);
      return `  #${c.index} ${c.method} → ${c.response.error_code} ${c.response.description}\n      params: ${params.length > 400 ? `${params.slice(0, 400)}…` : params}`;
    });
    throw new Error(`Fake Telegram rejected ${list.length} call(s):\n${lines.join("\n")}`);
  }

  // ---- HTTP ----------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.serveFile(res, file[1]!, file[2]!);
    const match = /^\/bot([^/]*)\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    const spec = match && methodSpec(match[2]!);
    const method = spec?.name ?? match?.[2] ?? url.pathname;
    let params: Params = {};
    this.inFlight++;
    let counted = true;
    const done = (response: CallResponse, validation: boolean) => {
      if (counted) this.inFlight--;
      counted = false;
      const call: Call = { method, params, at, response, index: this.calls.length };
      this.calls.push(call);
      if (validation) this.rejected.push(call);
      this.callListener?.(call);
      this.changed();
      return call;
    };
    const fail = (e: ApiError) => {
      const { error_code, description, parameters } = e;
      done({ ok: false, error_code, description, ...(parameters ? { parameters } : {}) }, e.validation);
      send(res, error_code, { ok: false, error_code, description, ...(parameters ? { parameters } : {}) });
    };
    try {
      if (!match) return fail(new ApiError(404, "Not Found"));
      if (match[1] !== this.token) return fail(new ApiError(401, "Unauthorized"));
      const body = await readBody(req);
      const decoded = decodeBody(req.headers["content-type"], body, url.searchParams);
      params = decoded.params;
      const fault = this.faults.take(method);
      if (fault?.kind === "delay") await new Promise((r) => setTimeout(r, fault.ms));
      if (fault?.kind === "error") return fail(faultError(fault));
      if (fault?.kind === "drop" && !fault.after) {
        done({ ok: false, description: "dropped (injected fault)" }, false);
        return void req.socket.destroy();
      }
      if (!spec) return fail(new ApiError(404, "Not Found"));
      params = coerceParams(spec, decoded.params, decoded.files, (w) => this.warnings.push(w));
      let result: unknown;
      if (method === "getUpdates") {
        this.inFlight--; // a held long poll is not "busy"
        counted = false;
        result = await this.updates.poll(params as PollParams, (cancel) => {
          if (req.socket.destroyed) cancel();
          else res.on("close", cancel);
        });
        if (res.destroyed || res.writableEnded) return void done({ ok: false, description: "closed by the client" }, false);
      } else {
        result = this.dispatch(method, params);
      }
      if (fault?.kind === "drop") {
        done({ ok: false, description: "dropped after being performed (injected fault)" }, false);
        return void req.socket.destroy();
      }
      done({ ok: true, result }, false);
      send(res, 200, { ok: true, result });
    } catch (error) {
      if (error instanceof ApiError) return fail(error);
      const description = `Internal Server Error: fake Telegram failed: ${String(error instanceof Error ? error.stack : error)}`;
      fail(new ApiError(500, description, true));
    }
  }

  private dispatch(method: string, params: Params): unknown {
    if (WEBHOOK_METHODS.has(method)) return this.updates.webhookMethod(method, params);
    const handler = handlers[method];
    if (handler) {
      this.currentMethod = method; // handlers are synchronous; gate() reads it
      this.currentPaid = params.allow_paid_broadcast === true;
      try {
        // Telegram withdraws the Stars from the bot's balance; a balance that can't pay refuses the send
        if (this.currentPaid && this.starsBalanceTenths !== undefined && this.paidMessages >= this.starsBalanceTenths)
          throw new ApiError(400, "Bad Request: not enough Telegram Stars on the bot's balance for a paid broadcast");
        const result = handler(this.ctx, params);
        this.paidMessages += this.pendingPaid; // charged for what was delivered
        return result;
      } finally {
        this.currentMethod = "";
        this.currentPaid = false;
        this.pendingPaid = 0;
      }
    }
    if (methodSpec(method)?.returns.join() === "Boolean") return true;
    throw new ApiError(501, `Not Implemented: the fake Telegram does not serve ${method}`, true);
  }

  private gate(chatId: number, count: number): void {
    const blocked = this.blocked.get(chatId);
    if (blocked) throw new ApiError(403, blocked, false);
    if (chatId < 0) {
      const status = this.state.status(chatId, this.botInfo.id);
      const chat = this.state.chat(chatId);
      const kind = chat.type === "channel" ? "channel chat" : chat.type === "group" ? "group chat" : "supergroup chat";
      if (status === "left") throw new ApiError(403, `Forbidden: bot is not a member of the ${kind}`, false);
      if (status === "kicked") throw new ApiError(403, `Forbidden: bot was kicked from the ${kind}`, false);
    }
    if (count > 0 && this.limiter && RATE_LIMITED_METHODS.has(this.currentMethod)) this.limiter.take(chatId, count, this.currentPaid);
    if (count > 0 && this.currentPaid) this.pendingPaid += count;
  }

  private serveFile(res: ServerResponse, token: string, path: string): void {
    const file = token === this.token ? [...this.state.files.values()].find((f) => filePath(f.file_unique_id, f.filename) === path) : undefined;
    if (!file?.bytes) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    res.writeHead(200, { "content-type": file.mime_type ?? "application/octet-stream", "content-length": file.bytes.length });
    res.end(file.bytes);
  }

  protected isBusy(): boolean {
    return this.inFlight > 0;
  }

  protected hasPendingUpdates(): boolean {
    return this.updates.pending().length > 0;
  }

  protected isConsumed(updateId: number): boolean {
    return this.updates.isConsumed(updateId);
  }

  protected describeState(): string {
    const pending = this.updates.pending().map((u) => `${u.update_id} (${updateKind(u)})`);
    return `${pending.length} update(s) not confirmed [${pending.join(", ")}], ${this.inFlight} request(s) in flight, long poll ${this.updates.holding ? "held" : "not held"}`;
  }
}

function botUser(token: string, options: FakeTelegramOptions): UserFromGetMe {
  const fromToken = Number(token.split(":")[0]);
  return {
    id: options.botId ?? (Number.isSafeInteger(fromToken) && fromToken > 0 ? fromToken : 123456789),
    is_bot: true,
    first_name: options.botName ?? "Test Bot",
    username: options.botUsername ?? "test_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

export { updateKind };
export type { Call, ChatAction, Fault, FakeMessage, MemberStatus };
