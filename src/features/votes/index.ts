// Members vote on recommendations (issue 17): a submitted recommendation in a
// community with voting on is posted in its group as its card and a native,
// non-anonymous poll; poll_answer updates are counted, one vote per member
// the bot has seen in the community; at the close the community's rule
// approves it or leaves it to the organizers.
import type { Api } from "grammy";
import { Composer } from "grammy";
import type { BotContext, Services } from "../../bot/context";
import { closeDuePolls } from "./close";
import { postPendingPolls } from "./post";
import { recordPollAnswer } from "./record-vote";

/**
 * poll_answer and poll updates carry no chat: the community gate lets them
 * through, and this feature takes them before any other.
 */
export function votesFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("poll_answer", async (ctx) => {
    const outcome = await recordPollAnswer(ctx);
    ctx.log.info("poll answer", { outcome });
  });
  // a poll's counts: the tally comes from the answers themselves
  composer.on("poll", () => undefined);
  return composer;
}

/** The jobs: posting the polls and closing them (an approved card that never reached its group is the product-cards job's). */
export function createVotesModule(services: Services, api: Api, botUsername: () => string): void {
  services.scheduler.register({ name: "votes-post", run: (signal) => postPendingPolls(services, api, signal, botUsername) });
  services.scheduler.register({ name: "votes-close", run: (signal) => closeDuePolls(services, api, signal, botUsername) });
}
