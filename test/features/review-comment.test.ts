import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { lastText, press, recommendAndSubmit, say, setUpCommunity, TEA } from "./recommend-helpers";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("an organizer's review comment (a side dialog)", () => {
  it("waits across a restart, lets commands through, re-asks a comment that is too long", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { organizer, recommender: alice } = await setUpCommunity(h);
    await recommendAndSubmit(h, alice, TEA);
    await press(h, organizer, "Ask for changes");
    expect(lastText(h, organizer.id)).toContain("What should be changed");

    await h.restartBot();
    // another command runs, and the comment still waits
    await say(h, organizer, "/review");
    expect(lastText(h, organizer.id)).toContain("1 recommendation is waiting for review");
    await say(h, organizer, "x".repeat(1001));
    expect(lastText(h, organizer.id)).toContain("That is too long (1001 characters, at most 1000)");
    await say(h, organizer, "Please name the village.");
    expect(lastText(h, organizer.id)).toContain("Your comment was sent to");
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "CHANGES_REQUESTED", reviewComment: "Please name the village." });
    // no stored record of its own: the dialog is kept with the conversations
    expect(await h.db.storedState.count({ where: { key: { startsWith: "review-comment:" } } })).toBe(0);
    h.fake.assertNoRejections();
  });

  it("is not waited for after 30 minutes: the text is then an answer in the organizer's own flow", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { organizer, recommender: alice } = await setUpCommunity(h);
    await recommendAndSubmit(h, alice, TEA);
    await say(h, organizer, "/recommend");
    expect(lastText(h, organizer.id)).toContain("1/7 · Product");
    await say(h, organizer, "/review");
    await press(h, organizer, "Wild mountain tea (v1)");
    await press(h, organizer, "Reject");
    expect(lastText(h, organizer.id)).toContain("Why is");

    h.clock.advance(31 * 60_000);
    await say(h, organizer, "Mountain honey");
    expect(lastText(h, organizer.id)).toContain("What is the unit of sale");
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "PENDING_REVIEW", reviewComment: null });
    h.fake.assertNoRejections();
  });
});
