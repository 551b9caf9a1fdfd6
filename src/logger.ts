// Structured one-line JSON logs. Never log the bot token or personal data
// beyond Telegram ids: callers pass ids, not names or texts.

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type LoggerOptions = {
  /**
   * strings never written (the bot token, the webhook secret): also their
   * URL-encoded form and, for a bot token, its secret part after the colon
   */
  secrets?: string[];
  write?: (line: string) => void;
  base?: LogFields;
};

export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const redact = redactor(options.secrets ?? []);
  return build(level, write, redact, options.base ?? {});
}

function build(level: LogLevel, write: (line: string) => void, redact: (line: string) => string, base: LogFields): Logger {
  const log = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (rank[lvl] < rank[level]) return;
    const entry = { t: new Date().toISOString(), level: lvl, msg, ...base, ...fields };
    let line: string;
    try {
      line = JSON.stringify(entry, serialize);
    } catch (error) {
      line = JSON.stringify({ t: entry.t, level: lvl, msg, log_error: String(error) });
    }
    write(redact(line));
  };
  return {
    debug: (m, f) => log("debug", m, f),
    info: (m, f) => log("info", m, f),
    warn: (m, f) => log("warn", m, f),
    error: (m, f) => log("error", m, f),
    child: (fields) => build(level, write, redact, { ...base, ...fields }),
  };
}

function serialize(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) {
    // Only what identifies the error: not grammY's `payload` (message texts)
    // nor Prisma's `meta`, which may carry what members wrote.
    const code = (value as { code?: unknown; error_code?: unknown }).error_code ?? (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code !== undefined ? { code } : {}), stack: value.stack };
  }
  return value;
}

function redactor(secrets: string[]): (line: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    const botSecret = /^\d+:(.{20,})$/.exec(secret)?.[1];
    if (botSecret) forms.add(botSecret);
  }
  // longest first, so a token is replaced whole before its secret part
  const list = [...forms].sort((a, b) => b.length - a.length);
  return (line) => list.reduce((acc, s) => (acc.includes(s) ? acc.split(s).join("[redacted]") : acc), line);
}
