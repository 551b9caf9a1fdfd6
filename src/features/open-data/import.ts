import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { inDialog } from "../../bot/dialog";
import { createDraft } from "../../db/product-drafts";
import { oncePerUpdate } from "../../db/processed-updates";
import { escapeHtml } from "../../domain/html";
import { communitiesOf } from "../products/member-communities";
import { sendPreview } from "../recommend/preview";
import { startImporting } from "../recommend";
import { catalogueFromFile, draftFromImport, isCatalogueFile } from "./read-catalogue";

// Importing a product from another co-op's DFC catalogue into a
// recommendation draft. /import_dfc (and the first question of /recommend)
// asks for the catalogue, a file or a URL, inside the recommendation's
// questions (recommend/import-step.ts). A .jsonld file sent outside any
// dialog is a shortcut: its first product becomes a draft at its preview.


export function importFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType("private");

  privateChats.command("import_dfc", (ctx) => startImporting(ctx));

  privateChats.on("message:document", async (ctx, next) => {
    const { document } = ctx.message;
    if (!ctx.member || inDialog(ctx) || !isCatalogueFile(document.file_name, document.mime_type)) return next();
    const mine = await communitiesOf(ctx.services, ctx.member);
    if (mine.length === 0) return ctx.reply(ctx.t("dfc-import-no-community"));
    const single = mine.length === 1 ? mine[0]! : undefined;
    const read = await catalogueFromFile(ctx.services, ctx.api, { fileId: document.file_id, size: document.file_size }, single?.currency ?? ctx.services.config.currency);
    if (!read.ok) return ctx.reply(ctx.t(`dfc-import-${read.problem}`));
    const [first] = read.products;
    const member = ctx.member;
    // once per update: a re-delivered file doesn't make a second draft
    const draft = await oncePerUpdate(ctx.services.db, ctx.update.update_id, "dfc-import", (tx) =>
      createDraft(tx, { memberId: member.id, communityId: single?.id ?? null, productId: null, step: single ? "preview" : "community", payload: draftFromImport(first) }),
    );
    await ctx.reply(ctx.t("dfc-import-done", { name: escapeHtml(first.name), count: read.products.length }), { parse_mode: "HTML" });
    if (single) await sendPreview(ctx, draft);
    else await ctx.reply(ctx.t("dfc-import-pick-community"));
  });

  return composer;
}
