import { describe, expect, it } from "vitest";
import { autoApproval, chosenOption, tally, type Vote } from "../../src/domain/votes";

describe("tally", () => {
  it("counts one vote per eligible member and says how many were left out", () => {
    const votes: Vote[] = [
      { memberId: 1, option: 0 },
      { memberId: 2, option: 0 },
      { memberId: 3, option: 1 },
      { memberId: 4, option: 2 },
      { memberId: null, option: 0 }, // a stranger
      { memberId: 9, option: 0 }, // not (or no longer) in the community
    ];
    expect(tally(votes, new Set([1, 2, 3, 4]))).toEqual({ support: 2, notNeeded: 1, question: 1, leftOut: 2 });
    expect(tally([], new Set())).toEqual({ support: 0, notNeeded: 0, question: 0, leftOut: 0 });
  });

  it("counts a member once, as their last vote, and leaves out answers that are no option", () => {
    expect(tally([{ memberId: 1, option: 0 }, { memberId: 1, option: 1 }], new Set([1]))).toEqual({ support: 0, notNeeded: 1, question: 0, leftOut: 0 });
    expect(tally([{ memberId: 1, option: 7 }], new Set([1]))).toMatchObject({ leftOut: 1, support: 0 });
  });

  it("holds for random votes: counted + left out = votes of distinct people, never more counted than eligible", () => {
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let run = 0; run < 300; run++) {
      const eligible = new Set(Array.from({ length: random(20) }, (_, i) => i + 1));
      const people = Array.from({ length: random(40) }, (_, i) => i + 1); // one vote each
      const votes: Vote[] = people.map((id) => ({ memberId: random(5) === 0 ? null : id, option: random(3) }));
      const t = tally(votes, eligible);
      expect(t.support + t.notNeeded + t.question + t.leftOut).toBe(votes.length);
      expect(t.support + t.notNeeded + t.question).toBeLessThanOrEqual(eligible.size);
      expect(t.leftOut).toBe(votes.filter((v) => v.memberId === null || !eligible.has(v.memberId)).length);
      // the order of the votes doesn't matter
      expect(tally([...votes].reverse(), eligible)).toEqual(t);
    }
  });
});

describe("autoApproval", () => {
  const t = (support: number, notNeeded: number) => ({ support, notNeeded, question: 0, leftOut: 0 });
  it("approves at the threshold and within the objections allowed", () => {
    expect(autoApproval(t(3, 0), { minSupport: 3, maxObject: 0 })).toBe("approve");
    expect(autoApproval(t(2, 0), { minSupport: 3, maxObject: 0 })).toBe("keep");
    expect(autoApproval(t(5, 2), { minSupport: 3, maxObject: 1 })).toBe("keep");
    expect(autoApproval(t(5, 1), { minSupport: 3, maxObject: 1 })).toBe("approve");
  });
  it("leaves it to the organizers when the community has no rule", () => {
    expect(autoApproval(t(100, 0), { minSupport: null, maxObject: 0 })).toBe("keep");
  });
  it("is monotone: more support never turns approve into keep, more objections never turn keep into approve", () => {
    for (let s = 0; s < 8; s++)
      for (let o = 0; o < 5; o++)
        for (const rule of [{ minSupport: 3, maxObject: 1 }, { minSupport: 0, maxObject: 0 }]) {
          if (autoApproval(t(s, o), rule) === "approve") expect(autoApproval(t(s + 1, o), rule)).toBe("approve");
          if (autoApproval(t(s, o), rule) === "keep") expect(autoApproval(t(s, o + 1), rule)).toBe("keep");
        }
  });
});

describe("chosenOption", () => {
  it("reads the chosen option, null for a retraction", () => {
    expect(chosenOption([1])).toBe(1);
    expect(chosenOption([])).toBeNull();
    expect(chosenOption([5])).toBeNull();
  });
});
