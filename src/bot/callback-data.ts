import { z } from "zod";

// Typed callback data: `prefix:v1:v2…`, validated on the way back in because
// callback data can be forged by any client. Telegram allows 64 bytes.

const MAX_BYTES = 64;
type Shape = Record<string, z.ZodType<string | number>>;

export interface CallbackData<S extends Shape> {
  readonly prefix: string;
  readonly filter: RegExp;
  pack(values: { [K in keyof S]: z.input<S[K]> }): string;
  /** undefined when the data is malformed or forged */
  unpack(data: string): { [K in keyof S]: z.output<S[K]> } | undefined;
}

export function createCallbackData<S extends Shape>(prefix: string, shape: S): CallbackData<S> {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`bad callback prefix ${prefix}`);
  const keys = Object.keys(shape) as (keyof S & string)[];
  const schema = z.object(shape);
  return {
    prefix,
    filter: new RegExp(`^${prefix}(:|$)`),
    pack(values) {
      const parts = keys.map((k) => {
        const v = String(values[k]);
        if (v.includes(":")) throw new Error(`callback value for ${k} contains ':'`);
        return v;
      });
      const data = [prefix, ...parts].join(":");
      if (Buffer.byteLength(data, "utf8") > MAX_BYTES) throw new Error(`callback data over ${MAX_BYTES} bytes: ${data}`);
      return data;
    },
    unpack(data) {
      const [head, ...parts] = data.split(":");
      if (head !== prefix || parts.length !== keys.length) return undefined;
      const raw = Object.fromEntries(keys.map((k, i) => [k, parts[i]]));
      const parsed = schema.safeParse(raw);
      return parsed.success ? (parsed.data as { [K in keyof S]: z.output<S[K]> }) : undefined;
    },
  };
}

/** An id carried in callback data: a positive integer, decimal. */
export const idField = z.coerce.number().int().positive().max(2 ** 31 - 1);
