// Loads one page of every kind of a built site in /usr/bin/chromium and
// checks it as a visitor would: axe-core finds no accessibility violations
// (in light and dark colour schemes), it has one h1, one main and a skip
// link to it, nothing overflows a 320, 375 or 1280 px screen except inside
// a labelled scroll region, chart labels stay whole inside their
// pictures at each width, the pages that open with key figures show
// them in the first screen before any prose, printed pages give their
// permanent address and the day their data is as of,
// the strict CSP the site is served with blocks nothing, and a screenshot
// at 1280 px and at 375 px wide is saved for a person to look at.
// generator/site/browser_test.go builds the bundled strategy, serves it and
// runs this script.
//
// Usage: node pages.mjs http://127.0.0.1:PORT SCREENSHOT_DIR /path/ /other/ ...
// Prints one line per page and check; exits non-zero if any check failed.
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const [base, shots, ...paths] = process.argv.slice(2);
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

let failures = 0;
// chartTexts counts the chart labels checked, so a check that found no
// label to look at cannot pass unnoticed.
let chartTexts = 0;
function fail(path, what) {
  failures++;
  console.log(`FAIL ${path}: ${what}`);
}

// shotName turns a URL path into a file name: /objectives/pv-1/ -> objectives-pv-1.
function shotName(path) {
  return path.replace(/index\.html$|\.html$/, "").replace(/^\/|\/$/g, "").replace(/\//g, "-") || "home";
}

// axeReport runs axe-core in the page; the script was added as an init
// script, which a page's CSP does not apply to.
async function axeReport(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  });
}

// keyFigurePage: the kinds of page that open with a strip of key figures
// (issue 13): home, a P, a sector, an objective, an organization, a
// partnership.
const keyFigurePage = /^\/$|^\/(categories|sectors|objectives|organizations|partnerships)\/(?!page\/)[^/]+\/$/;

// overflowReport runs in the page: how wide the document is, and the
// elements wider than the screen that no scroll region holds. A scroll
// region says so: role=region, an aria-label, tabindex=0 and overflow-x
// auto or scroll.
function overflowReport() {
  const limit = document.documentElement.clientWidth;
  const scrolls = (el) => el.getAttribute("role") === "region" && el.hasAttribute("aria-label") &&
    el.getAttribute("tabindex") === "0" && /auto|scroll/.test(getComputedStyle(el).overflowX);
  const inScroller = (el) => { for (let a = el.parentElement; a; a = a.parentElement) if (scrolls(a)) return true; return false; };
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > limit + 1 && getComputedStyle(el).position !== "absolute" && !inScroller(el)) {
      wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : ""));
    }
  }
  return { scroll: document.documentElement.scrollWidth, limit, wide: wide.slice(0, 5) };
}

// chartLabelReport runs in the page: text of a chart drawn outside its
// picture (beyond the <svg>'s box on screen, or beyond its viewBox), and
// labels cut short with an ellipsis, in the picture or in the HTML text
// of a chart (bar labels, captions).
function chartLabelReport() {
  const out = [];
  let texts = 0;
  for (const svg of document.querySelectorAll("main svg")) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const vb = svg.viewBox && svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll("text")) {
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      texts++;
      const label = JSON.stringify(t.textContent.trim());
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        out.push(`${label} outside its picture (${Math.round(r.left)}–${Math.round(r.right)} of ${Math.round(box.left)}–${Math.round(box.right)})`);
      }
      if (vb && vb.width > 0) {
        const b = t.getBBox();
        if (b.x < vb.x - 1 || b.x + b.width > vb.x + vb.width + 1 || b.y < vb.y - 1 || b.y + b.height > vb.y + vb.height + 1) {
          out.push(`${label} outside the viewBox`);
        }
      }
      if (/…|\.\.\.\s*$/.test(t.textContent)) out.push(`${label} cut short`);
    }
  }
  for (const el of document.querySelectorAll(".chart figcaption, .bars__label, .bars__amounts")) {
    if (/…/.test(el.textContent)) out.push(`${JSON.stringify(el.textContent.trim().slice(0, 60))} cut short`);
  }
  return { problems: out.slice(0, 5), texts };
}

// keyFiguresReport runs in the page: where the first key figure ends,
// how many there are, and any paragraph of prose in main before them.
function keyFiguresReport() {
  const strip = document.querySelector("main .key-figures");
  const first = strip && strip.querySelector("dl > div");
  if (!first) return { found: false };
  let proseBefore = "";
  for (const p of document.querySelectorAll("main p, main .prose")) {
    if (p.closest(".key-figures") || p.classList.contains("entity__tags")) continue;
    if (p.compareDocumentPosition(strip) & Node.DOCUMENT_POSITION_FOLLOWING) { proseBefore = p.textContent.trim().slice(0, 60); break; }
  }
  return {
    found: true, bottom: first.getBoundingClientRect().bottom + window.scrollY,
    figures: strip.querySelectorAll("dl > div").length, proseBefore,
  };
}

for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ path: axePath });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));

  for (const path of paths) {
    problems.length = 0;
    await page.setViewportSize({ width: 1280, height: 900 });
    const res = await page.goto(base + path, { waitUntil: "load" });
    if (!res || (res.status() !== 200 && !(path.endsWith("404.html") && res.status() === 404))) {
      fail(path, "HTTP " + (res && res.status()));
      continue;
    }
    const violations = await axeReport(page);
    for (const v of violations) {
      fail(path, `axe (${scheme}) ${v.id} [${v.impact}] ${v.help}: ${v.targets.join(", ")}`);
    }
    const name = shotName(path);
    if (scheme === "light") {
      const shape = await page.evaluate(() => ({
        h1: document.querySelectorAll("h1").length,
        main: document.querySelectorAll("main").length,
        skip: (() => { const a = document.querySelector("a.skip-link"); return !!a && !!document.querySelector(a.getAttribute("href")); })(),
      }));
      if (shape.h1 !== 1) fail(path, `${shape.h1} h1 elements, want 1`);
      if (shape.main !== 1) fail(path, `${shape.main} main elements, want 1`);
      if (!shape.skip) fail(path, "no skip link to the main content");
      await page.screenshot({ path: join(shots, `${name}-1280.png`), fullPage: true });
      await page.setViewportSize({ width: 375, height: 800 });
      await page.screenshot({ path: join(shots, `${name}-375.png`), fullPage: true });
      await page.screenshot({ path: join(shots, `${name}-375-top.png`) });
      // At every width nothing is wider than the screen, except inside
      // an element that says it scrolls: a labelled, focusable region
      // that scrolls sideways (a wide table on a phone).
      for (const width of [320, 375, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        const overflow = await page.evaluate(overflowReport);
        if (overflow.scroll > overflow.limit || overflow.wide.length) {
          fail(path, `wider than ${width} px (${overflow.scroll} px): ${overflow.wide.join(", ")}`);
        }
        // Chart labels stay inside their picture, whole, at every width.
        const labels = await page.evaluate(chartLabelReport);
        for (const p of labels.problems) fail(path, `at ${width} px, chart label ${p}`);
        chartTexts += labels.texts;
      }
      // Printed, a page shows its permanent address and every table,
      // including those behind a closed "Table of the figures".
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ media: "print" });
      const printed = await page.evaluate(() => {
        const url = document.querySelector(".site-footer__permalink");
        const canonical = document.querySelector('link[rel="canonical"]').href;
        const hidden = [...document.querySelectorAll("main table")].filter((t) => !t.checkVisibility()).length;
        return { url: !!url && url.checkVisibility() && url.textContent.includes(canonical), hidden, asOf: (() => { const a = document.querySelector(".site-footer__asof"); return !!a && a.checkVisibility() && /^Data as of \w+ \d+, \d{4}\.$/.test(a.textContent); })() };
      });
      await page.emulateMedia({ media: "screen" });
      if (!printed.url) fail(path, "printed, the page does not show its permanent address");
      if (printed.hidden) fail(path, `printed, ${printed.hidden} tables stay hidden`);
      if (!printed.asOf) fail(path, "printed, the page does not say what day its data is as of");
      // Pages that open with key figures show them, before any prose,
      // within the first screen of a phone and of a laptop.
      if (keyFigurePage.test(path)) {
        for (const [width, height] of [[320, 568], [375, 667], [1280, 800]]) {
          await page.setViewportSize({ width, height });
          const strip = await page.evaluate(keyFiguresReport);
          if (!strip.found) { fail(path, "no key figures"); break; }
          if (strip.bottom > height) fail(path, `the first key figure ends at ${Math.round(strip.bottom)} px, below the first screen (${width}×${height})`);
          if (strip.proseBefore) fail(path, `prose before the key figures: ${strip.proseBefore}`);
          if (strip.figures < 3) fail(path, `${strip.figures} key figures, want at least 3`);
        }
      }
    } else {
      await page.screenshot({ path: join(shots, `${name}-1280-dark.png`), fullPage: true });
    }
    for (const p of problems) fail(path, `console (${scheme}): ${p}`);
    if (violations.length === 0) console.log(`ok   ${path} (${scheme}): axe found no violations`);
  }
  await context.close();
}
// The permanent link's "Copy link" button: made by copy.js under the
// strict CSP, it copies the link and says so; without JavaScript there is
// no button, and the link is still there to select.
const linked = paths.find((p) => /^\/objectives\/[^/]+\/$/.test(p));
if (linked) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = await context.newPage();
  await page.goto(base + linked, { waitUntil: "load" });
  const want = await page.inputValue("#permalink");
  const button = page.getByRole("button", { name: "Copy link" });
  if (await button.count() !== 1) {
    fail(linked, "no Copy link button beside the permanent link");
  } else {
    await button.click();
    const status = page.locator("#permalink + .permalink__actions .permalink__status");
    await status.filter({ hasText: "Link copied." }).waitFor({ timeout: 5000 }).catch(() => {});
    const said = await status.textContent();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    if (said !== "Link copied.") fail(linked, `after Copy link the status says ${JSON.stringify(said)}`);
    if (await status.getAttribute("role") !== "status") fail(linked, "the copy status is not a status region");
    if (copied !== want) fail(linked, `Copy link copied ${JSON.stringify(copied)}, want ${JSON.stringify(want)}`);
    else console.log(`ok   ${linked}: Copy link copies ${want}`);
  }
  // The code that shows the objective's card on another site copies too.
  const code = await page.inputValue("#embed-code").catch(() => "");
  const copyCode = page.getByRole("button", { name: "Copy code" });
  if (!code.startsWith("<iframe ") || await copyCode.count() !== 1) {
    fail(linked, "no embed code with its Copy code button");
  } else {
    await copyCode.click();
    await page.locator("#embed-code + .permalink__actions .permalink__status").filter({ hasText: "Code copied." }).waitFor({ timeout: 5000 }).catch(() => fail(linked, "Copy code does not say it copied"));
    if (await page.evaluate(() => navigator.clipboard.readText()) !== code) fail(linked, "Copy code copied something else");
    else console.log(`ok   ${linked}: Copy code copies the embed code`);
  }
  await context.close();
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noJS = await plain.newPage();
  await noJS.goto(base + linked, { waitUntil: "load" });
  if (await noJS.locator(".permalink__copy").count() !== 0) fail(linked, "a Copy link button without JavaScript");
  if (!(await noJS.inputValue("#permalink")).startsWith("http")) fail(linked, "no permanent link without JavaScript");
  await plain.close();
}
await browser.close();
if (paths.some((p) => /^\/objectives\/[^/]+\/$/.test(p)) && chartTexts === 0) fail("(all)", "no chart label was checked");
console.log(`${paths.length} pages, ${failures} problems, ${chartTexts} chart labels checked; screenshots in ${shots}`);
process.exit(failures ? 1 : 0);
