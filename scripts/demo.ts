// `npm run demo`: the co-op's whole story on this machine, with no token and
// no network — the real bot against an in-process fake Telegram, on a
// throwaway SQLite database. Options: --lang zh|en, --fast, --quiet.
// Exits non-zero when a step did not happen as scripted (CI runs it).
import { parseArgs } from "node:util";
import { isLocale } from "../src/domain/locale";
import { Actors, StepFailed } from "./demo/actors";
import { castFor, ORGANIZER_ID } from "./demo/cast";
import { NARRATION } from "./demo/narration";
import { STORY, type StoryState } from "./demo/story";
import { Transcript } from "./demo/transcript";
import { printSummary } from "./demo/summary";
import { createWorld } from "./demo/world";

const { values } = parseArgs({
  options: {
    lang: { type: "string", default: "zh" },
    fast: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  process.stdout.write("npm run demo -- [--lang zh|en] [--fast] [--quiet]\n");
  process.exit(0);
}
const lang = values.lang;
if (!isLocale(lang)) {
  process.stderr.write(`--lang must be zh or en, not ${lang}\n`);
  process.exit(2);
}

const color = !process.env.NO_COLOR && process.stdout.isTTY === true;
// pauses only for a person watching: none with --fast, --quiet or when the output goes to a file
const watching = !values.fast && !values.quiet && process.stdout.isTTY === true;
const started = performance.now();
const cast = castFor(lang);
const n = NARRATION[lang];
const world = await createWorld({ locale: lang, organizerIds: [ORGANIZER_ID] });
const transcript = new Transcript(world.fake, { color, quiet: values.quiet, narration: n });
transcript.nameChat(cast.group.id, `👥 ${cast.group.title}`);
for (const person of [cast.organizer, cast.recommender, ...cast.members]) transcript.namePerson(person.id, person.first_name);
transcript.namePerson(cast.organizer.id, cast.organizer.first_name, n.roles.organizer);
transcript.namePerson(cast.recommender.id, cast.recommender.first_name, n.roles.recommender);
transcript.skipOld();

// Ctrl-C still removes the throwaway database
process.once("SIGINT", () => void world.close().finally(() => process.exit(130)));

const actors = new Actors(world, transcript, watching ? 250 : 0);
const state: StoryState = {};
let failed: unknown;
let done = 0;
try {
  for (const [i, step] of STORY.entries()) {
    transcript.heading(`${i + 1}. ${n.steps[step.key]}`);
    await step.run(actors, cast, state);
    world.fake.assertNoRejections(); // nothing Telegram would have refused
    done++;
    if (watching) await new Promise((r) => setTimeout(r, 800));
  }
  if (world.fake.warnings.length > 0) throw new StepFailed(`the fake Telegram warned:\n  ${world.fake.warnings.join("\n  ")}`);
  await printSummary(world.db, transcript);
} catch (error) {
  failed = error;
} finally {
  transcript.showBot();
  await world.close();
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failed) {
  const message = failed instanceof StepFailed ? failed.message : failed instanceof Error ? (failed.stack ?? failed.message) : String(failed);
  const where = STORY[done] ? n.atStep(done + 1, n.steps[STORY[done]!.key]) : n.atFinalChecks;
  transcript.important(transcript.style(`\n${n.broke(where, message)}`, "red", "bold"));
  process.exitCode = 1;
} else {
  transcript.important(transcript.style(n.done(STORY.length, seconds), "green"));
}
