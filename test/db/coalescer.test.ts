import { describe, expect, it } from "vitest";
import { Coalescer } from "../../src/db/coalescer";

// Group commit: what is written together, in which order, and what happens
// when a batch fails.

function recorder(options: { failMany?: (inputs: string[]) => boolean; failOne?: (input: string) => boolean; key?: (input: string) => string } = {}) {
  const writes: string[][] = [];
  const coalescer = new Coalescer<string, string>({
    many: async (inputs) => {
      await new Promise((r) => setTimeout(r, 5)); // a round trip: calls made meanwhile wait for the next batch
      if (options.failMany?.(inputs)) throw new Error("batch failed");
      writes.push([...inputs]);
      return inputs.map((i) => `${i}!`);
    },
    one: async (input) => {
      await new Promise((r) => setTimeout(r, 5));
      if (options.failOne?.(input)) throw new Error(`${input} failed`);
      writes.push([input]);
      return `${input}!`;
    },
    key: options.key,
    maxBatch: 3,
  });
  return { writes, coalescer };
}

describe("Coalescer", () => {
  it("writes a lone call at once, and calls made together as batches in arrival order", async () => {
    const { writes, coalescer } = recorder();
    expect(await coalescer.run("a")).toBe("a!");
    const results = await Promise.all(["b", "c", "d", "e", "f"].map((x) => coalescer.run(x)));
    expect(results).toEqual(["b!", "c!", "d!", "e!", "f!"]);
    expect(writes).toEqual([["a"], ["b", "c", "d"], ["e", "f"]]);
  });

  it("gathers the calls made while a batch is being written into the next one", async () => {
    const { writes, coalescer } = recorder();
    const first = coalescer.run("a");
    await new Promise((r) => setTimeout(r, 1)); // "a" is being written
    const later = Promise.all(["b", "c"].map((x) => coalescer.run(x)));
    await Promise.all([first, later]);
    expect(writes).toEqual([["a"], ["b", "c"]]);
  });

  it("never puts two calls of one key in a batch, and keeps their order", async () => {
    const { writes, coalescer } = recorder({ key: (x) => x[0]! });
    await Promise.all(["a1", "a2", "b1", "a3", "c1"].map((x) => coalescer.run(x)));
    expect(writes).toEqual([["a1", "b1", "c1"], ["a2"], ["a3"]]);
  });

  it("writes the calls of a failed batch one by one: only the bad one fails", async () => {
    const { writes, coalescer } = recorder({ failMany: (inputs) => inputs.includes("bad"), failOne: (x) => x === "bad" });
    const results = await Promise.allSettled(["a", "bad", "c"].map((x) => coalescer.run(x)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["a!", "bad failed", "c!"]);
    expect(writes).toEqual([["a"], ["c"]]);
    // and it goes on batching afterwards
    await Promise.all(["d", "e"].map((x) => coalescer.run(x)));
    expect(writes.at(-1)).toEqual(["d", "e"]);
  });
});
