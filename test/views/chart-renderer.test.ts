import { PNG } from "pngjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CHART_WORKER_IDLE_MS, chartThreadRunning, renderSvgToPng } from "../../src/views/chart-renderer";
import type { Fen } from "../../src/domain/money";
import { renderMoneyChart } from "../../src/views/money-chart";

const chart = (title: string) =>
  renderMoneyChart({ title, slices: [{ key: "producer", label: "茶农", amountFen: 1_200 as Fen }, { key: "logistics", label: "运输", amountFen: 300 as Fen }], currency: "CNY", locale: "zh" });

afterEach(() => vi.useRealTimers());

describe("the chart thread", () => {
  it("draws charts, ends once idle, and starts again for the next chart", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const first = PNG.sync.read(await chart("春茶的钱去哪儿了"));
    expect(first.width).toBeGreaterThan(100);
    expect(chartThreadRunning()).toBe(true);

    vi.advanceTimersByTime(CHART_WORKER_IDLE_MS - 1);
    expect(chartThreadRunning()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(chartThreadRunning()).toBe(false);

    const again = PNG.sync.read(await chart("春茶的钱去哪儿了"));
    expect([again.width, again.height]).toEqual([first.width, first.height]);
    expect(Buffer.compare(again.data, first.data)).toBe(0);
  });

  it("draws charts asked for side by side, each its own", async () => {
    const pngs = await Promise.all(["一", "二二", "三三三"].map((t) => chart(`标题${t}`)));
    expect(new Set(pngs.map((p) => p.toString("base64"))).size).toBe(3);
  });

  it("refuses an SVG resvg can't read, and the next chart still draws", async () => {
    await expect(renderSvgToPng("<svg", [], "Noto Sans SC")).rejects.toThrow(/chart rendering failed/);
    expect(PNG.sync.read(await chart("之后")).width).toBeGreaterThan(100);
  });
});
