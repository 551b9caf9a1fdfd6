// Who plays in the demo and what they type, in both languages. The people's
// Telegram language drives the bot's language; narration stays in the demo.
import type { User } from "grammy/types";
import { privateChat, supergroup, user } from "../../test/fake-telegram/updates";
import type { Locale } from "../../src/domain/money";

export const ORGANIZER_ID = 900;

export type Cast = ReturnType<typeof castFor>;

export function castFor(lang: Locale) {
  const zh = lang === "zh";
  const person = (id: number, first_name: string, username?: string): User =>
    user({ id, first_name, language_code: lang, ...(username ? { username } : {}) });
  const organizer = person(ORGANIZER_ID, zh ? "周姐" : "Olga");
  const recommender = person(901, zh ? "小林" : "Lily", "lily_tea");
  const members = (zh ? ["阿芳", "大伟", "小梅", "老陈", "美玲", "阿强"] : ["Amy", "Ben", "Carmen", "Dan", "Eva", "Frank"]).map((name, i) => person(911 + i, name));
  const group = supergroup({ id: -1001234567890, title: zh ? "绿街合作社" : "Green Street Co-op" });
  return {
    lang,
    organizer,
    recommender,
    members,
    group,
    chat: (u: User) => privateChat(u),
    greeting: zh ? "大家好！我发现了一款好茶，想推介给大家 🍵" : "Hi neighbours! I found a tea worth sharing 🍵",
    product: {
      // what one unit is, said the way each language says it: "3 × 500 g jar",
      // "¥50.00 per 500 g jar"; in Chinese the name carries the weight ("3 × 罐")
      name: zh ? "云南高山古树红茶 500克罐装" : "Yunnan wild mountain black tea",
      unit: zh ? "罐" : "500 g jar",
      producer: zh ? ["云岭茶农合作社", "云南普洱", "138 0000 0000"] : ["Yunling Tea Growers' Co-op", "Pu'er, Yunnan", "+86 138 0000 0000"],
      tags: zh ? [/生态农业/, /公平贸易/] : [/Ecological farming/, /Fair trade/],
      story: zh
        ? "山上的老茶树从不打药，由村里的茶农手工采摘、手工烘焙。每卖出一斤，茶农合作社都能拿到公道的价钱。"
        : "Old tea trees on the mountain, never sprayed, picked and roasted by hand by the village's growers, who get a fair price for every jar.",
      costs: zh ? ["茶叶 28\n人工 10", "包装 3\n物流 4", "合作社运营费 2.50\n推介佣金 2.50"] : ["Tea leaves 28\nLabour 10", "Packaging 3\nLogistics 4", "Co-op fee 2.50\nRecommender commission 2.50"],
      costLabels: zh ? ["茶叶", "人工", "包装", "物流", "合作社运营费", "推介佣金"] : ["Tea leaves", "Labour", "Packaging", "Logistics", "Co-op fee", "Recommender commission"],
      price: "50",
      /** what the recommender types at the kinds step */
      firstLineKind: zh ? "1 生产者" : "1 producer",
    },
    buy: {
      min: "6",
      deadline: "+3d",
      pickup: zh ? "周六上午10点，社区中心" : "Saturday 10:00 at the community centre",
      commission: "5%",
    },
    thanks: zh ? "谢谢大家支持！" : "Thank you all!",
  };
}
