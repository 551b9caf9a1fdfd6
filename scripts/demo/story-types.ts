import type { Actors } from "./actors";
import type { Cast } from "./cast";
import type { StepKey } from "./narration";

/** What the steps learn as the story goes and pass on. */
export type StoryState = { productId?: number; buyId?: number; link?: string };

/** A step of the story; its title is the narration's `steps[key]`. */
export type Step = { key: StepKey; run(a: Actors, c: Cast, s: StoryState): Promise<void> };
