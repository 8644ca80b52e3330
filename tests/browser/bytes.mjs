// Counts the bytes headless Chromium receives for search queries on a
// site generator/index's TestSearchBytes serves (gzip, as static hosts
// do): for each query, a fresh browser context (an empty cache) loads
// /search/?q=QUERY and waits for the results; everything received after
// the HTML page counts (script, style, manifest, chunks, results). Then a
// following query is typed in the same tab and counted on its own.
//
// Usage: node bytes.mjs http://127.0.0.1:PORT/ FOLLOWING QUERY...
// Prints one JSON object: {query: {first, then}} in bytes.
import { chromium } from "playwright-core";

const [base, following, ...queries] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
});

async function settled(page, q) {
  for (const end = Date.now() + 20000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    const done = await page.evaluate((q) => {
      const s = document.getElementById("search-status").textContent;
      return s.includes(q) && (s.startsWith("No") || !!document.querySelector("#search-results li"));
    }, q);
    if (done) return new Promise((r) => setTimeout(r, 300)); // the filters, drawn last
  }
  throw new Error("no results for " + q);
}

const out = {};
for (const q of queries) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  const docs = new Set();
  cdp.on("Network.responseReceived", (e) => { if (e.type === "Document") docs.add(e.requestId); });
  cdp.on("Network.loadingFinished", (e) => { if (!docs.has(e.requestId)) bytes += e.encodedDataLength; });
  await page.goto(base + "search/?q=" + encodeURIComponent(q));
  await settled(page, q);
  const first = bytes;
  bytes = 0;
  await page.fill("#search-q", following);
  await settled(page, following);
  out[q] = { first, then: bytes };
  await ctx.close();
}
console.log(JSON.stringify(out));
await browser.close();
