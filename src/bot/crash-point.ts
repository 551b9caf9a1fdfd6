// Test-only: a process killed at a precise moment, to prove that a state
// change and its update's handled mark are committed together (README,
// "Reliability"). Random SIGKILLs rarely land between two statements; these
// named points do. Unarmed (no CRASH_AT, always in production) they cost a
// comparison.

/** The moments a test can kill the bot at. */
export const CRASH_POINTS = [
  /** a conversation's state (and its update's mark) committed, before anything else */
  "after-conversation-write",
  /** an update handled, before its handled mark is written */
  "before-mark",
  /** a recommendation's draft saved, inside the conversation's step */
  "after-draft-save",
  /** a new draft created on /recommend, before the conversation starts */
  "after-draft-created",
  /** a group buy created, before its announcement is posted */
  "after-buy-created",
  /** a recommendation's approval committed, before its card is posted in the group */
  "after-approval",
  /** a buy's statement sent to the group, before its message id is recorded */
  "after-statement-sent",
  /** a recommendation's poll sent to the group, before its poll id is recorded */
  "after-vote-poll-sent",
] as const;
export type CrashPointName = (typeof CRASH_POINTS)[number];

let armed: { point: string; occurrence: number } | undefined;
let passed = 0;

/** Arms one point (from the parsed config); called once when the bot is built. */
export function armCrashPoint(at: { point: string; occurrence: number } | undefined): void {
  armed = at;
  passed = 0;
}

/** Kills this process, without any clean-up, the n-th time the armed point is passed. */
export function crashPoint(name: CrashPointName): void {
  if (armed?.point !== name) return;
  passed += 1;
  if (passed === armed.occurrence) process.kill(process.pid, "SIGKILL");
}
