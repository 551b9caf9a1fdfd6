// Child process of the chart benchmark: renders N charts (a card's six kinds,
// half with a product photo above) and prints each render's time and the RSS
// after them as JSON. A process of its own, so the RSS is the renderer's
// (resvg, the font chunks), not the benchmark runner's.
import { PNG } from "pngjs";
import { renderMoneyChart, moneyChartSize, type ChartSlice } from "../../src/views/money-chart";

const renders = Number(process.argv[2] ?? 200);
const slices: ChartSlice[] = [
  { key: "PRODUCER", label: "生产者（茶农、采摘）", amountFen: 2500 },
  { key: "PACKAGING", label: "包装与罐子", amountFen: 500 },
  { key: "LOGISTICS", label: "冷链物流", amountFen: 800 },
  { key: "COOP_FEE", label: "合作社费用", amountFen: 250 },
  { key: "COMMISSION", label: "推介佣金", amountFen: 250 },
  { key: "OTHER", label: "其他", amountFen: 100 },
];
// an 800×600 "photo" (the card downloads the photo size nearest the chart's
// width), a PNG with texture so it doesn't compress to nothing: harder to
// decode than the JPEG Telegram would give
const photoImage = new PNG({ width: 800, height: 600 });
for (let i = 0; i < 800 * 600; i++) photoImage.data.set([(i * 7) % 256, (i >> 8) % 256, 120, 255], i * 4);
const photo = PNG.sync.write(photoImage);

const rssBefore = process.memoryUsage().rss;
const times: number[] = [];
let sizesOk = true;
for (let i = 0; i < renders; i++) {
  const input = { title: `钱去哪了 · 明前龙井 ${i}`, slices, currency: "CNY", locale: "zh" as const, photo: i % 2 ? photo : undefined };
  const start = performance.now();
  const png = await renderMoneyChart(input);
  times.push(performance.now() - start);
  const expected = moneyChartSize(input);
  if (png.readUInt32BE(16) !== expected.width || png.readUInt32BE(20) !== expected.height) sizesOk = false;
}
process.stdout.write(JSON.stringify({ times, rssBefore, rssAfter: process.memoryUsage().rss, sizesOk }));
