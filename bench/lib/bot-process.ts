import { spawn, type ChildProcess } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnStart } from "../../test/helpers/bot-process";

export type BotProcess = {
  child: ChildProcess;
  stderr: () => string;
  stop: () => Promise<number | null>;
};

/**
 * BENCH_NODE_OPTIONS reaches the bots under test as NODE_OPTIONS; BENCH_CPU_PROFILE=<dir>
 * profiles them (cpu-profile.cjs: node 20 doesn't take --cpu-prof in NODE_OPTIONS).
 */
function profiling(): Record<string, string> {
  const dir = process.env.BENCH_CPU_PROFILE;
  const preload = dir ? `--require ${join(import.meta.dirname, "cpu-profile.cjs")}` : "";
  const options = [process.env.BENCH_NODE_OPTIONS ?? "", preload].join(" ").trim();
  return { ...(options ? { NODE_OPTIONS: options } : {}), ...(dir ? { BENCH_CPU_PROFILE: dir } : {}) };
}

/**
 * Starts the bot exactly as `npm start` does, in a child process. It runs in
 * a scratch working directory so a developer's .env can't change the run.
 */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawnStart({ LOG_LEVEL: "warn", ...profiling(), ...env }, tmpdir(), "inherit");
  return watched(child);
}

/** The join benchmark's ceiling (bench/lib/bare-bot.ts), a child process like the real bot. */
export function startBareBot(env: Record<string, string>): BotProcess {
  const script = join(import.meta.dirname, "bare-bot.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: join(import.meta.dirname, "..", ".."),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...profiling(), ...env },
    stdio: ["ignore", "inherit", "pipe"],
  });
  return watched(child);
}

/** Collects a child's stderr; stop() sends SIGTERM and resolves with its exit code. */
function watched(child: ChildProcess): BotProcess {
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    stderr: () => stderr,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
