// The card's picture: the product's first photo above the chart of where the
// money goes, as one PNG. The first send renders and uploads it; the file_id
// Telegram gives back is kept per revision and locale (StoredState), so later
// sends of the same card reuse it without rendering or uploading again.
import { InputFile, type Api } from "grammy";
import type { Message } from "grammy/types";
import type { Services } from "../../bot/context";
import { storedStateAdapter } from "../../db/stored-state";
import type { KindedLine } from "../../domain/cost-kinds";
import { escapeHtml } from "../../domain/html";
import { formatMoney, type Locale } from "../../domain/money";
import { renderMoneyChart } from "../../views/money-chart";
import { slicesByKind } from "../../views/money-chart-slices";
import { translator } from "../../views/env";

export type PictureServices = Pick<Services, "db" | "i18n" | "logger" | "config">;

/** What a card's picture is drawn from; the cache key is the revision and locale. */
export type CardChart = {
  revisionId: number;
  locale: Locale;
  name: string;
  unit: string;
  priceFen: number;
  currency: string;
  lines: readonly KindedLine[];
};

/** Bigger photos are not downloaded (Telegram's own photos are far smaller). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 15_000;

const NAMESPACE = "card-picture";
const cacheKey = (chart: CardChart) => `${chart.revisionId}:${chart.locale}`;

/** The chart of a card, or undefined when it has no costs to draw. */
export function cardChart(data: Omit<CardChart, "lines"> & { lines: readonly { label: string; amountFen: number; kind?: KindedLine["kind"] }[] }): CardChart | undefined {
  const lines = data.lines.map((l) => ({ ...l, kind: l.kind ?? ("OTHER" as const) }));
  if (!lines.some((l) => l.amountFen > 0)) return undefined;
  return { ...data, lines };
}

/** The caption when the card's text is too long for one: name, price and "full card below". */
export function shortCaption(services: Pick<Services, "i18n">, chart: CardChart): string {
  const t = translator(services.i18n, chart.locale);
  const price = formatMoney(chart.priceFen, chart.currency, chart.locale);
  return [`🛒 <b>${escapeHtml(chart.name)}</b> · ${escapeHtml(chart.unit)} — ${price}`, t("product-card-full-below")].join("\n");
}

/** A file's bytes through getFile and the Bot API's file URL, refusing files over `max` bytes. */
export async function downloadFile(config: Pick<Services["config"], "apiRoot" | "botToken">, api: Api, fileId: string, max = MAX_PHOTO_BYTES): Promise<Buffer> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new Error("no file_path");
  if (file.file_size !== undefined && file.file_size > max) throw new Error(`file too big: ${file.file_size} bytes`);
  const response = await fetch(`${config.apiRoot}/file/bot${config.botToken}/${file.file_path}`, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok || !response.body) throw new Error(`file download failed: HTTP ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > max) throw new Error(`file too big: ${declared} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > max) throw new Error(`file too big: over ${max} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * The picture to send: the cached file_id, or a fresh PNG (the first photo,
 * downloaded, above the chart). Throws when the download or render fails.
 */
export async function cardPicture(services: PictureServices, api: Api, chart: CardChart, photoFileId: string | undefined): Promise<{ media: string | InputFile; cached: boolean }> {
  const cached = await storedStateAdapter<string>(services.db, NAMESPACE).read(cacheKey(chart));
  if (cached) return { media: cached, cached: true };
  const photo = photoFileId ? await downloadFile(services.config, api, photoFileId) : undefined;
  const t = translator(services.i18n, chart.locale);
  const png = await renderMoneyChart({
    title: t("chart-title-product", { product: chart.name }),
    slices: slicesByKind(chart.lines, t),
    currency: chart.currency,
    locale: chart.locale,
    ...(photo ? { photo } : {}),
  });
  return { media: new InputFile(png, `card-${chart.revisionId}.png`), cached: false };
}

/** Keeps the uploaded picture's file_id (the largest size) for the next send of this card. */
export async function rememberPicture(services: PictureServices, chart: CardChart, sent: Message): Promise<void> {
  const largest = sent.photo?.at(-1)?.file_id;
  if (largest) await storedStateAdapter<string>(services.db, NAMESPACE).write(cacheKey(chart), largest);
}

/** A cached file_id Telegram refused: forget it, the next send renders again. */
export async function forgetPicture(services: PictureServices, chart: CardChart): Promise<void> {
  await storedStateAdapter<string>(services.db, NAMESPACE).delete(cacheKey(chart));
}
