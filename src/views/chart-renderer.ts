import { Worker } from "node:worker_threads";

/**
 * Charts are drawn in a worker thread that exits once no chart was asked for in
 * IDLE_MS. resvg's WASM memory only grows (65 MB after the first chart, ~110 MB
 * after twenty with different text) and is given back only when its thread
 * ends, so a bot that drew a chart at a buy's opening is that much smaller again
 * while it closes buys, and at idle. The next chart pays the thread's start and
 * the WASM compile again (~0.3 s).
 */
export const CHART_WORKER_IDLE_MS = 10_000;

type Pending = { resolve: (png: Buffer) => void; reject: (error: Error) => void };
type Reply = { id: number; png?: Uint8Array; error?: string };

type Thread = { thread: Worker; pending: Map<number, Pending> };

let worker: Thread | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 0;

// Each thread fails only its own charts: one that ends after its successor started leaves the successor's alone.
function startWorker(): Thread {
  const thread = new Worker(new URL("./chart-worker.mjs", import.meta.url)) // beside the bundle too (scripts/build.mjs);
  const pending = new Map<number, Pending>();
  const self: Thread = { thread, pending };
  const failAll = (error: Error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  thread.on("message", ({ id, png, error }: Reply) => {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    if (png) job.resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
    else job.reject(new Error(`chart rendering failed: ${error}`));
    if (pending.size === 0) idle(self);
  });
  thread.on("error", (error) => {
    if (worker === self) worker = undefined;
    failAll(error);
  });
  thread.on("exit", (code) => {
    if (worker === self) worker = undefined;
    failAll(new Error(`the chart thread stopped (exit code ${code})`));
  });
  return self;
}

// An idle thread doesn't keep the process alive, and ends after IDLE_MS.
function idle(self: Thread) {
  self.thread.unref();
  idleTimer = setTimeout(() => {
    if (worker === self) worker = undefined;
    void self.thread.terminate();
  }, CHART_WORKER_IDLE_MS);
  idleTimer.unref();
}

/** Whether the chart thread is up (tests: it ends when idle). */
export function chartThreadRunning(): boolean {
  return worker !== undefined;
}

/** The SVG as a PNG, drawn with the given font buffers only (no system fonts). */
export function renderSvgToPng(svg: string, fonts: Buffer[], family: string): Promise<Buffer> {
  clearTimeout(idleTimer);
  const self = (worker ??= startWorker());
  self.thread.ref();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    self.pending.set(id, { resolve, reject });
    self.thread.postMessage({ id, svg, fonts, family });
  });
}
