import { describe, expect, it } from "vitest";
import { SendPacer } from "../../src/services/send-pacer";

/** A pacer on a virtual clock: sleeping moves the clock, so nothing really waits. */
function virtualPacer(...settings: [perSecond?: number, perChatIntervalMs?: number]) {
  let clock = 0;
  const pacer = new SendPacer(settings[0], settings[1], () => clock, async (ms) => void (clock += ms));
  return {
    pacer,
    now: () => clock,
    advance: (ms: number) => void (clock += ms),
    /** takes a slot for each chat in turn, spending `workMs` before each (a database write), and returns the slot times */
    async send(chats: number[], workMs = 0): Promise<number[]> {
      const slots: number[] = [];
      for (const chat of chats) {
        clock += workMs;
        const answered = await pacer.take(chat);
        slots.push(clock);
        answered();
      }
      return slots;
    },
  };
}

const chats = (n: number, first = 1) => Array.from({ length: n }, (_, i) => first + i);

/** the most slots that fall in any window of `windowMs` */
function busiestWindow(slots: number[], windowMs = 1000): number {
  let most = 0;
  for (let i = 0, j = 0; j < slots.length; j++) {
    while (slots[j]! - slots[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe("SendPacer", () => {
  it("sends 1,000 messages to different chats at 28 a second, never more than 29 in any second", async () => {
    const v = virtualPacer();
    const slots = await v.send(chats(1000));
    expect(slots[999]! - slots[0]!).toBeCloseTo((999 * 1000) / 28, 0);
    expect(busiestWindow(slots)).toBeLessThanOrEqual(29);
  });

  it("keeps its rate when each send starts late, catching up without breaking the window", async () => {
    const v = virtualPacer();
    // 30 ms of work before each take: with slots 35.7 ms apart, a schedule that
    // slipped by the work would send one every 65.7 ms
    const slots = await v.send(chats(500), 30);
    expect(slots[499]! - slots[0]!).toBeLessThan((499 * 1000) / 27);
    expect(busiestWindow(slots)).toBeLessThanOrEqual(29);
  });

  it("does not burst after an idle spell", async () => {
    const v = virtualPacer();
    await v.send(chats(10));
    v.advance(60_000);
    const slots = await v.send(chats(60, 100));
    expect(busiestWindow(slots)).toBeLessThanOrEqual(29);
    // at most two slots of catch-up go at once
    expect(slots.filter((t) => t === slots[0]).length).toBeLessThanOrEqual(3);
    expect(slots[59]! - slots[0]!).toBeGreaterThan((57 * 1000) / 28);
  });

  it("counts a send from when Telegram answered it, so late arrivals can't crowd a window", async () => {
    const v = virtualPacer();
    const answers: (() => void)[] = [];
    for (const chat of chats(29)) answers.push(await v.pacer.take(chat));
    // the first send was answered only 300 ms after it left: it may have arrived then
    v.advance(300 - v.now());
    answers[0]!();
    for (const answer of answers.slice(1)) answer();
    await v.pacer.take(100);
    expect(v.now()).toBeGreaterThanOrEqual(1300);
  });

  it("sends to one private chat at most once a second", async () => {
    const v = virtualPacer();
    const slots = await v.send([7, 7, 7, 8]);
    expect(slots[1]! - slots[0]!).toBeGreaterThanOrEqual(1000);
    expect(slots[2]! - slots[1]!).toBeGreaterThanOrEqual(1000);
  });

  it("holds a group to 20 messages in any minute, a second apart, and says how long its next would wait", async () => {
    const v = virtualPacer();
    const slots = await v.send(Array.from({ length: 25 }, () => -100123));
    expect(busiestWindow(slots, 60_000)).toBe(20);
    expect(slots[1]! - slots[0]!).toBeGreaterThanOrEqual(1000);
    expect(slots[20]! - slots[0]!).toBeGreaterThanOrEqual(60_000);
    // a private chat is not held by the group's minute
    expect(v.pacer.waitFor(42)).toBe(0);
    expect(v.pacer.waitFor(-100123)).toBeGreaterThan(0);
  });

  it("sends paid broadcasts on their own lane: 900 a second, never more than 950 in any second, each chat still once a second", async () => {
    const v = virtualPacer();
    const paid = async (chat: number) => {
      const answered = await v.pacer.take(chat, false, true);
      answered();
      return v.now();
    };
    const slots: number[] = [];
    for (const chat of chats(3000)) slots.push(await paid(chat));
    expect(slots[2999]! - slots[0]!).toBeCloseTo((2999 * 1000) / 900, 0);
    expect(busiestWindow(slots)).toBeLessThanOrEqual(950);
    // a free send does not queue behind the paid ones, nor a paid one behind free ones
    const before = v.now();
    await v.send([90_001]);
    expect(v.now() - before).toBeLessThan(50);
    const again = [await paid(1), await paid(1)];
    expect(again[1]! - again[0]!).toBeGreaterThan(999.99);
    // a 429 on one lane holds that lane only
    v.pacer.pauseFor(5000, true);
    const free = v.now();
    await v.send([90_002]);
    expect(v.now() - free).toBeLessThan(100);
    expect((await paid(2)) - free).toBeGreaterThanOrEqual(5000);
  });

  it("holds everything back for the time Telegram asks after a 429", async () => {
    const v = virtualPacer();
    await v.send([1]);
    v.pacer.pauseFor(5000);
    const [next] = await v.send([2]);
    expect(next).toBeGreaterThanOrEqual(5000);
  });
});
