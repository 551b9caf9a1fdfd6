import type { Actors } from "./actors";
import type { Cast } from "./cast";

/** What the steps learn as the story goes and pass on. */
export type StoryState = { productId?: number; buyId?: number; link?: string };

export type Step = { title: string; run(a: Actors, c: Cast, s: StoryState): Promise<void> };
