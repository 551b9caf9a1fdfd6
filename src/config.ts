import { z } from "zod";
import cron from "node-cron";
import { CRASH_POINTS } from "./bot/crash-point";

// The whole configuration, parsed once at start-up and passed down.
// Every variable is documented in .env.example.

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const isCurrency = (code: string) => {
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return /^[A-Z]{3}$/.test(code);
  } catch {
    return false;
  }
};

// src/domain/money.ts keeps prices as integers of 1/100 and prints 2 decimals,
// so a currency with another minor unit (JPY 0, KWD 3) would show wrong prices.
const hasCents = (code: string) => {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits === 2;
  } catch {
    return false; // not a currency at all: isCurrency has said so
  }
};

// Organizers are people: positive user ids. Negative ids are groups and channels.
const USER_IDS = "should be positive Telegram user ids (not group ids) separated by commas, like 12345,67890";
const userId = z
  .string()
  .regex(/^\d{1,16}$/, USER_IDS)
  .transform(Number)
  .refine((n) => n > 0 && Number.isSafeInteger(n), USER_IDS);

const databaseUrl = z
  .string()
  .trim()
  .refine(
    (url) => {
      if (/^file:.+/.test(url)) return true;
      if (!/^postgres(ql)?:\/\//.test(url)) return false;
      try {
        return new URL(url).hostname.length > 0;
      } catch {
        return false;
      }
    },
    { message: "expected file:<path> for SQLite or postgresql://user@host:port/db" },
  );

const shared = {
  BOT_TOKEN: z
    .string({ message: "is required: the token @BotFather gave you, like 123456789:AAE…" })
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "should look like 123456789:AAE… (the token from @BotFather)"),
  TELEGRAM_API_ROOT: z
    .url({ message: "should be an http(s) URL such as https://api.telegram.org" })
    .default("https://api.telegram.org")
    .transform((url) => url.replace(/\/+$/, "")),
  DATABASE_URL: databaseUrl.default("file:./data/letscoop.db"),
  ORGANIZER_IDS: z
    .string()
    .default("")
    .transform((raw) => raw.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(userId, { message: USER_IDS })),
  DEFAULT_LOCALE: z.enum(["zh", "en"], { message: "should be zh or en" }).default("zh"),
  TIMEZONE: z.string().default("Asia/Shanghai").refine(isTimeZone, "should be an IANA time zone such as Asia/Shanghai"),
  CURRENCY: z
    .string()
    .default("CNY")
    .refine(isCurrency, "should be an ISO 4217 currency code such as CNY")
    .refine(hasCents, "should be a currency with 2 decimals, such as CNY, USD or EUR (prices are kept in hundredths)"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"], { message: "should be debug, info, warn, error or silent" }).default("info"),
  REMINDER_OFFSETS: z
    .string()
    .default("1440,60")
    .transform((raw) => raw.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^\d{1,6}$/).transform(Number).pipe(z.number().int().positive().max(60 * 24 * 30)), { message: "should be minutes before a deadline, like 1440,60" })),
  // when the nightly reconciliation of ledger, orders and statements runs (a node-cron expression, in TIMEZONE)
  RECONCILE_CRON: z
    .string()
    .default("30 3 * * *")
    .refine((expr) => cron.validate(expr), "should be a cron expression such as 30 3 * * * (03:30 every night)"),
  // test-only: kill the process at the n-th time a named crash point is passed (src/bot/crash-point.ts)
  CRASH_AT: z
    .string()
    .regex(/^[a-z][a-z-]{0,63}:[1-9]\d{0,5}$/, "should be <point>:<n>, like after-conversation-write:3 (tests only)")
    .refine((raw) => (CRASH_POINTS as readonly string[]).includes(raw.split(":")[0]!), `should name one of ${CRASH_POINTS.join(", ")}`)
    .transform((raw) => ({ point: raw.split(":")[0]!, occurrence: Number(raw.split(":")[1]) }))
    .optional(),
  // below systemd's 90 s stop timeout, after which it sends SIGKILL
  SHUTDOWN_DEADLINE_SECONDS: z.coerce
    .number({ message: "should be a number of seconds, like 20" })
    .positive("should be a number of seconds above 0, like 20")
    .max(3600, "should be at most 3600 seconds")
    .default(20),
  // the public open-books page's links and Mini App buttons (https for a Mini App); unset: no buttons
  PUBLIC_BASE_URL: z
    .url({ message: "should be the public http(s) URL the web pages are served at, like https://coop.example" })
    .refine((url) => /^https?:\/\//.test(url), "should be an http(s) URL, like https://coop.example")
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  // the web pages' per-IP limit: requests a minute (0: none, e.g. behind a proxy that limits, or for a load test)
  WEB_RATE_LIMIT: z.coerce.number({ message: "should be requests a minute per IP, like 60 (0: no limit)" }).int().min(0).max(1_000_000).default(60),
  // a DFC catalogue URL a member gives may be on this machine's networks (loopback, private, link-local): tests, or a co-op's intranet
  DFC_IMPORT_PRIVATE_URLS: z.enum(["allow", "refuse"], { message: "should be allow or refuse" }).default("refuse"),
};

const port = z.coerce.number({ message: "should be a port number" }).int().min(0).max(65535);
const pollingConfig = z.object({
  ...shared,
  BOT_MODE: z.literal("polling").default("polling"),
  // polling mode: a small server for the web pages, on this port (0: any free port, tests); unset: none
  WEB_PORT: port.optional(),
  HOST: z.string().default("0.0.0.0"),
});
const webhookConfig = z.object({
  ...shared,
  BOT_MODE: z.literal("webhook"),
  WEBHOOK_URL: z.url({ message: "should be the public https URL Telegram posts updates to" }),
  WEBHOOK_SECRET: z
    .string({ message: "is required in webhook mode" })
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "should be 16–256 characters of A-Z, a-z, 0-9, _ and -"),
  // 0: any free port (tests)
  PORT: port.default(8080),
  HOST: z.string().default("0.0.0.0"),
});

const configSchema = z.discriminatedUnion("BOT_MODE", [pollingConfig, webhookConfig], {
  message: "BOT_MODE should be polling or webhook",
});

type RawConfig = z.infer<typeof configSchema>;

export type Config = {
  botToken: string;
  apiRoot: string;
  databaseUrl: string;
  organizerIds: ReadonlySet<number>;
  defaultLocale: "zh" | "en";
  timezone: string;
  currency: string;
  logLevel: RawConfig["LOG_LEVEL"];
  reminderOffsetsMin: number[];
  /** the nightly reconciliation's schedule (node-cron, in `timezone`); default 30 3 * * * */
  reconcileCron?: string;
  /** tests only: SIGKILL the process the n-th time this crash point is passed */
  crashAt?: { point: string; occurrence: number };
  /** a stop that takes longer is given up: exit 1, saying what was left */
  shutdownDeadlineMs: number;
  /** where the web pages are reached from outside (links, Mini App buttons), without a trailing slash */
  publicBaseUrl?: string;
  /** the web pages' requests a minute per client IP; 0: no limit */
  webRateLimitPerMinute: number;
  /** a catalogue URL may reach loopback and private addresses (off: public internet only) */
  importFromPrivateUrls: boolean;
  mode:
    | { kind: "polling"; web?: { port: number; host: string } }
    | { kind: "webhook"; url: string; secret: string; port: number; host: string };
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
    /** the variable was not set at all (or empty), rather than set to something wrong */
    readonly missing = false,
  ) {
    super(`${variable} ${problem}`);
  }
}

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings in .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = configSchema.safeParse({ BOT_MODE: "polling", ...cleaned });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "BOT_MODE");
    throw new ConfigError(variable, issue.message, !(variable in cleaned));
  }
  const raw = result.data;
  return {
    botToken: raw.BOT_TOKEN,
    apiRoot: raw.TELEGRAM_API_ROOT,
    databaseUrl: raw.DATABASE_URL,
    organizerIds: new Set(raw.ORGANIZER_IDS),
    defaultLocale: raw.DEFAULT_LOCALE,
    timezone: raw.TIMEZONE,
    currency: raw.CURRENCY,
    logLevel: raw.LOG_LEVEL,
    reminderOffsetsMin: [...new Set(raw.REMINDER_OFFSETS)].sort((a, b) => b - a),
    reconcileCron: raw.RECONCILE_CRON,
    ...(raw.CRASH_AT ? { crashAt: raw.CRASH_AT } : {}),
    shutdownDeadlineMs: Math.round(raw.SHUTDOWN_DEADLINE_SECONDS * 1000),
    ...(raw.PUBLIC_BASE_URL ? { publicBaseUrl: raw.PUBLIC_BASE_URL } : {}),
    webRateLimitPerMinute: raw.WEB_RATE_LIMIT,
    importFromPrivateUrls: raw.DFC_IMPORT_PRIVATE_URLS === "allow",
    mode:
      raw.BOT_MODE === "webhook"
        ? { kind: "webhook", url: raw.WEBHOOK_URL, secret: raw.WEBHOOK_SECRET, port: raw.PORT, host: raw.HOST }
        : { kind: "polling", ...(raw.WEB_PORT !== undefined ? { web: { port: raw.WEB_PORT, host: raw.HOST } } : {}) },
  };
}
