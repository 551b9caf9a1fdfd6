// The questions of the recommendation, one function per step. Each asks,
// checks the answer (a bad one gets what is wrong and the same question
// again) and changes the draft; the conversation saves it after each step.
import { InlineKeyboard } from "grammy";
import { escapeHtml, truncate } from "../../domain/html";
import { checkLine, checkStory, LIMITS, type TextCheck } from "../../domain/product-draft";
import { SOCIAL_TAGS, tagLabelKey, toggleTag } from "../../domain/tags";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { balanceStep, costsStep, priceStep } from "./cost-steps";
import { kindsStep } from "./kind-steps";
import { importDetour, importStep } from "./import-step";
import { button, type AskStep, type Detour, type Outcome, type Wizard } from "./wizard";

function textError(w: Wizard, check: Extract<TextCheck, { ok: false }>): string {
  return w.t(`recommend-error-${check.error}`, { max: String(check.max ?? ""), min: String(check.min ?? ""), length: String(check.length ?? "") });
}

type TextField = "name" | "unit" | "producerName" | "producerLocation" | "producerContact" | "story";

/** A question answered with text; a current value can be kept. `presets` are ready-made answers as buttons; `detours` go elsewhere. */
function textStep(w: Wizard, step: AskStep & TextField, check: (text: string) => TextCheck, presets: string[] = [], detours: Detour[] = []): Promise<Outcome> {
  const current = w.payload[step];
  const keyboard = new InlineKeyboard();
  presets.forEach((p, i) => keyboard.text(p, button(step, `pre:${i}`)));
  if (current) keyboard.row().text(w.t("recommend-button-keep"), button(step, "keep"));
  for (const d of detours) keyboard.row().text(d.label, button(step, d.value));
  const shown = step === "story" ? w.t("recommend-current-story", { length: String(current?.length ?? 0) }) : escapeHtml(current ?? "");
  const prompt = w.t(`recommend-ask-${step}`) + (current ? `\n\n${w.t("recommend-current", { value: shown })}` : "");
  return w.askUntil(step, prompt, keyboard, (got) => {
    if (got.kind === "button") {
      if (got.value === "keep" && current) return { value: "next" };
      const detour = detours.find((d) => d.value === got.value);
      if (detour) return { value: detour.to };
      const preset = presets[Number(/^pre:(\d+)$/.exec(got.value)?.[1] ?? -1)];
      if (!preset) return { again: true };
      w.payload[step] = preset;
      return { value: "next" };
    }
    if (got.kind !== "text") return { error: w.t("recommend-error-need-text") };
    const checked = check(got.text);
    if (!checked.ok) return { error: textError(w, checked) };
    w.payload[step] = checked.value;
    return { value: "next" };
  });
}

export function communityStep(w: Wizard): Promise<Outcome> {
  const keyboard = new InlineKeyboard();
  for (const c of w.state.communities) keyboard.text(truncate(c.title, 40), button("community", `id:${c.id}`)).row();
  return w.askUntil("community", w.t("recommend-ask-community"), keyboard, (got) => {
    const chosen = got.kind === "button" ? w.state.communities.find((c) => `id:${c.id}` === got.value) : undefined;
    if (!chosen) return { error: w.t("recommend-error-use-buttons") };
    w.state.communityId = chosen.id;
    w.state.currency = chosen.currency;
    return { value: "next" };
  });
}

export const nameStep = (w: Wizard) => textStep(w, "name", (t) => checkLine(t, LIMITS.name), [], importDetour(w));
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
      if (got.value === "done") {
        if (w.payload.tags.length > 0) return "next";
        error = w.t("recommend-error-no-tags");
        break;
      }
      const tag = SOCIAL_TAGS[Number(/^tg:(\d+)$/.exec(got.value)?.[1] ?? -1)];
      if (!tag) continue;
      w.payload.tags = toggleTag(w.payload.tags, tag);
      await w.save();
      const keyboard = w.withNavigation("tags", tagsKeyboard(w));
      await ignoringHarmless(() => got.ctx.editMessageReplyMarkup({ reply_markup: keyboard }));
    }
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
      if (got.value === "done") return "next";
      if (got.value === "clear") {
        w.payload.photoFileIds = [];
        await w.save();
      }
      continue;
    }
    if (got.kind === "photo") {
      if (count >= LIMITS.photos) error = w.t("recommend-error-too-many-photos", { max: String(LIMITS.photos) });
      else {
        w.payload.photoFileIds = [...w.payload.photoFileIds, got.fileId];
        await w.save();
        note = w.t("recommend-photos-saved", { count: String(count + 1), max: String(LIMITS.photos) });
      }
      continue;
    }
    error = w.t(got.kind === "text" ? "recommend-error-photos-text" : "recommend-error-photo-as-file");
  }
}

export const STEPS: Record<AskStep, (w: Wizard) => Promise<Outcome>> = {
  community: communityStep,
  import: importStep,
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
  kinds: kindsStep,
  photos: photosStep,
};
