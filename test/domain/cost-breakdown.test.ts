import { describe, expect, it } from "vitest";
import {
  addToLine,
  balanceOf,
  breakdownRows,
  formatPermille,
  parseCostLine,
  parseCostLines,
  sharesPermille,
  sumFen,
} from "../../src/domain/cost-breakdown";

describe("parseCostLine", () => {
  it.each([
    ["原料 12.50", "原料", 1250],
    ["原料：12.5元", "原料", 1250],
    ["原料:12.5 元", "原料", 1250],
    ["Packaging 1,234.50", "Packaging", 123450],
    ["labour 3", "labour", 300],
    ["原料 １２.５０", "原料", 1250],
    ["原料１２．５", "原料", 1250],
    ["运输 ￥3", "运输", 300],
    ["Transport $3.05", "Transport", 305],
    ["Box 12,50", "Box", 1250],
    ["Packaging - 1.50", "Packaging", 150],
    ["2 号包装 3.00", "2 号包装", 300],
    ["Item 1 2.50", "Item 1", 250],
    ["1. 原料 12.50", "原料", 1250],
    ["• Labour 8", "Labour", 800],
    ["1.5kg bag 3", "1.5kg bag", 300],
    ["推介官佣金 0", "推介官佣金", 0],
    ["  Cold   chain   logistics   2.40  ", "Cold chain logistics", 240],
  ])("%s → %s %i fen", (input, label, amountFen) => {
    expect(parseCostLine(input)).toEqual({ ok: true, line: { label, amountFen } });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["原料", "missing-amount"],
    ["原料 abc", "missing-amount"],
    ["12.50", "missing-label"],
    ["原料 -3", "negative"],
    ["原料 −3", "negative"],
    ["原料 12.505", "too-many-decimals"],
    ["原料 12.5.3", "not-a-number"],
    ["原料 999999999", "too-large"],
    ["原料 100000.01", "too-large"],
    [`${"长".repeat(41)} 3`, "label-too-long"],
  ])("%s is refused: %s", (input, error) => {
    expect(parseCostLine(input)).toEqual({ ok: false, error });
  });
});

describe("parseCostLines", () => {
  it("reads several lines in one message, separated by newlines or semicolons", () => {
    expect(parseCostLines("原料 12.50\n人工 8\n\n包装 1.5；运输 2")).toEqual({
      ok: true,
      lines: [
        { label: "原料", amountFen: 1250 },
        { label: "人工", amountFen: 800 },
        { label: "包装", amountFen: 150 },
        { label: "运输", amountFen: 200 },
      ],
    });
  });

  it("names each bad line and why, and accepts none of them", () => {
    expect(parseCostLines("原料 12.50\n人工 abc\n包装 -1")).toEqual({
      ok: false,
      problems: [
        { line: 2, text: "人工 abc", error: "missing-amount" },
        { line: 3, text: "包装 -1", error: "negative" },
      ],
    });
    expect(parseCostLines("\n \n")).toEqual({ ok: false, problems: [{ line: 1, text: "", error: "empty" }] });
  });
});

describe("sums and balance", () => {
  const lines = [
    { label: "原料", amountFen: 1250 },
    { label: "人工", amountFen: 800 },
  ];

  it("adds lines and compares them with the price", () => {
    expect(sumFen(lines)).toBe(2050);
    expect(balanceOf(lines, 2050)).toEqual({ sumFen: 2050, priceFen: 2050, differenceFen: 0, balanced: true });
    expect(balanceOf(lines, 2500)).toMatchObject({ differenceFen: 450, balanced: false });
    expect(balanceOf(lines, 2000)).toMatchObject({ differenceFen: -50, balanced: false });
  });

  it("adds a difference to the line of the same label, or as a new line", () => {
    expect(addToLine(lines, "合作社服务费", 450)).toEqual([...lines, { label: "合作社服务费", amountFen: 450 }]);
    expect(addToLine(lines, "人工", 100)).toEqual([lines[0], { label: "人工", amountFen: 900 }]);
  });
});

describe("sharesPermille (largest remainder)", () => {
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it("gives exact shares when they divide evenly", () => {
    expect(sharesPermille([500, 250, 250])).toEqual([500, 250, 250]);
  });

  it("always adds up to exactly 100.0 %", () => {
    const thirds = sharesPermille([100, 100, 100]);
    expect(thirds).toEqual([334, 333, 333]);
    expect(total(thirds)).toBe(1000);
    for (const amounts of [[1, 1, 1, 1, 1, 1, 1], [1250, 800, 150, 200, 99], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [999_999, 1], [7, 0, 0]]) {
      const shares = sharesPermille(amounts);
      expect(total(shares)).toBe(1000);
      shares.forEach((s, i) => expect(Math.abs(s - (amounts[i]! * 1000) / total(amounts))).toBeLessThan(1));
    }
  });

  it("gives the extra tenth to the largest remainder, then the larger amount, then the earlier line", () => {
    // 2/3 = 666.67 and 1/3 = 333.33: the larger remainder gets it
    expect(sharesPermille([2, 1])).toEqual([667, 333]);
    // equal remainders, equal amounts: the earlier line
    expect(sharesPermille([1, 1, 1])).toEqual([334, 333, 333]);
    // a zero line gets no share, even when tenths are left
    expect(sharesPermille([1, 0, 2])).toEqual([333, 0, 667]);
  });

  it("is zero for a zero total", () => {
    expect(sharesPermille([0, 0])).toEqual([0, 0]);
    expect(sharesPermille([])).toEqual([]);
  });

  it("formats tenths of a percent", () => {
    expect(formatPermille(417)).toBe("41.7%");
    expect(formatPermille(1000)).toBe("100.0%");
    expect(formatPermille(5)).toBe("0.5%");
  });
});

describe("breakdownRows", () => {
  it("formats amounts per locale and shares that add up to 100 %", () => {
    const rows = breakdownRows(
      [
        { label: "原料", amountFen: 1250 },
        { label: "人工", amountFen: 1000 },
        { label: "包装", amountFen: 750 },
      ],
      "CNY",
      "zh",
    );
    expect(rows).toEqual([
      { label: "原料", amount: "¥12.50", share: "41.7%" },
      { label: "人工", amount: "¥10.00", share: "33.3%" },
      { label: "包装", amount: "¥7.50", share: "25.0%" },
    ]);
  });
});
