// The join benchmark's ceiling: a bare grammY bot that only answers each
// callback query — no database, no middleware — polling with grammY's own
// built-in loop (bot.start()). Run as a child process like the real bot:
//   BOT_TOKEN=… TELEGRAM_API_ROOT=… node --import tsx bench/lib/bare-bot.ts
import { Bot } from "grammy";

const token = process.env.BOT_TOKEN;
const apiRoot = process.env.TELEGRAM_API_ROOT;
if (!token || !apiRoot) {
  process.stderr.write("bare-bot: BOT_TOKEN and TELEGRAM_API_ROOT are required\n");
  process.exit(2);
}

const bot = new Bot(token, { client: { apiRoot } });
bot.on("callback_query", (ctx) => ctx.answerCallbackQuery());
bot.catch((error) => process.stderr.write(`bare-bot: ${String(error.error)}\n`));

process.once("SIGTERM", () => void bot.stop().then(() => process.exit(0)));
await bot.start({ allowed_updates: ["callback_query"], drop_pending_updates: false });
