import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n";
import { settle } from "../../src/domain/statement";
import type { StatementData } from "../../src/db/statements";
import { reconciliationLine, statementText } from "../../src/features/books/statement-view";
import { viewEnvFor } from "../../src/views/env";

const i18n = createI18n("zh");

function data(recommenders: number): StatementData {
  return {
    buy: { id: 9, communityId: 1, chatId: -1, locale: "zh", currency: "CNY", status: "SUCCEEDED", closedAt: new Date(), productName: "<b>茶</b>", statementMessageId: null, statementHash: null },
    input: {
      breakdown: { priceFen: 1000, lines: [{ label: "茶叶", kind: "PRODUCER", amountFen: 800 }, { label: "佣金", kind: "COMMISSION", amountFen: 200 }], derived: false },
      producers: [{ name: "老王 & <Sons>" }],
      orders: [{ status: "ACTIVE", paid: true, quantity: recommenders, amountFen: 1000 * recommenders }],
      commissions: Array.from({ length: recommenders }, (_, i) => ({ recommenderId: i + 1, name: i % 2 ? `推介官${"长".repeat(30)}${i}` : null, amountFen: 150 })),
    },
    pickedUp: { orders: 0, of: 1 },
  };
}

describe("the statement's text", () => {
  it("fits Telegram's 4,096 characters with a thousand recommenders, the rest summed, names escaped", () => {
    for (const lang of ["zh", "en"] as const) {
      const env = viewEnvFor(i18n, lang, new Date(), "bot");
      const d = data(1000);
      const text = statementText(d, settle(d.input), env, reconciliationLine(undefined, env));
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(text).toContain("&lt;b&gt;茶&lt;/b&gt;");
      expect(text).toContain("老王 &amp; &lt;Sons&gt;");
      expect(text).not.toContain("<Sons>");
      const amounts = [...text.matchAll(/· [^\n]*?(-?)¥([\d,]+\.\d\d)/g)].map((m) => Math.round(Number(m[2]!.replace(/,/g, "")) * 100));
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(150_000); // every recommender's commission, named, other or summed
    }
  });
});
