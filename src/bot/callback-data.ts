import { z } from "zod";

// Typed callback data: `prefix:v1:v2…`, validated on the way back in because
// callback data can be forged by any client. Telegram allows 64 bytes.
//
// Every kind registers itself with the chats its buttons are shown in and who
// they are for: the callback guard (middlewares/callback-guard.ts) refuses a
// press anywhere else, and a test walks the registry (callbackKinds()).

const MAX_BYTES = 64;
type Shape = Record<string, z.ZodType<string | number>>;

/** "group" covers groups and supergroups. */
export type ButtonChat = "private" | "group";
/**
 * Who may press: "member" — anyone in the chat; "organizer" — an organizer of
 * the group's community (in a private chat: of some community). A button in a
 * private chat is always only for that chat's own user.
 */
export type ButtonAudience = "member" | "organizer";

export type CallbackKindOptions = {
  /** where the kind's buttons are shown (default: private chats only) */
  chats?: readonly ButtonChat[];
  /** who they are for (default: "member", i.e. in private the chat's own user) */
  audience?: ButtonAudience;
  /** the last value may contain ':' (it takes the rest of the data) */
  lastTakesRest?: boolean;
};

export interface CallbackKind {
  readonly prefix: string;
  readonly chats: readonly ButtonChat[];
  readonly audience: ButtonAudience;
}

export interface CallbackData<S extends Shape> extends CallbackKind {
  readonly filter: RegExp;
  pack(values: { [K in keyof S]: z.input<S[K]> }): string;
  /** undefined when the data is malformed or forged */
  unpack(data: string): { [K in keyof S]: z.output<S[K]> } | undefined;
}

const registry = new Map<string, CallbackKind>();

/** Every callback-data kind created so far (all of the bot's, once createBot's modules are loaded). */
export function callbackKinds(): CallbackKind[] {
  return [...registry.values()];
}

/** The registered kind of a piece of callback data, by its prefix. */
export function callbackKindOf(data: string): CallbackKind | undefined {
  const colon = data.indexOf(":");
  return registry.get(colon < 0 ? data : data.slice(0, colon));
}

export function createCallbackData<S extends Shape>(prefix: string, shape: S, options: CallbackKindOptions = {}): CallbackData<S> {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`bad callback prefix ${prefix}`);
  // two kinds with one prefix would share a guard entry and each other's presses
  if (registry.has(prefix)) throw new Error(`callback prefix ${prefix} is registered twice`);
  const keys = Object.keys(shape) as (keyof S & string)[];
  const schema = z.object(shape);
  const rest = options.lastTakesRest === true;
  const kind: CallbackData<S> = {
    prefix,
    chats: options.chats ?? ["private"],
    audience: options.audience ?? "member",
    filter: new RegExp(`^${prefix}(:|$)`),
    pack(values) {
      const parts = keys.map((k, i) => {
        const v = String(values[k]);
        if (v.includes(":") && !(rest && i === keys.length - 1)) throw new Error(`callback value for ${k} contains ':'`);
        return v;
      });
      const data = [prefix, ...parts].join(":");
      if (Buffer.byteLength(data, "utf8") > MAX_BYTES) throw new Error(`callback data over ${MAX_BYTES} bytes: ${data}`);
      return data;
    },
    unpack(data) {
      const [head, ...split] = data.split(":");
      const parts = rest && keys.length > 0 && split.length > keys.length ? [...split.slice(0, keys.length - 1), split.slice(keys.length - 1).join(":")] : split;
      if (head !== prefix || parts.length !== keys.length) return undefined;
      const raw = Object.fromEntries(keys.map((k, i) => [k, parts[i]]));
      const parsed = schema.safeParse(raw);
      return parsed.success ? (parsed.data as { [K in keyof S]: z.output<S[K]> }) : undefined;
    },
  };
  registry.set(prefix, { prefix, chats: kind.chats, audience: kind.audience });
  return kind;
}

/** An id carried in callback data: a positive integer, decimal. */
export const idField = z.coerce.number().int().positive().max(2 ** 31 - 1);
