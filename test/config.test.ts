import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config";
import { TEST_TOKEN } from "./helpers/harness";

// parseConfig is the one place the environment is read; these check what a
// person setting up the bot is told when a variable is wrong or missing.

function problem(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("takes a currency with 2 decimals", () => {
    expect(parseConfig({ BOT_TOKEN: TEST_TOKEN, CURRENCY: "USD" }).currency).toBe("USD");
    expect(parseConfig({ BOT_TOKEN: TEST_TOKEN }).currency).toBe("CNY");
  });

  it.each(["JPY", "KWD"])("refuses %s, whose minor unit is not hundredths, in one line", (code) => {
    const error = problem({ BOT_TOKEN: TEST_TOKEN, CURRENCY: code });
    expect(error.variable).toBe("CURRENCY");
    expect(error.problem).toMatch(/2 decimals/);
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("still says an unknown currency is not a currency code", () => {
    const error = problem({ BOT_TOKEN: TEST_TOKEN, CURRENCY: "XX1" });
    expect(error.variable).toBe("CURRENCY");
    expect(error.problem).toMatch(/ISO 4217/);
  });

  it("takes positive user ids as organizers", () => {
    expect([...parseConfig({ BOT_TOKEN: TEST_TOKEN, ORGANIZER_IDS: "12345, 67890" }).organizerIds]).toEqual([12345, 67890]);
  });

  it.each(["-1001234567890", "12345,-42", "0"])("refuses ORGANIZER_IDS=%s (group ids, zero)", (ids) => {
    const error = problem({ BOT_TOKEN: TEST_TOKEN, ORGANIZER_IDS: ids });
    expect(error.variable).toBe("ORGANIZER_IDS");
    expect(error.problem).toMatch(/positive Telegram user ids/);
  });

  it("tells a missing BOT_TOKEN from a malformed one", () => {
    expect(problem({}).missing).toBe(true);
    expect(problem({ BOT_TOKEN: "  " }).missing).toBe(true);
    const malformed = problem({ BOT_TOKEN: "not-a-token" });
    expect(malformed.variable).toBe("BOT_TOKEN");
    expect(malformed.missing).toBe(false);
  });

  it("says a webhook secret is missing, and a bad one is not", () => {
    const base = { BOT_TOKEN: TEST_TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://coop.example/hook" };
    expect(problem(base)).toMatchObject({ variable: "WEBHOOK_SECRET", missing: true });
    expect(problem({ ...base, WEBHOOK_SECRET: "short" })).toMatchObject({ variable: "WEBHOOK_SECRET", missing: false });
  });
});
