import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..", "..");
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export type BotProcess = {
  child: ChildProcess;
  startedAt: number;
  stderr: () => string;
  stop: () => Promise<number | null>;
};

/** Starts a bot exactly as `npm start` does (or another entry script) in a child process. */
export function startBotProcess(env: Record<string, string>, entry = join(root, "src", "main.ts")): BotProcess {
  const startedAt = performance.now();
  const child = spawn(process.execPath, ["--import", tsxLoader, entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "inherit", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    startedAt,
    stderr: () => stderr,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
