// The questions of the recommendation, one function per step. Each asks,
// checks the answer (a bad one gets what is wrong and the same question
// again) and changes the draft; the conversation saves it after each step.
import { InlineKeyboard } from "grammy";
import { addToLine, balanceOf, MAX_COST_LINES, MAX_UNIT_PRICE_FEN, parseCostLines, sumFen, type CostLineProblem } from "../../domain/cost-breakdown";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney, parseAmount } from "../../domain/money";
import { checkLine, checkStory, LIMITS, type DraftPayload, type DraftStep, type TextCheck } from "../../domain/product-draft";
import { SOCIAL_TAGS, tagLabelKey, toggleTag } from "../../domain/tags";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { costTableHtml } from "../products/card";
import { button, type AskStep, type Wizard } from "./wizard";

/** "next", "back", "cancel", or a step to go to. */
export type Outcome = "next" | "back" | "cancel" | DraftStep;

const money = (w: Wizard, fen: number) => formatMoney(fen, w.state.currency, w.state.locale);

function textError(w: Wizard, check: Extract<TextCheck, { ok: false }>): string {
  return w.t(`recommend-error-${check.error}`, { max: String(check.max ?? ""), min: String(check.min ?? ""), length: String(check.length ?? "") });
}

type TextField = "name" | "unit" | "producerName" | "producerLocation" | "producerContact" | "story";

/** A question answered with text; a current value can be kept. `presets` are ready-made answers as buttons. */
async function textStep(w: Wizard, step: AskStep & TextField, check: (text: string) => TextCheck, presets: string[] = []): Promise<Outcome> {
  let error: string | undefined;
  for (;;) {
    const current = w.payload[step];
    const keyboard = new InlineKeyboard();
    presets.forEach((p, i) => keyboard.text(p, button(step, `pre:${i}`)));
    if (current) keyboard.row().text(w.t("recommend-button-keep"), button(step, "keep"));
    const shown = step === "story" ? w.t("recommend-current-story", { length: String(current?.length ?? 0) }) : escapeHtml(current ?? "");
    const prompt = w.t(`recommend-ask-${step}`) + (current ? `\n\n${w.t("recommend-current", { value: shown })}` : "");
    await w.ask(step, prompt, { error, keyboard });
    error = undefined;
    const got = await w.input(step);
    if (got.kind === "cancel" || got.kind === "back") return got.kind;
    if (got.kind === "repeat") continue;
    if (got.kind === "button") {
      if (got.action === "keep" && current) return "next";
      const preset = /^pre:(\d+)$/.exec(got.action);
      if (preset && presets[Number(preset[1])]) {
        w.payload[step] = presets[Number(preset[1])]!;
        return "next";
      }
      continue;
    }
    if (got.kind !== "text") {
      error = w.t("recommend-error-need-text");
      continue;
    }
    const checked = check(got.text);
    if (!checked.ok) {
      error = textError(w, checked);
      continue;
    }
    w.payload[step] = checked.value;
    return "next";
  }
}

export async function communityStep(w: Wizard): Promise<Outcome> {
  let error: string | undefined;
  for (;;) {
    const keyboard = new InlineKeyboard();
    for (const c of w.state.communities) keyboard.text(truncate(c.title, 40), button("community", `id:${c.id}`)).row();
    await w.ask("community", w.t("recommend-ask-community"), { error, keyboard });
    error = undefined;
    const got = await w.input("community");
    if (got.kind === "cancel" || got.kind === "back") return got.kind;
    const chosen = got.kind === "button" ? w.state.communities.find((c) => `id:${c.id}` === got.action) : undefined;
    if (!chosen) {
      if (got.kind !== "repeat") error = w.t("recommend-error-use-buttons");
      continue;
    }
    w.state.communityId = chosen.id;
    w.state.currency = chosen.currency;
    return "next";
  }
}

export const nameStep = (w: Wizard) => textStep(w, "name", (t) => checkLine(t, LIMITS.name));
export const unitStep = (w: Wizard) =>
  textStep(w, "unit", (t) => checkLine(t, LIMITS.unit), w.t("recommend-unit-presets").split("|").map((s) => s.trim()).filter(Boolean));
export const producerNameStep = (w: Wizard) => textStep(w, "producerName", (t) => checkLine(t, LIMITS.producerName));
export const producerLocationStep = (w: Wizard) => textStep(w, "producerLocation", (t) => checkLine(t, LIMITS.producerLocation));
export const producerContactStep = (w: Wizard) => textStep(w, "producerContact", (t) => checkLine(t, LIMITS.producerContact));
export const storyStep = (w: Wizard) => textStep(w, "story", checkStory);

function tagsKeyboard(w: Wizard): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  SOCIAL_TAGS.forEach((tag, i) => {
    const on = w.payload.tags.includes(tag);
    keyboard.text(`${on ? "✅ " : ""}${w.t(tagLabelKey(tag))}`, button("tags", `tg:${i}`));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard.row().text(w.t("recommend-tags-done"), button("tags", "done"));
}

/** Tags are toggle buttons; pressing one updates the buttons in place. */
export async function tagsStep(w: Wizard): Promise<Outcome> {
  let error: string | undefined;
  for (;;) {
    await w.ask("tags", w.t("recommend-ask-tags"), { error, keyboard: tagsKeyboard(w) });
    error = undefined;
    for (;;) {
      const got = await w.input("tags");
      if (got.kind === "cancel" || got.kind === "back") return got.kind;
      if (got.kind !== "button") {
        if (got.kind !== "repeat") error = w.t("recommend-error-use-buttons");
        break;
      }
      if (got.action === "done") {
        if (w.payload.tags.length > 0) return "next";
        error = w.t("recommend-error-no-tags");
        break;
      }
      const tag = SOCIAL_TAGS[Number(/^tg:(\d+)$/.exec(got.action)?.[1] ?? -1)];
      if (!tag) continue;
      w.payload.tags = toggleTag(w.payload.tags, tag);
      const keyboard = w.withNavigation("tags", tagsKeyboard(w));
      await ignoringHarmless(() => got.ctx.editMessageReplyMarkup({ reply_markup: keyboard }));
    }
  }
}

function problemsText(w: Wizard, problems: CostLineProblem[]): string {
  return problems
    .slice(0, 5)
    .map((p) => w.t("recommend-error-cost-line", { line: String(p.line), text: escapeHtml(truncate(p.text, 60)), problem: w.t(`cost-error-${p.error}`) }))
    .join("\n");
}

function linesSummary(w: Wizard): string {
  const lines = w.payload.costLines;
  return `${costTableHtml(lines, w.state.currency, w.state.locale)}\n${w.t("recommend-costs-sum", { sum: money(w, sumFen(lines)) })}`;
}

/** Cost lines, `label amount`, one or several per message, until Done. */
export async function costsStep(w: Wizard): Promise<Outcome> {
  let error: string | undefined;
  let added = false;
  for (;;) {
    const lines = w.payload.costLines;
    const keyboard = new InlineKeyboard();
    if (lines.length) keyboard.text(w.t("recommend-costs-done"), button("costs", "done")).row();
    lines.forEach((l, i) => {
      keyboard.text(`✖ ${truncate(l.label, 18)}`, button("costs", `del:${i}:${lines.length}`));
      if (i % 2 === 1) keyboard.row();
    });
    const intro = added ? w.t("recommend-costs-added") : w.t("recommend-ask-costs");
    await w.ask("costs", lines.length ? `${intro}\n\n${linesSummary(w)}` : intro, { error, keyboard });
    error = undefined;
    added = false;
    const got = await w.input("costs");
    if (got.kind === "cancel" || got.kind === "back") return got.kind;
    if (got.kind === "repeat") continue;
    if (got.kind === "button") {
      if (got.action === "done") {
        if (lines.length > 0) return "next";
        error = w.t("recommend-error-no-lines");
      }
      const del = /^del:(\d+):(\d+)$/.exec(got.action);
      // the count guards against a button of an older list removing the wrong line
      if (del && Number(del[2]) === lines.length && Number(del[1]) < lines.length) {
        w.payload.costLines = lines.filter((_, i) => i !== Number(del[1]));
      }
      continue;
    }
    if (got.kind !== "text") {
      error = w.t("recommend-error-need-text");
      continue;
    }
    const parsed = parseCostLines(got.text);
    if (!parsed.ok) error = problemsText(w, parsed.problems);
    else if (lines.length + parsed.lines.length > MAX_COST_LINES) error = w.t("recommend-error-too-many-lines", { max: String(MAX_COST_LINES) });
    else {
      w.payload.costLines = [...lines, ...parsed.lines];
      added = true;
    }
  }
}

/** A price typed by the member; an error message or the amount. */
function checkPrice(w: Wizard, text: string): { ok: true; fen: number } | { ok: false; error: string } {
  const parsed = parseAmount(text);
  if (!parsed.ok) return { ok: false, error: w.t(`recommend-error-amount-${parsed.error}`) };
  if (parsed.fen === 0) return { ok: false, error: w.t("recommend-error-amount-zero") };
  if (parsed.fen > MAX_UNIT_PRICE_FEN) return { ok: false, error: w.t("recommend-error-amount-too-large") };
  return { ok: true, fen: parsed.fen };
}

const afterPrice = (p: DraftPayload): Outcome => (balanceOf(p.costLines, p.priceFen!).balanced ? "next" : "balance");

export async function priceStep(w: Wizard): Promise<Outcome> {
  let error: string | undefined;
  for (;;) {
    const sum = sumFen(w.payload.costLines);
    const current = w.payload.priceFen;
    const keyboard = new InlineKeyboard();
    if (sum > 0) keyboard.text(w.t("recommend-price-use-sum", { sum: money(w, sum) }), button("price", "sum")).row();
    if (current !== undefined && current !== sum) keyboard.text(w.t("recommend-price-keep", { price: money(w, current) }), button("price", "keep"));
    const prompt = w.t("recommend-ask-price", { unit: escapeHtml(w.payload.unit ?? ""), sum: money(w, sum) });
    await w.ask("price", prompt, { error, keyboard });
    error = undefined;
    const got = await w.input("price");
    if (got.kind === "cancel" || got.kind === "back") return got.kind;
    if (got.kind === "repeat") continue;
    if (got.kind === "button") {
      if (got.action === "sum" && sum > 0) w.payload.priceFen = sum;
      else if (got.action !== "keep" || current === undefined) continue;
      return afterPrice(w.payload);
    }
    if (got.kind !== "text") {
      error = w.t("recommend-error-need-text");
      continue;
    }
    const price = checkPrice(w, got.text);
    if (!price.ok) {
      error = price.error;
      continue;
    }
    w.payload.priceFen = price.fen;
    return afterPrice(w.payload);
  }
}

const DIFFERENCE_LABELS = ["margin", "fee", "commission"] as const;

/** The lines don't add up to the price: say by how much, and let the member fix it. */
export async function balanceStep(w: Wizard): Promise<Outcome> {
  let error: string | undefined;
  for (;;) {
    const price = w.payload.priceFen!;
    const b = balanceOf(w.payload.costLines, price);
    if (b.balanced) {
      await w.say(w.t("recommend-balance-ok", { price: money(w, price) }));
      return "next";
    }
    const keyboard = new InlineKeyboard();
    if (b.differenceFen > 0) {
      for (const kind of DIFFERENCE_LABELS) {
        keyboard.text(w.t(`recommend-balance-add-${kind}`, { amount: money(w, b.differenceFen) }), button("balance", `add:${kind}`)).row();
      }
    }
    keyboard.text(w.t("recommend-balance-edit-lines"), button("balance", "lines")).text(w.t("recommend-balance-edit-price"), button("balance", "price"));
    const vars = { sum: money(w, b.sumFen), price: money(w, price), difference: money(w, Math.abs(b.differenceFen)) };
    const status = w.t(b.differenceFen > 0 ? "recommend-balance-short" : "recommend-balance-over", vars);
    await w.ask("balance", `${linesSummary(w)}\n\n${status}\n\n${w.t("recommend-balance-how")}`, { error, keyboard });
    error = undefined;
    const got = await w.input("balance");
    if (got.kind === "cancel" || got.kind === "back") return got.kind;
    if (got.kind === "repeat") continue;
    if (got.kind === "button") {
      if (got.action === "lines") return "costs";
      if (got.action === "price") return "price";
      const kind = DIFFERENCE_LABELS.find((k) => got.action === `add:${k}`);
      if (kind && b.differenceFen > 0) {
        if (w.payload.costLines.length >= MAX_COST_LINES && !w.payload.costLines.some((l) => l.label === w.t(`recommend-balance-label-${kind}`))) {
          error = w.t("recommend-error-too-many-lines", { max: String(MAX_COST_LINES) });
        } else {
          w.payload.costLines = addToLine(w.payload.costLines, w.t(`recommend-balance-label-${kind}`), b.differenceFen);
        }
      }
      continue;
    }
    if (got.kind !== "text") {
      error = w.t("recommend-error-need-text");
      continue;
    }
    // a bare amount is a new price; `label amount` is another line
    if (parseAmount(got.text).ok) {
      const newPrice = checkPrice(w, got.text);
      if (newPrice.ok) w.payload.priceFen = newPrice.fen;
      else error = newPrice.error;
      continue;
    }
    const parsed = parseCostLines(got.text);
    if (!parsed.ok) error = problemsText(w, parsed.problems);
    else if (w.payload.costLines.length + parsed.lines.length > MAX_COST_LINES) error = w.t("recommend-error-too-many-lines", { max: String(MAX_COST_LINES) });
    else w.payload.costLines = [...w.payload.costLines, ...parsed.lines];
  }
}

/** Up to five photos, optional. */
export async function photosStep(w: Wizard): Promise<Outcome> {
  let error: string | undefined;
  let note: string | undefined;
  for (;;) {
    const count = w.payload.photoFileIds.length;
    const keyboard = new InlineKeyboard().text(w.t(count ? "recommend-photos-done" : "recommend-photos-skip", { count: String(count) }), button("photos", "done"));
    if (count) keyboard.row().text(w.t("recommend-photos-clear"), button("photos", "clear"));
    const prompt = note ?? w.t("recommend-ask-photos", { max: String(LIMITS.photos), count: String(count) });
    await w.ask("photos", prompt, { error, keyboard });
    error = undefined;
    note = undefined;
    const got = await w.input("photos");
    if (got.kind === "cancel" || got.kind === "back") return got.kind;
    if (got.kind === "repeat") continue;
    if (got.kind === "button") {
      if (got.action === "done") return "next";
      if (got.action === "clear") w.payload.photoFileIds = [];
      continue;
    }
    if (got.kind === "photo") {
      if (count >= LIMITS.photos) error = w.t("recommend-error-too-many-photos", { max: String(LIMITS.photos) });
      else {
        w.payload.photoFileIds = [...w.payload.photoFileIds, got.fileId];
        note = w.t("recommend-photos-saved", { count: String(count + 1), max: String(LIMITS.photos) });
      }
      continue;
    }
    error = w.t(got.kind === "text" ? "recommend-error-photos-text" : "recommend-error-photo-as-file");
  }
}

export const STEPS: Record<AskStep, (w: Wizard) => Promise<Outcome>> = {
  community: communityStep,
  name: nameStep,
  unit: unitStep,
  producerName: producerNameStep,
  producerLocation: producerLocationStep,
  producerContact: producerContactStep,
  tags: tagsStep,
  story: storyStep,
  costs: costsStep,
  price: priceStep,
  balance: balanceStep,
  photos: photosStep,
};
