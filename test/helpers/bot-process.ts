import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

// The real entry point, exactly as `npm start` runs it, as a child process.
// The start script builds the bundle and then `exec`s node on it, so the
// child's pid is the bot's own and SIGKILL reaches the bot.

const root = join(import.meta.dirname, "..", "..");

/**
 * `npm start`'s command from package.json, its relative paths made absolute so
 * that it runs from another working directory (a test's own .env and data/).
 */
export const START_COMMAND = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start
  .split(" ")
  .map((word) => (/^[\w-]+\/[\w./-]+$/.test(word) && existsSync(join(root, word.split("/")[0]!)) ? join(root, word) : word))
  .join(" ");

/** Spawns `npm start`'s command in `cwd`. */
export function spawnStart(env: Record<string, string>, cwd: string, stdout: "ignore" | "pipe" | "inherit" = "ignore"): ChildProcess {
  return spawn("/bin/sh", ["-c", START_COMMAND], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", stdout, "pipe"],
  });
}

export type BotProcess = { child: ChildProcess; stderr: () => string; exited: Promise<number | null> };

export function startBotProcess(env: Record<string, string>, cwd: string): BotProcess {
  const child = spawnStart(env, cwd);
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
