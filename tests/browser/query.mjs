// Runs the search page's query reader (agendaQuery in
// themes/default/static/js/search.js) in node, for generator/index's
// tests: each line of standard input is a JSON string, a query; each line
// of output is its tokens and its parse, as JSON. No browser is needed.
//
// Usage: node query.mjs < queries.jsonl
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import vm from "node:vm";

const source = readFileSync(new URL("../../themes/default/static/js/search.js", import.meta.url), "utf8");
const context = { document: { getElementById: () => null }, window: {} };
vm.runInNewContext(source, context);
const { tokens, parse } = context.agendaQuery;

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const q = JSON.parse(line);
  const p = parse(q, { the: true, and: true });
  process.stdout.write(JSON.stringify({
    tokens: tokens(q).map((t) => ({ text: t.text, ident: !!t.ident })),
    terms: p.terms.length,
    phrases: p.phrases.map((run) => run.map((t) => t.text)),
  }) + "\n");
}
