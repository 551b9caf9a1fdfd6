// The detour of the first question: "import from DFC". The member sends
// another co-op's catalogue (a .jsonld file or its URL); the product they
// pick fills the name, unit, producer, story and price, and the questions
// then go on from the name with each imported answer kept or changed.
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { escapeHtml, truncate } from "../../domain/html";
import type { ImportedProduct } from "../../domain/dfc/import";
import { catalogueFromFile, catalogueFromUrl, importedFields, isCatalogueFile, type CatalogueRead } from "../open-data/read-catalogue";
import { button, type Detour, type Outcome, type Wizard } from "./wizard";

/** At most this many products are offered as buttons (a catalogue may hold hundreds). */
const CHOICES = 12;

const catalogueUrl = z.url({ protocol: /^https?$/ });

/** The name question's "import from DFC" detour (a new product only). */
export const importDetour = (w: Wizard): Detour[] => (w.state.productId === null ? [{ label: w.t("dfc-import-button"), value: "import", to: "import" }] : []);

export async function importStep(w: Wizard): Promise<Outcome> {
  const currency = w.state.currency;
  let products: ImportedProduct[] = [];
  const read = await w.askUntil("import", w.t("dfc-import-ask"), new InlineKeyboard(), async (got) => {
    if (got.kind === "text") {
      const url = catalogueUrl.safeParse(got.text.trim());
      if (!url.success) return { error: w.t("dfc-import-error-not-url") };
      return answer(await w.conversation.external((outside) => catalogueFromUrl(outside.services, url.data, currency)));
    }
    if (got.kind === "document") {
      if (!isCatalogueFile(got.fileName, got.mimeType)) return { error: w.t("dfc-import-error-not-jsonld") };
      const file = { fileId: got.fileId, size: got.size };
      return answer(await w.conversation.external((outside) => catalogueFromFile(outside.services, outside.api, file, currency)));
    }
    return { error: w.t("dfc-import-error-send") };
  });
  function answer(result: CatalogueRead) {
    if (!result.ok) return { error: w.t(`dfc-import-${result.problem}`) };
    products = result.products;
    return { value: "next" as const };
  }
  if (read !== "next") return read;
  const chosen = products.length === 1 ? products[0]! : await pick(w, products);
  if (chosen === "back") return "import";
  if (chosen === "cancel") return "cancel";
  Object.assign(w.payload, importedFields(chosen));
  await w.say(w.t("dfc-import-filled", { name: escapeHtml(chosen.name) }));
  return "next";
}

/** Which of the catalogue's products to recommend (the first CHOICES); "back": the catalogue question again. */
async function pick(w: Wizard, products: ImportedProduct[]): Promise<ImportedProduct | "back" | "cancel"> {
  const keyboard = new InlineKeyboard();
  products.slice(0, CHOICES).forEach((p, i) => keyboard.text(truncate(p.name, 40), button("import", `p:${i}`)).row());
  const shown = Math.min(products.length, CHOICES);
  const prompt = w.t("dfc-import-pick", { count: products.length, shown, more: products.length > shown ? "yes" : "no" });
  let index = -1;
  const outcome = await w.askUntil("import", prompt, keyboard, (got) => {
    index = got.kind === "button" ? Number(/^p:(\d+)$/.exec(got.value)?.[1] ?? -1) : -1;
    if (index >= 0 && index < Math.min(products.length, CHOICES)) return { value: "next" };
    return { error: w.t("recommend-error-use-buttons") };
  });
  if (outcome === "cancel") return "cancel";
  return outcome === "next" ? products[index]! : "back";
}
