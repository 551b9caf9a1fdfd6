// A setting typed by its organizer (reminders, a time zone, hours, the
// automatic-approval rule, the patronage share): a dialog in private that
// asks until the value reads, then makes the change and puts the new value
// on the menu message it was asked from.
import { z } from "zod";
import type { BotContext, ConversationContext } from "../../bot/context";
import { createCallbackData } from "../../bot/callback-data";
import { Dialog, dialogConversation, type Convo, type DialogRules } from "../../bot/dialog";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { settingsState } from "../../db/community-settings";
import {
  parseAutoApprove,
  parsePatronage,
  parseReminderOffsets,
  parseTimeZone,
  parseVotingHours,
  serializeValue,
  type Parsed,
  type SettingValue,
} from "../../domain/community-settings";
import { menuView, settingLabel, shownValue, type TypedKey } from "./menu";
import { changeSetting } from "./use-cases";

export const SETTINGS_DIALOG = "settings-value";
/** Buttons inside the dialog (only Cancel): `stgd:<step>:<value>`. */
export const settingsDialogButtons = createCallbackData("stgd", { step: z.string().regex(/^[a-zA-Z]{1,16}$/), value: z.string().regex(/^[a-z]{0,8}$/) });

/** JSON: conversations store their arguments. */
export type TypedArgs = { communityId: number; key: TypedKey; chatId: number; menuMessageId: number | null };

/** A parser from the domain as a zod schema: the value, or an issue with the domain's error code. */
function fromDomain<T>(parse: (text: string) => Parsed<T>) {
  return z.string().transform((text, ctx) => {
    const parsed = parse(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });
}

const SCHEMAS = {
  reminders: fromDomain(parseReminderOffsets).transform((value): SettingValue => ({ key: "reminders", value })),
  timezone: fromDomain(parseTimeZone).transform((value): SettingValue => ({ key: "timezone", value })),
  votingHours: fromDomain(parseVotingHours).transform((value): SettingValue => ({ key: "votingHours", value })),
  autoApprove: fromDomain(parseAutoApprove).transform((value): SettingValue => ({ key: "autoApprove", value })),
  patronage: fromDomain(parsePatronage).transform((value): SettingValue => ({ key: "patronage", value })),
} satisfies Record<TypedKey, z.ZodType<SettingValue, string>>;

function rules(): DialogRules {
  return {
    buttons: settingsDialogButtons,
    // /cancel drops the question; any other command ends it, then runs (a new /settings starts over)
    command: (command) => (command === "cancel" ? "cancel" : "end"),
    takes: ["text"],
    rest: "drop",
  };
}

type Applied = { kind: "changed" | "same" | "already" | "not-allowed"; shown?: string };

/** Makes the change (once per update) and edits the menu it was asked from to show it. */
async function apply(octx: BotContext, args: TypedArgs, change: SettingValue): Promise<Applied> {
  if (!octx.member) return { kind: "not-allowed" };
  const result = await changeSetting(octx.services, { communityId: args.communityId, member: octx.member, change, updateId: octx.update.update_id });
  if (result.kind === "not-allowed") return result;
  const state = await settingsState(octx.services.db, args.communityId);
  if (args.menuMessageId !== null && state) {
    const view = menuView(octx.t.bind(octx), result.community, state, { inGroup: false, botUsername: octx.me.username });
    await ignoringHarmless(() => octx.api.editMessageText(args.chatId, args.menuMessageId!, view.text, { parse_mode: "HTML", reply_markup: view.keyboard }));
  }
  return { kind: result.kind, shown: shownValue(octx.t.bind(octx), change.key, serializeValue(change)) };
}

async function typedSetting(conversation: Convo, ctx: ConversationContext, args: TypedArgs): Promise<void> {
  const dialog = new Dialog(conversation, ctx, rules());
  const current = await conversation.external(async (octx) => {
    const s = await settingsState(octx.services.db, args.communityId);
    return s ? { reminders: s.reminderOffsetsMin.join(","), timezone: s.timezone, votingHours: String(s.votingHours), autoApprove: s.autoApproveSupport === null ? "off" : `${s.autoApproveSupport}/${s.autoApproveMaxObject}`, patronage: String(s.patronageShareBp) } : undefined;
  });
  if (!current) return;
  const setting = settingLabel(ctx.t.bind(ctx), args.key);
  const prompt = ctx.t(`settings-ask-${args.key}`, { setting, current: shownValue(ctx.t.bind(ctx), args.key, current[args.key]) });
  const change = await dialog.askUntil<SettingValue>({
    step: args.key,
    prompt,
    buttons: [[ctx.t("settings-button-cancel"), "cancel"]],
    parse: async (answer) => {
      if (answer.kind === "cancel" || answer.kind === "end") {
        await ctx.reply(ctx.t("settings-typed-cancelled"));
        return conversation.halt(answer.kind === "cancel" ? {} : { next: true });
      }
      if (answer.kind !== "text") return { again: true };
      const parsed = SCHEMAS[args.key].safeParse(answer.text);
      if (parsed.success) return { value: parsed.data };
      const code = parsed.error.issues[0]?.message ?? "unreadable";
      return { error: ctx.t(`settings-bad-${args.key}`, { reason: ctx.t(`settings-reason-${code}`) }) };
    },
  });
  const applied = await conversation.external((octx) => apply(octx, args, change));
  if (applied.kind === "not-allowed") return void (await ctx.reply(ctx.t("error-organizers-only")));
  await ctx.reply(ctx.t(applied.kind === "same" ? "settings-typed-same" : "settings-typed-done", { setting, value: applied.shown ?? "" }), { parse_mode: "HTML" });
}

export const typedSettingConversation = () => dialogConversation(typedSetting, { id: SETTINGS_DIALOG, maxMillisecondsToWait: 30 * 60_000 });
