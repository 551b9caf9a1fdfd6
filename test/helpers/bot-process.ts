import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

// The real entry point, exactly as `npm start` runs it (`node --import tsx
// src/main.ts`), as a child process: one process, so SIGKILL reaches the bot.

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const mainScript = join(import.meta.dirname, "..", "..", "src", "main.ts");

export type BotProcess = { child: ChildProcess; stderr: () => string; exited: Promise<number | null> };

export function startBotProcess(env: Record<string, string>, cwd: string): BotProcess {
  const child = spawn(process.execPath, ["--import", tsxLoader, mainScript], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

/** Polls `check` until it gives a value. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
