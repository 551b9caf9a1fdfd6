// The kinds of the cost lines: what each line pays for (producer, packaging,
// logistics, co-op fee, commission, other). The bot guesses from the labels;
// the recommender confirms the guesses with one tap, or corrects a line with
// its button or by typing e.g. `2 物流`. A corrected line is saved at once;
// the guesses only when confirmed.
import { InlineKeyboard } from "grammy";
import { COST_KINDS, guessKind, type CostKind } from "../../domain/cost-kinds";
import { escapeHtml, truncate } from "../../domain/html";
import { button, money, type Outcome, type Wizard } from "./wizard";

export const kindLabelKey = (kind: CostKind) => `cost-kind-${kind}`;

/** The kind a line has, or the guess shown for it. */
const kindOf = (line: { label: string; kind?: CostKind }): CostKind => line.kind ?? guessKind(line.label);

/** A kind named by the member: its name in their language, its code, or a keyword of it (`物流`, `shipping`). */
export function kindNamed(w: Wizard, text: string): CostKind | undefined {
  const word = text.normalize("NFKC").trim().toLowerCase();
  if (word === "") return undefined;
  const byName = COST_KINDS.find((k) => w.t(kindLabelKey(k)).toLowerCase() === word || k.toLowerCase() === word || k.toLowerCase().replace("_", "-") === word);
  if (byName) return byName;
  const guessed = guessKind(word);
  return guessed === "OTHER" ? undefined : guessed;
}

function listText(w: Wizard): string {
  return w.payload.costLines
    .map((l, i) => {
      const kind = w.t(kindLabelKey(kindOf(l)));
      const mark = l.kind === undefined ? w.t("recommend-kinds-guess-mark") : "";
      return `${i + 1}. ${escapeHtml(l.label)} ${money(w, l.amountFen)} → <b>${kind}</b>${mark}`;
    })
    .join("\n");
}

function listKeyboard(w: Wizard): InlineKeyboard {
  const lines = w.payload.costLines;
  const keyboard = new InlineKeyboard().text(w.t("recommend-kinds-confirm"), button("kinds", "ok")).row();
  lines.forEach((l, i) => {
    keyboard.text(`${i + 1}. ${truncate(l.label, 16)}`, button("kinds", `ln:${i}:${lines.length}`));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

function kindsKeyboard(w: Wizard, line: number): InlineKeyboard {
  const count = w.payload.costLines.length;
  const keyboard = new InlineKeyboard();
  COST_KINDS.forEach((k, j) => {
    keyboard.text(w.t(kindLabelKey(k)), button("kinds", `set:${line}:${j}:${count}`));
    if (j % 2 === 1) keyboard.row();
  });
  return keyboard.row().text(w.t("recommend-kinds-list"), button("kinds", "list"));
}

/** Sets line `i` (0-based) to `kind` and saves the draft. */
async function setKind(w: Wizard, i: number, kind: CostKind): Promise<void> {
  w.payload.costLines = w.payload.costLines.map((l, j) => (j === i ? { ...l, kind } : l));
  await w.save();
}

/** One kind per cost line, guessed and confirmed (or corrected). */
export async function kindsStep(w: Wizard): Promise<Outcome> {
  let error: string | undefined;
  /** the line whose kind is being chosen with buttons, if any */
  let picking: number | undefined;
  for (;;) {
    const lines = w.payload.costLines;
    if (lines.length === 0) return "costs";
    if (picking !== undefined && picking >= lines.length) picking = undefined;
    if (picking === undefined) {
      await w.ask("kinds", `${w.t("recommend-ask-kinds")}\n\n${listText(w)}\n\n${w.t("recommend-kinds-how")}`, { error, keyboard: listKeyboard(w) });
    } else {
      const line = lines[picking]!;
      const prompt = w.t("recommend-kinds-pick", { line: String(picking + 1), label: escapeHtml(line.label), amount: money(w, line.amountFen) });
      await w.ask("kinds", prompt, { error, keyboard: kindsKeyboard(w, picking) });
    }
    error = undefined;
    const got = await w.input("kinds");
    if (got.kind === "cancel" || got.kind === "back") return got.kind;
    if (got.kind === "repeat") continue;
    if (got.kind === "button") {
      if (got.value === "ok") {
        w.payload.costLines = lines.map((l) => ({ ...l, kind: kindOf(l) }));
        return "next";
      }
      if (got.value === "list") picking = undefined;
      // the count guards against a button of an older list choosing the wrong line
      const ln = /^ln:(\d+):(\d+)$/.exec(got.value);
      if (ln && Number(ln[2]) === lines.length && Number(ln[1]) < lines.length) picking = Number(ln[1]);
      const set = /^set:(\d+):(\d+):(\d+)$/.exec(got.value);
      const kind = set ? COST_KINDS[Number(set[2])] : undefined;
      if (set && kind && Number(set[3]) === lines.length && Number(set[1]) < lines.length) {
        await setKind(w, Number(set[1]), kind);
        picking = undefined;
      }
      continue;
    }
    if (got.kind !== "text") {
      error = w.t("recommend-error-need-text");
      continue;
    }
    // `2 物流`, `2. logistics`, `2：包装`
    const typed = /^\s*(\d{1,2})\s*[.、:：,，)]?\s*(.+)$/s.exec(got.text.normalize("NFKC"));
    const all = COST_KINDS.map((k) => w.t(kindLabelKey(k))).join(w.t("recommend-kinds-separator"));
    if (!typed) {
      error = w.t("recommend-error-kinds-format", { kinds: all });
      continue;
    }
    const index = Number(typed[1]) - 1;
    const kind = kindNamed(w, typed[2]!);
    if (index < 0 || index >= lines.length) error = w.t("recommend-error-kinds-no-line", { line: typed[1]!, count: String(lines.length) });
    else if (!kind) error = w.t("recommend-error-kinds-unknown", { kind: escapeHtml(truncate(typed[2]!.trim(), 30)), kinds: all });
    else {
      await setKind(w, index, kind);
      picking = undefined;
    }
  }
}
