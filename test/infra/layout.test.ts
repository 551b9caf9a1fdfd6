import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The house rules of src/ (README, "Layout"), checked on the source itself so
// that the next feature can't quietly break them: updates flow one way, only
// src/db/ talks to Prisma, no import circles, files stay small.

const root = resolve(__dirname, "../..");
const src = join(root, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

const files = sourceFiles(src);
const text = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
const rel = (f: string) => relative(src, f);
const area = (f: string) => rel(f).split("/")[0]!;

/** Every relative import or re-export of a file, type-only ones included (they are dependencies too). */
function importsOf(file: string): string[] {
  const found: string[] = [];
  for (const m of text.get(file)!.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/g)) {
    const target = resolve(dirname(file), m[1]!);
    const candidates = [`${target}.ts`, join(target, "index.ts"), target];
    const hit = candidates.find((c) => text.has(c));
    if (hit) found.push(hit);
  }
  return found;
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

const models = [...readFileSync(join(root, "prisma/schema.prisma"), "utf8").matchAll(/^model (\w+)/gm)].map((m) => m[1]![0]!.toLowerCase() + m[1]!.slice(1));
/** `db.groupBuy.findMany(`, `tx.order.update(`, `this.db.member.count(`: a Prisma model delegate called. */
const modelCall = new RegExp(`\\.(?:${models.join("|")})\\.(?:find\\w*|create\\w*|update\\w*|delete\\w*|upsert|count|aggregate|groupBy)\\(`);
const clientCall = /\.\$(?:transaction|queryRaw\w*|executeRaw\w*)\b/;

describe("the house rules of src/", () => {
  it("only src/db/ uses Prisma: no import of the client, no model or raw-query call elsewhere", () => {
    const offenders = files
      .filter((f) => area(f) !== "db")
      .flatMap((f) =>
        text
          .get(f)!
          .split("\n")
          .map((line, i) => ({ line, at: `${rel(f)}:${i + 1}` }))
          .filter(({ line }) => /@prisma\/client|generated\/prisma/.test(line) || modelCall.test(line) || clientCall.test(line))
          .map(({ at, line }) => `${at}  ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it("has no import circles (type-only imports count)", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, "open");
      stack.push(f);
      for (const g of graph.get(f)!) {
        if (state.get(g) === "open") cycles.push([...stack.slice(stack.indexOf(g)), g].map(rel).join(" → "));
        else if (!state.has(g)) visit(g);
      }
      stack.pop();
      state.set(f, "done");
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it("lets dependencies point one way: domain knows nothing else, db knows only domain, views no bot", () => {
    const allowed: Record<string, string[]> = {
      domain: ["domain"],
      db: ["db", "domain", "generated", "project-root.ts", "clock.ts", "logger.ts"],
      views: ["views", "domain"],
    };
    const wrong = files.flatMap((f) => {
      const may = allowed[area(f)];
      if (!may) return [];
      return graph
        .get(f)!
        .filter((g) => !may.includes(area(g)))
        .map((g) => `${rel(f)} imports ${rel(g)}`);
    });
    expect(wrong).toEqual([]);
  });

  it("keeps files under about 300 lines", () => {
    const long = files.map((f) => ({ f: rel(f), lines: text.get(f)!.split("\n").length })).filter((x) => x.lines > 310);
    expect(long).toEqual([]);
  });
});
