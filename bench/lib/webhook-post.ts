import { Agent, request } from "node:http";
import { createServer } from "node:net";
import type { Update } from "grammy/types";

// Telegram's side of webhook mode, for a benchmark or a test: each update is
// posted to one instance's webhook URL (a load balancer spreading them), over
// up to `concurrency` connections per instance, each connection posting its
// next update once the last one was answered (as Telegram does, up to its
// max_connections). Some updates are delivered again to another instance, as
// Telegram re-delivers one whose request timed out or whose 200 was lost.

export type WebhookTarget = { url: string; secret: string };

export type Delivery = {
  update: Update;
  /** the instance it goes to */
  to: number;
  /** a re-delivery of an update posted elsewhere too */
  again: boolean;
};

export type PostOutcome = {
  /** requests made, re-deliveries among them */
  posted: number;
  redelivered: number;
  /** the update ids posted twice */
  redeliveredIds: number[];
  /** status of every request by status code (200 expected) */
  statuses: Map<number, number>;
  /** requests that failed below HTTP (connection refused, reset) */
  failed: number;
};

/**
 * Which instance each update goes to, in turn, and the re-deliveries: every
 * `redeliverEvery`-th update (0: none) also to the next instance (with one
 * instance, to itself). Half of those come in while the first copy is being handled (a
 * timed-out request retried at once: the two race), half once its first copy
 * was answered (a 200 Telegram never got).
 */
export function plan(updates: Update[], instances: number, redeliverEvery = 20): { first: Delivery[][]; late: Map<number, number> } {
  const first: Delivery[][] = Array.from({ length: instances }, () => []);
  const late = new Map<number, number>(); // update_id → the instance its second copy goes to
  updates.forEach((update, i) => {
    const to = i % instances;
    first[to]!.push({ update, to, again: false });
    if (redeliverEvery === 0 || i % redeliverEvery !== redeliverEvery / 2) return;
    const other = (to + 1) % instances;
    if (Math.floor(i / redeliverEvery) % 2 === 0) first[other]!.push({ update, to: other, again: true });
    else late.set(update.update_id, other);
  });
  return { first, late };
}

/** Posts every update as `plan` says; `onFirstPost` is called as each update's first copy goes out. */
export async function postUpdates(
  targets: WebhookTarget[],
  updates: Update[],
  options: { concurrency: number; redeliverEvery?: number; onFirstPost?: (update: Update) => void },
): Promise<PostOutcome> {
  const { first, late } = plan(updates, targets.length, options.redeliverEvery);
  const agents = targets.map(() => new Agent({ keepAlive: true, maxSockets: options.concurrency }));
  const outcome: PostOutcome = { posted: 0, redelivered: 0, redeliveredIds: [], statuses: new Map(), failed: 0 };
  const seen = new Set<number>();
  const lateOnes: Promise<void>[] = [];

  const deliver = async (d: Delivery): Promise<void> => {
    if (!seen.has(d.update.update_id)) {
      seen.add(d.update.update_id);
      options.onFirstPost?.(d.update);
    }
    outcome.posted++;
    if (d.again) {
      outcome.redelivered++;
      outcome.redeliveredIds.push(d.update.update_id);
    }
    const status = await postOne(agents[d.to]!, targets[d.to]!, d.update).catch(() => undefined);
    if (status === undefined) outcome.failed++;
    else outcome.statuses.set(status, (outcome.statuses.get(status) ?? 0) + 1);
    const lateTo = d.again ? undefined : late.get(d.update.update_id);
    if (lateTo !== undefined) lateOnes.push(deliver({ update: d.update, to: lateTo, again: true }));
  };

  try {
    await Promise.all(
      first.map(async (queue) => {
        let next = 0;
        const connection = async () => {
          while (next < queue.length) await deliver(queue[next++]!);
        };
        await Promise.all(Array.from({ length: options.concurrency }, connection));
      }),
    );
    // a late copy may itself be followed by none: one round is all
    await Promise.all(lateOnes);
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return outcome;
}

function postOne(agent: Agent, target: WebhookTarget, update: Update): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve, reject) => {
    const req = request(
      target.url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-telegram-bot-api-secret-token": target.secret },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A port nobody listens on now (for a child process to take). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits until GET `url` answers 200. */
export async function waitFor200(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`no 200 from ${url} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
