// Drives /usr/bin/chromium through the search page of a site that
// generator/index/browser_test.go builds and serves (with a strict CSP).
// Usage: node search.mjs http://127.0.0.1:PORT/
// Prints one line per check and exits non-zero on the first failure.
import { chromium } from "playwright-core";
import { createRequire } from "node:module";

const base = process.argv[2];
const chrome = process.env.CHROMIUM || "/usr/bin/chromium";
const browser = await chromium.launch({
  executablePath: chrome,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"], // playwright gives each run a fresh profile
});
let failed = false;
const page = await browser.newPage();
const problems = [];
page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
page.on("pageerror", (e) => problems.push(String(e)));

async function check(name, fn) {
  try {
    await fn();
    console.log("ok   " + name);
  } catch (e) {
    failed = true;
    console.log("FAIL " + name + ": " + e.message);
  }
}
function expect(cond, msg) { if (!cond) throw new Error(msg); }
// until polls fn in the page. (Playwright's waitForFunction evaluates
// strings, which the strict CSP rightly forbids.)
async function until(fn, arg) {
  for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) {
    if (await page.evaluate(fn, arg)) return;
  }
  throw new Error("timed out waiting for " + fn.toString().slice(0, 80));
}
async function results() {
  return page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
}
async function search(q) {
  await page.fill("#search-q", q);
  await until((q) => {
    const s = document.getElementById("search-status").textContent;
    return s.includes("“" + q + "”") && (s.startsWith("No") || !!document.querySelector("#search-results li"));
  }, q);
  return results();
}

// status waits for the status line to say something about q.
async function status(q) {
  await page.fill("#search-q", q);
  await until((q) => {
    const s = document.getElementById("search-status").textContent;
    const said = s.includes("“" + q + "”") || (s.startsWith("Showing") && s.includes('instead for "' + q + '"'));
    // The status comes first, the results as their files arrive.
    return said && (s.startsWith("No") || !!document.querySelector("#search-results li"));
  }, q);
  return page.$eval("#search-status", (s) => s.textContent);
}
await page.goto(base + "search/");
await page.waitForSelector("html.search-ready");

await check("an objective id finds its page first", async () => {
  const r = await search("PV-1");
  expect(r[0] === "/objectives/pv-1/", "first result " + r[0]);
});
await check("an acronym finds its organization first", async () => {
  const r = await search("OVC");
  expect(r[0] === "/organizations/office-for-victims-of-crime/", "first result " + r[0]);
});
await check("one typo still finds the page", async () => {
  await status("trafficing");
  const r = await results();
  expect(r.includes("/objectives/pv-1/"), "results " + r.join(" "));
});
await check("a typo in the first letters still finds the page", async () => {
  for (const q of ["rtafficking", "tarfficking", "ttrafficking"]) {
    await status(q);
    const r = await results();
    expect(r.includes("/objectives/pv-1/"), q + ": results " + r.join(" "));
  }
});
await check("the last word matches as a prefix while typing", async () => {
  const r = await search("recrui");
  expect(r.some((h) => h.startsWith("/objectives/pv-1/")), "results " + r.join(" "));
});
await check("a heading match links to its section", async () => {
  const r = await search("hotline numbers");
  expect(r[0] === "/about/#hotline-numbers", "first result " + r[0]);
});
await check("a quoted phrase must appear as written", async () => {
  const loose = await search("shelter survivors");
  const phrase = await search('"survivors shelter"');
  expect(loose.length > phrase.length && phrase.length >= 1, loose.length + " vs " + phrase.length);
});
await check("results are highlighted", async () => {
  await search("shelter");
  const marks = await page.$$eval("#search-results mark", (ms) => ms.map((m) => m.textContent.toLowerCase()));
  expect(marks.some((m) => m.startsWith("shelter")), "marks " + marks.join(","));
});
await check("a facet filters results, and the URL restores them", async () => {
  const all = await search("shelter");
  await page.check('input[name="kind"][value="organization"]');
  await until(() => location.search.includes("kind=organization"));
  await until((n) => document.querySelectorAll("#search-results li").length < n, all.length);
  const filtered = await results();
  expect(filtered.every((h) => h.startsWith("/organizations/")), "filtered " + filtered.join(" "));
  const url = page.url();
  expect(url.includes("q=shelter"), "url " + url);
  await page.goto(url);
  await until(() => !!document.querySelector("#search-results li"));
  const again = await results();
  expect(JSON.stringify(again) === JSON.stringify(filtered), "after reload " + again.join(" "));
  expect(await page.isChecked('input[name="kind"][value="organization"]'), "facet not checked after reload");
});
await check("facet counts are shown per category, sector and kind", async () => {
  await search("shelter");
  const legends = await page.$$eval("#search-facets legend", (ls) => ls.map((l) => l.textContent));
  expect(["Category", "Sector", "Kind"].every((l) => legends.includes(l)), "legends " + legends.join(","));
  const count = await page.$eval("#search-facets .search-facet__count", (c) => c.textContent);
  expect(/^\(\d+\)$/.test(count), "count " + count);
});
await check("arrow keys move from the box through the results", async () => {
  await page.goto(base + "search/?q=shelter");
  await page.waitForSelector("#search-results li");
  await page.focus("#search-q");
  await page.keyboard.press("ArrowDown");
  const first = await page.evaluate(() => document.activeElement.getAttribute("href"));
  expect(first && first === (await results())[0], "focused " + first);
  await page.keyboard.press("ArrowUp");
  expect(await page.evaluate(() => document.activeElement.id) === "search-q", "did not return to the box");
});
await check("the header form on every page submits to /search/", async () => {
  await page.goto(base + "about/");
  await page.fill("#site-search-q", "PV-1");
  await page.press("#site-search-q", "Enter");
  await page.waitForSelector("#search-results li");
  expect(page.url().includes("/search/?q=PV-1"), "url " + page.url());
  expect((await results())[0] === "/objectives/pv-1/", "first " + (await results())[0]);
});
await check("without JavaScript the page says search needs it", async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  await p.goto(base + "search/?q=shelter");
  expect(await p.isVisible(".search-nojs"), "notice hidden");
  expect(await p.isVisible('.search-nojs a[href="/sectors/"]'), "no link to sectors");
  await ctx.close();
});
await check("words side by side rank above the same words scattered", async () => {
  const r = await search("forced labor");
  const together = r.findIndex((h) => h.startsWith("/objectives/pv-10/")), apart = r.findIndex((h) => h.startsWith("/overtime/"));
  expect(together >= 0 && apart > together, "results " + r.join(" "));
});
await check("a word as written ranks above a word it only begins", async () => {
  const r = await search("labor");
  const word = r.findIndex((h) => h.startsWith("/objectives/pv-10/")), prefix = r.indexOf("/lab/");
  expect(word >= 0 && prefix > word, "results " + r.join(" "));
});
await check("a corrected typo says so, offers the word as typed and highlights what it found", async () => {
  const s = await status("trafficing");
  expect(s.startsWith("Showing") && s.includes("for “trafficking”") && s.includes('Search instead for "trafficing"'), "status " + s);
  const href = await page.$eval("#search-status a", (a) => a.getAttribute("href"));
  expect(href === "?q=" + encodeURIComponent('"trafficing"'), "link " + href);
  const marks = await page.$$eval("#search-results mark", (ms) => ms.map((m) => m.textContent.toLowerCase()));
  expect(marks.includes("trafficking"), "marks " + marks.join(","));
  const r = await results();
  expect(r.includes("/objectives/pv-1/"), "results " + r.join(" "));
  // PT-1 says "trained", which starts as "trafficing" does but is no typo of it.
  expect(!r.some((h) => h.startsWith("/objectives/pt-1/")), "a word far from the query matched: " + r.join(" "));
});
await check("a quoted word is matched only as written", async () => {
  const s = await status('"trafficing"');
  expect(s.startsWith("No results"), "status " + s);
});
await check("no results offers the nearest word, which finds results", async () => {
  const s = await status("labr");
  expect(s.includes("Did you mean “labor”?") && !s.includes("filter"), "status " + s);
  await page.click("#search-status a");
  await page.waitForSelector("#search-results li");
  expect(page.url().includes("q=labor"), "url " + page.url());
});
await check("no results with nothing near says what to try, not to clear filters", async () => {
  const s = await status("qzxvwj");
  expect(s === "No results for “qzxvwj”. Check the spelling or use fewer words.", "status " + s);
});
await check("typing before the index has loaded runs the query once it has", async () => {
  await page.route("**/search/manifest.json", async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await page.goto(base + "search/");
  await page.fill("#search-q", "shelter");
  await page.waitForSelector("#search-results li");
  await page.unroute("**/search/manifest.json");
  expect(await page.$eval("#search-q", (i) => i.value) === "shelter", "the typed query was replaced");
});
await check("services, regions and acronyms find their organization", async () => {
  for (const q of ["Cascadia", "legal clinic"]) {
    const r = await search(q);
    expect(r[0] === "/organizations/harbor-house/", q + ": first result " + r[0]);
  }
});
await check("a query of only common words says so", async () => {
  const s = await status("the");
  expect(s === "No results for “the”. Words as common as these are not searched for on their own: add another word.", "status " + s);
});
await check("the header's box shows the query on the search page", async () => {
  await page.goto(base + "search/?q=shelter");
  await page.waitForSelector("#search-results li");
  expect(await page.$eval("#site-search-q", (i) => i.value) === "shelter", "header box empty");
});
await check("a result says its kind, its P and its sector", async () => {
  await search("Harbor House");
  const about = await page.$$eval(".search-result__kind", (ps) => ps.map((p) => p.textContent));
  expect(about.includes("Organization · Protection · Victim services"), "lines " + about.join(" | "));
});
await check("highlights stay readable in light and dark mode (axe on the results)", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const ctx = await browser.newContext({ colorScheme });
    await ctx.addInitScript({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
    const p = await ctx.newPage();
    await p.goto(base + "search/?q=shelter");
    await p.waitForSelector("#search-results mark");
    const v = await p.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((x) => x.id + ": " + x.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")));
    await ctx.close();
    expect(v.length === 0, colorScheme + ": " + v.join(" | "));
  }
});
await check("nothing moves while results and filters arrive (CLS under 0.1)", async () => {
  for (const width of [1280, 375]) {
    const ctx = await browser.newContext({ viewport: { width, height: 800 } });
    await ctx.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    const p = await ctx.newPage();
    await p.goto(base + "search/?q=shelter");
    await p.waitForSelector("#search-facets fieldset");
    await p.waitForTimeout(300);
    const cls = await p.evaluate(() => window.__cls);
    await ctx.close();
    expect(cls < 0.1, width + " px: layout shift " + cls.toFixed(3));
  }
});
await check("no errors and no CSP violations", async () => {
  expect(problems.length === 0, problems.join(" | "));
});
await browser.close();
process.exit(failed ? 1 : 0);
