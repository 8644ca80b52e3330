// Measures the bytes headless Chromium downloads for each benchmark query,
// with agenda's search page and with Pagefind, on the site bench/search
// serves. Run by `go run ./bench/search`.
import { chromium } from "playwright-core";

const base = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
});

const queries = [
  ["rare word", "zanzibarite", ""],
  ["common word", "shelter", ""],
  ["word on every page", "commitment", ""],
  ["two-letter prefix", "tr", ""],
  ["typo", "trafficing", ""],
  ["typo in the first letters", "rtafficking", ""],
  ["one letter", "t", ""],
  ["two words", "survivor housing", ""],
  ["phrase", '"forced labor"', ""],
  ["common word, facet", "shelter", "&kind=organization"],
];
const follow = "housing";

async function until(page, fn, arg) {
  for (const end = Date.now() + 20000; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) {
    if (await page.evaluate(fn, arg)) return;
  }
  throw new Error("timeout");
}

// session opens a fresh context (empty cache) and counts bytes received,
// leaving out the HTML page itself.
async function session() {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  const s = { ctx, page, bytes: 0, doc: new Set() };
  cdp.on("Network.responseReceived", (e) => { if (e.type === "Document") s.doc.add(e.requestId); });
  cdp.on("Network.loadingFinished", (e) => { if (!s.doc.has(e.requestId)) s.bytes += e.encodedDataLength; });
  return s;
}

const ours = async (q, facet) => {
  const s = await session();
  let t = Date.now();
  await s.page.goto(base + "search/?q=" + encodeURIComponent(q) + facet);
  await until(s.page, () => /result|No results/.test(document.getElementById("search-status").textContent) && !document.querySelector("#search-results:empty") || /No results/.test(document.getElementById("search-status").textContent));
  const first = { bytes: s.bytes, ms: Date.now() - t, status: await s.page.textContent("#search-status") };
  s.bytes = 0; t = Date.now();
  await s.page.fill("#search-q", follow);
  await until(s.page, (w) => document.getElementById("search-status").textContent.includes(w) && !!document.querySelector("#search-results li"), follow);
  await new Promise((r) => setTimeout(r, 200));
  const next = { bytes: s.bytes, ms: Date.now() - t };
  await s.ctx.close();
  return { first, next };
};

const pagefind = async (q) => {
  const s = await session();
  await s.page.goto(base + "pf.html");
  await until(s.page, () => window.pfReady === true);
  let t = Date.now();
  const r = await s.page.evaluate((q) => window.pfSearch(q), q);
  await new Promise((r) => setTimeout(r, 200));
  const first = { bytes: s.bytes, ms: Date.now() - t, status: r.count + " results" };
  s.bytes = 0; t = Date.now();
  await s.page.evaluate((q) => window.pfSearch(q), follow);
  await new Promise((r) => setTimeout(r, 200));
  const next = { bytes: s.bytes, ms: Date.now() - t };
  await s.ctx.close();
  return { first, next };
};

const kb = (b) => (b / 1024).toFixed(1).padStart(6);
console.log("\nquery                 | agenda first KB | then 'housing' KB | results        || pagefind first KB | then KB | results");
for (const [name, q, facet] of queries) {
  const a = await ours(q, facet);
  const p = facet ? null : await pagefind(q);
  console.log(`${(name + ' "' + q + '"').padEnd(33)} | ${kb(a.first.bytes)} (${a.first.ms} ms) | ${kb(a.next.bytes)} | ${a.first.status.slice(0, 24).padEnd(24)} || ` +
    (p ? `${kb(p.first.bytes)} (${p.first.ms} ms) | ${kb(p.next.bytes)} | ${p.first.status}` : "(no filters in this Pagefind setup)"));
}
await browser.close();
