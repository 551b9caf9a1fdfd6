// `npm start`: rebuilds the bundle if a source changed since the last build
// (scripts/build.mjs), then runs it in this same process, so signals reach
// the bot and no second node start is paid for.
import { pathToFileURL } from "node:url";
import { BUNDLE, buildBot, bundleIsStale } from "./build.mjs";

if (bundleIsStale()) {
  try {
    await buildBot();
  } catch (error) {
    console.error(`Could not build the bot: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
await import(pathToFileURL(BUNDLE).href);
