// Runs the forms' rules (agendaPropose in
// themes/default/static/js/propose.js) in node, for the Go tests that
// hold them to the Go rules (generator/scaffold): each line of standard
// input is a JSON request, each line of output its answer. No browser is
// needed.
//
//	{"slug": "Niños Libres"}                          -> {"slug": "ninos-libres"}
//	{"objectives": [[id, title, category]], "category": "prevention"} -> {"id": "PV-4"}
//	{"quote": "a \"b\""}                              -> {"quote": "\"a \\\"b\\\"\""}
//	{"format": "email", "value": "x@y"}               -> {"problem": "..."}
//
// Usage: node propose.mjs < requests.jsonl
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import vm from "node:vm";

const source = readFileSync(new URL("../../themes/default/static/js/propose.js", import.meta.url), "utf8");
const context = { document: { getElementById: () => null }, URL };
vm.runInNewContext(source, context);
const P = context.agendaPropose;

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const q = JSON.parse(line);
  let out;
  if ("slug" in q) out = { slug: P.slugify(q.slug) };
  else if ("category" in q) out = { id: P.nextID(q.objectives, q.category) };
  else if ("quote" in q) out = { quote: P.quote(q.quote) };
  else out = { problem: P.problem(q.format, q.value) };
  process.stdout.write(JSON.stringify(out) + "\n");
}
