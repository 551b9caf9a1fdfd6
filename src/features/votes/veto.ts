// An organizer's decision on a revision that members vote on: the poll ends
// (at the close job's next pass), and a rejection's reason is published in
// the group, in reply to the poll. Run inside the decision's transaction.
import type { Services } from "../../bot/context";
import type { Tx } from "../../db/client";
import { endPollEarly } from "../../db/revision-polls";
import { escapeHtml } from "../../domain/html";
import { translator } from "../../views/env";
import type { Locale } from "../../domain/money";
import { escapeReason } from "./views";

export async function pollAfterDecision(
  services: Pick<Services, "outbox" | "i18n">,
  tx: Tx,
  input: { revisionId: number; name: string; reason: string | null; vetoed: boolean; at: Date },
  community: { telegramChatId: number; locale: Locale },
): Promise<void> {
  const poll = await endPollEarly(tx, input.revisionId, input.at, input.vetoed);
  if (!poll || !input.vetoed || poll.pollMessageId === null) return;
  const t = translator(services.i18n, community.locale);
  const text = t("vote-veto-group", { name: escapeHtml(input.name), reason: escapeReason(input.reason ?? "—") });
  await services.outbox.enqueue([{ dedupKey: `vote-veto:${input.revisionId}`, chatId: community.telegramChatId, text, messageId: poll.pollMessageId }], tx);
}
