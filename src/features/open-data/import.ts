import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { inDialog } from "../../bot/dialog";
import { createDraft } from "../../db/product-drafts";
import { oncePerUpdate } from "../../db/processed-updates";
import { offlineDocumentLoader } from "../../domain/dfc/context";
import { importedProducts, type FlatNode, type ImportedProduct } from "../../domain/dfc/import";
import { MAX_UNIT_PRICE_FEN } from "../../domain/cost-breakdown";
import { escapeHtml } from "../../domain/html";
import { emptyDraft, LIMITS, type DraftPayload } from "../../domain/product-draft";
import { downloadFile } from "../products/card-picture";
import { communitiesOf } from "../products/member-communities";
import { sendPreview } from "../recommend/preview";

// Importing a product from another co-op's DFC catalogue file into a
// recommendation draft: a member sends the .jsonld in private (/import_dfc
// says how); its first product's name, unit, story, producer and price fill a
// new draft, and the recommender adds the contact, breakdown and photos from
// the draft's preview. The file is read offline: no context is fetched.

const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** The file's products, or undefined when it is not JSON-LD we can read (or names a context we don't ship). */
export async function readDfcCatalogue(bytes: Buffer, currency: string): Promise<ImportedProduct[] | undefined> {
  try {
    // loaded on first use: the JSON-LD processor is ~19 MB resident, which a bot that never imports keeps free
    const { default: jsonld } = await import("jsonld");
    const flat = (await jsonld.flatten(JSON.parse(bytes.toString("utf8")), undefined, { documentLoader: offlineDocumentLoader as never })) as unknown;
    const graph = Array.isArray(flat) ? flat : ((flat as { "@graph"?: unknown[] })["@graph"] ?? []);
    return importedProducts(graph as FlatNode[], currency);
  } catch {
    return undefined;
  }
}

const clip = (text: string | undefined, max: number) => (text ? [...text.replace(/\s+/g, " ").trim()].slice(0, max).join("") : undefined);

/** The draft's fields from an imported product, each within the wizard's limits. */
export function draftFromImport(p: ImportedProduct): DraftPayload {
  const fields = {
    name: clip(p.name, LIMITS.name),
    unit: clip(p.unit, LIMITS.unit),
    producerName: clip(p.producerName, LIMITS.producerName),
    producerLocation: clip(p.producerLocation, LIMITS.producerLocation),
    story: p.story ? [...p.story.trim()].slice(0, LIMITS.storyMax).join("") : undefined,
    priceFen: p.priceFen && p.priceFen <= MAX_UNIT_PRICE_FEN ? p.priceFen : undefined,
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return { ...emptyDraft(), ...defined, reachedPreview: true };
}

const isCatalogueFile = (name: string | undefined, mime: string | undefined) => /\.(jsonld|json)$/i.test(name ?? "") || mime === "application/ld+json";

export function importFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType("private");

  privateChats.command("import_dfc", (ctx) => ctx.reply(ctx.t("dfc-import-how"), { parse_mode: "HTML" }));

  privateChats.on("message:document", async (ctx, next) => {
    const { document } = ctx.message;
    if (!ctx.member || inDialog(ctx) || !isCatalogueFile(document.file_name, document.mime_type)) return next();
    const mine = await communitiesOf(ctx.services, ctx.member);
    if (mine.length === 0) return ctx.reply(ctx.t("dfc-import-no-community"));
    if ((document.file_size ?? 0) > MAX_FILE_BYTES) return ctx.reply(ctx.t("dfc-import-unreadable"));
    const single = mine.length === 1 ? mine[0]! : undefined;
    let bytes: Buffer;
    try {
      bytes = await downloadFile(ctx.services.config, ctx.api, document.file_id, MAX_FILE_BYTES);
    } catch (error) {
      ctx.log.warn("DFC catalogue download failed", { error: String(error) });
      return ctx.reply(ctx.t("dfc-import-unreadable"));
    }
    const products = await readDfcCatalogue(bytes, single?.currency ?? ctx.services.config.currency);
    if (!products) return ctx.reply(ctx.t("dfc-import-unreadable"));
    const first = products[0];
    if (!first) return ctx.reply(ctx.t("dfc-import-none"));
    const member = ctx.member;
    // once per update: a re-delivered file doesn't make a second draft
    const draft = await oncePerUpdate(ctx.services.db, ctx.update.update_id, "dfc-import", (tx) =>
      createDraft(tx, { memberId: member.id, communityId: single?.id ?? null, productId: null, step: single ? "preview" : "community", payload: draftFromImport(first) }),
    );
    await ctx.reply(ctx.t("dfc-import-done", { name: escapeHtml(first.name), count: products.length }), { parse_mode: "HTML" });
    if (single) await sendPreview(ctx, draft);
    else await ctx.reply(ctx.t("dfc-import-pick-community"));
  });

  return composer;
}
