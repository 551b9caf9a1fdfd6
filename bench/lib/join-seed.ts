import { Api } from "grammy";
import type { Chat, User } from "grammy/types";
import { parseConfig } from "../../src/config";
import { systemClock } from "../../src/clock";
import { createLogger } from "../../src/logger";
import { openDatabase } from "../../src/db/client";
import { createServices } from "../../src/bot/create-bot";
import { createGroupBuyModule } from "../../src/features/group-buy";
import type { FakeTelegram, FakeMessage } from "../../test/fake-telegram/server";
import { supergroup, user } from "../../test/fake-telegram/updates";

export type SeededBuy = { buyId: number; group: Chat.SupergroupChat; announcement: FakeMessage };

/**
 * A community with an approved product and an open buy whose announcement
 * is posted in the group, as the join benchmark starts from. The rows are
 * written through the app's own modules, as the recommendation, review and
 * open-dialog flows would leave them (those flows are not what is measured);
 * the announcement is rendered and sent by the app's Announcements through
 * the fake Bot API, so the "+1" callbacks press a button of a real message.
 */
export async function seedOpenBuy(fake: FakeTelegram, databaseUrl: string, members: number): Promise<SeededBuy> {
  const apiRoot = fake.apiRoot;
  const config = parseConfig({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" });
  const database = await openDatabase(databaseUrl);
  try {
    const db = database.db;
    const api = new Api(fake.token, { apiRoot });
    const services = createServices({ config, db, clock: systemClock, logger: createLogger("silent") }, api);
    const group = supergroup({ title: "Green Street Co-op" });
    fake.state.chats.set(group.id, group); // the bot is an administrator there (the fake's default)
    const { community } = await services.communities.activate(group, {
      locale: config.defaultLocale,
      timezone: config.timezone,
      currency: config.currency,
      reminderOffsetsMin: config.reminderOffsetsMin,
    });
    const organizer: User = user({ first_name: "Olga", language_code: "zh-hans" });
    const opener = await services.members.fromTelegram(organizer);
    const producer = await db.producer.create({ data: { communityId: community.id, name: "Sunny Farm", location: "Chongming", contact: "13800000000" } });
    const product = await db.product.create({ data: { communityId: community.id, recommenderId: opener.id, producerId: producer.id, status: "APPROVED" } });
    const costLines: [string, number][] = [["Rice", 1800], ["Packaging", 200], ["Logistics", 300], ["Co-op fee", 200]];
    const revision = await db.productRevision.create({
      data: {
        productId: product.id,
        version: 1,
        name: "Organic rice",
        unit: "bag",
        story: "Grown without pesticides by a family farm.",
        tags: "grain",
        priceFen: 2500,
        currency: config.currency,
        status: "APPROVED",
        reviewedAt: new Date(),
        costLines: { create: costLines.map(([label, amountFen], position) => ({ label, amountFen, position })) },
      },
    });
    await db.product.update({ where: { id: product.id }, data: { approvedRevisionId: revision.id } });

    const m = createGroupBuyModule(services, api, () => fake.botInfo.username);
    const now = systemClock.now();
    const buy = await m.buys.create(
      {
        communityId: community.id,
        productId: product.id,
        revisionId: revision.id,
        openedById: opener.id,
        recommenderId: opener.id,
        unitPriceFen: 2500,
        currency: config.currency,
        minTotalQty: 10,
        // room for everyone, but a cap all the same: the stock claim's conditional update is on the path
        stockCap: members * 5,
        perMemberCap: 3,
        deadlineAt: new Date(now.getTime() + 7 * 24 * 3600_000),
        pickupDetails: "Saturday 10:00–12:00 at the community centre",
        commissionKind: "PERCENT_BP",
        commissionValue: 500,
        selfReferralEarns: community.selfReferralEarns,
      },
      now,
    );
    const messageId = await m.announcements.post(buy.id);
    const announcement = messageId === undefined ? undefined : fake.message(group.id, messageId);
    if (!announcement) throw new Error(`the announcement of buy ${buy.id} was not posted: ${JSON.stringify(fake.rejected.at(-1)?.response)}`);
    return { buyId: buy.id, group, announcement };
  } finally {
    await database.close();
  }
}
