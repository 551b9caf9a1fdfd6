import type { Update } from "grammy/types";
import type { FakeTelegram } from "../../test/fake-telegram/server";
import { percentile } from "./stats";

export type BurstOutcome = {
  /** first handout of any burst update → last first answer, ms */
  spanMs: number;
  updatesPerSecond: number;
  /** per callback query: its first handout by getUpdates → its first successful answerCallbackQuery, ms */
  p50Ms: number;
  p99Ms: number;
  /** every handout → answer latency, ms */
  latencies: number[];
  /** callback queries answered successfully exactly once */
  answeredOnce: number;
  /** answerCallbackQuery calls beyond the first for a query (successful or not) */
  extraAnswers: number;
  /** answer texts, by callback query id */
  texts: Map<string, string | undefined>;
};

/**
 * Times a burst of callback queries through a fake Bot API server, from its
 * hooks: when getUpdates hands an update out, and when the answer for its
 * callback query arrives (in webhook mode, when the update is posted to the
 * bot: `posted`). Clocks are this process's (the fake's), so the bot's own
 * clock never enters the figures.
 */
export function watchBurst(fake: FakeTelegram, queryIds: ReadonlySet<string>, hooks: { firstHandout?: () => void; lastAnswer?: () => void } = {}) {
  const handedOut = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const answerCalls = new Map<string, number>();
  const texts = new Map<string, string | undefined>();
  let firstHandout = Infinity;
  let lastAnswer = 0;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));

  const handOut = (updates: Update[]) => {
    const at = performance.now();
    for (const u of updates) {
      const id = u.callback_query?.id;
      if (!id || !queryIds.has(id) || handedOut.has(id)) continue; // a re-delivery keeps its first handout
      handedOut.set(id, at);
      if (firstHandout === Infinity) hooks.firstHandout?.();
      firstHandout = Math.min(firstHandout, at);
    }
  };
  fake.onHandout(handOut);
  fake.onCall((call) => {
    if (call.method !== "answerCallbackQuery") return;
    const at = performance.now();
    const id = String(call.params.callback_query_id);
    if (!queryIds.has(id)) return;
    answerCalls.set(id, (answerCalls.get(id) ?? 0) + 1);
    if (!call.response.ok || answeredAt.has(id)) return;
    answeredAt.set(id, at);
    texts.set(id, typeof call.params.text === "string" ? call.params.text : undefined);
    lastAnswer = Math.max(lastAnswer, at);
    if (answeredAt.size === queryIds.size) {
      hooks.lastAnswer?.();
      finished();
    }
  });

  return {
    /** webhook mode: an update posted to the bot counts as handed out (the fake's getUpdates is not used) */
    posted: (update: Update) => handOut([update]),
    answered: () => answeredAt.size,
    /** resolves when every query was answered; rejects after `timeoutMs` */
    async finished(timeoutMs: number): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`burst not answered within ${timeoutMs} ms: ${answeredAt.size}/${queryIds.size} answered`)), timeoutMs);
      });
      try {
        await Promise.race([done, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    outcome(): BurstOutcome {
      const latencies: number[] = [];
      for (const [id, at] of answeredAt) {
        const out = handedOut.get(id);
        if (out !== undefined) latencies.push(at - out);
      }
      const spanMs = lastAnswer - firstHandout;
      const extraAnswers = [...answerCalls.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
      return {
        spanMs,
        updatesPerSecond: (answeredAt.size / spanMs) * 1000,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        latencies,
        answeredOnce: [...answerCalls.entries()].filter(([id, n]) => n === 1 && answeredAt.has(id)).length,
        extraAnswers,
        texts,
      };
    },
  };
}
