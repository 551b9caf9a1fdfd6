import { spawn, type ChildProcess } from "node:child_process";
import { tmpdir } from "node:os";
import { START_COMMAND, spawnStart } from "../../test/helpers/bot-process";

export type BotProcess = {
  child: ChildProcess;
  stderr: () => string;
  stop: () => Promise<number | null>;
};

/**
 * Starts the bot exactly as `npm start` does, in a child process. It runs in
 * a scratch working directory so a developer's .env can't change the run.
 * BENCH_NODE_ARGS adds flags to the bot's node only (NODE_OPTIONS refuses
 * some), e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
 */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const extra = process.env.BENCH_NODE_ARGS;
  const child = extra
    ? spawn("/bin/sh", ["-c", START_COMMAND.replace(/^exec node /, `exec node ${extra} `)], {
        cwd: tmpdir(),
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "warn", ...env },
        stdio: ["ignore", "inherit", "pipe"],
      })
    : spawnStart({ LOG_LEVEL: "warn", ...env }, tmpdir(), "inherit");
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
