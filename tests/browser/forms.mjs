// Fills in each form for a new file (/contribute/organization/,
// partnership/, objective/) in /usr/bin/chromium as a person would, under
// the site's strict CSP: sending it empty shows the errors beside the
// fields and in a summary that takes the focus; sending it filled in
// opens the repository host's new-file page, which this script answers
// itself (nothing leaves the machine). axe-core finds no violations on
// the form, empty, with its errors shown and filled in, in light and
// dark mode; at 375 px nothing is wider than the screen. Without
// JavaScript the page shows the file to copy and where to put it.
// generator/site/browser_test.go serves the built example, runs this
// script and runs the checker on each file it prints.
//
// With a third address, of the same strategy built without a repository
// in site.toml, the organization form is sent there too: it must stay on
// the page, show the file and say where to save it, and link nowhere.
//
// Usage: node forms.mjs http://127.0.0.1:PORT SCREENSHOT_DIR [http://127.0.0.1:OTHER]
// Prints "ok"/"FAIL" lines, and one line per form sent:
//   FILE {"kind": ..., "url": ..., "path": ..., "filename": ..., "value": ...}
// Exits non-zero if any check failed.
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const [base, shots, noRepo] = process.argv.slice(2);
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

let failures = 0;
function fail(where, what) { failures++; console.log(`FAIL ${where}: ${what}`); }
function ok(where, what) { console.log(`ok   ${where}: ${what}`); }

async function axe(page, where) {
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  for (const v of violations) fail(where, "axe " + v);
  return violations.length;
}

async function narrow(page, where) {
  await page.setViewportSize({ width: 375, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (wide > 0) fail(where, `${wide} px wider than a 375 px screen`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// addRef types into a list of names and presses Add.
async function addRef(page, key, typed) {
  await page.fill(`#f-${key}`, typed);
  await page.click(`[data-add="f-${key}"]`);
}

// The forms, each with what a person fills in. Names are typed as people
// know them (a title, an acronym, an id) and must become slugs and ids.
const forms = {
  organization: async (page) => {
    await page.fill("#f-title", "Niños Libres Café (Test)");
    await page.selectOption("#f-sector", "victim-services");
    await page.fill("#f-acronym", "NLC");
    await page.fill("#f-summary", "Runs a drop-in café where young people can ask for help.");
    await addRef(page, "objectives", "PT-1");
    await addRef(page, "objectives", "pv-1");
    await page.fill("#f-parent", "Harbor House (example)");
    await page.fill("#f-website", "https://example.org/ninos");
    await page.fill("#f-email", "hola@example.org");
    await page.fill("#f-phone", "+1 (202) 555-0188");
    await page.fill("#f-regions", "Washington\n\nOregon \n");
    await page.fill("#f-services", "Drop-in \"café\"\nReferrals");
    await page.check("#f-survivor_led");
    await page.fill("#f-body", "A café run with survivors.\n\nOpen on weekdays.");
  },
  partnership: async (page) => {
    await page.fill("#f-title", "Test Coastal Alliance");
    await addRef(page, "members", "harbor-house");
    await addRef(page, "members", "mcpd");
    await addRef(page, "objectives", "PT-1");
    await addRef(page, "lead", "harbor-house");
    await page.selectOption("#f-kind", "alliance");
    await page.selectOption("#f-level", "coordination");
    await page.fill("#f-started", "2026-01-15");
    await page.fill("#f-summary", "Coastal services agree on one referral path.");
  },
  objective: async (page) => {
    await page.selectOption("#f-category", "prevention");
    await page.fill("#f-title", "Train hotel staff to spot trafficking");
    await page.fill("#f-summary", "Front-desk staff in every large hotel know the signs and whom to call.");
    await page.check("#f-sectors-business");
    await page.check("#f-sectors-government");
    await addRef(page, "lead", "harbor-house");
    await page.selectOption("#f-status", "planned");
    await page.fill("#f-start", "2026-03-01");
    await page.fill("#f-due", "2028-12-31");
    await page.fill("#f-need", "25000");
    await addRef(page, "related", "PV-1");
  },
};

for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ path: axePath });
  const opened = [];
  await context.route(/^https:\/\/github\.com\//, (route) => {
    opened.push(route.request().url());
    route.fulfill({ status: 200, contentType: "text/html", body: "<!DOCTYPE html><title>New file</title><link rel=\"icon\" href=\"data:,\">" });
  });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text() + " " + m.location().url); });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("requestfailed", (r) => problems.push(`request for ${r.url()} failed: ${r.failure() && r.failure().errorText}`));

  for (const [kind, fill] of Object.entries(forms)) {
    const where = `/contribute/${kind}/ (${scheme})`;
    problems.length = 0;
    await page.goto(`${base}/contribute/${kind}/`, { waitUntil: "load" });
    await page.waitForSelector("#propose:not([hidden])");
    await page.waitForFunction(() => document.querySelector("datalist"), null, { timeout: 5000 }).catch(() => fail(where, "the names were not loaded"));
    await axe(page, where + " empty");

    // Sent empty: every required field says what is missing.
    await page.click(".propose-submit");
    await page.waitForSelector("#propose-errors:not([hidden])");
    const shown = await page.evaluate(() => ({
      focused: document.activeElement && document.activeElement.id,
      summary: [...document.querySelectorAll("#propose-errors li")].map((li) => li.textContent),
      invalid: [...document.querySelectorAll("[aria-invalid=true]")].map((e) => e.id),
      described: [...document.querySelectorAll("[aria-invalid=true]")].every((e) =>
        (e.getAttribute("aria-describedby") || "").split(" ").some((id) => id.endsWith("-error") && document.getElementById(id) && !document.getElementById(id).hidden)),
    }));
    const required = { organization: ["f-title", "f-sector"], partnership: ["f-title", "f-members", "f-objectives"], objective: ["f-id", "f-title", "f-category", "f-summary"] }[kind];
    if (shown.focused !== "propose-errors") fail(where, `after sending empty the focus is on ${shown.focused}, not the summary`);
    for (const id of required) if (!shown.invalid.includes(id) && !shown.invalid.includes(id + "-group")) fail(where, `${id} not marked invalid when empty (${shown.invalid})`);
    if (!shown.described) fail(where, "an invalid field is not described by its error");
    if (shown.summary.length < required.length) fail(where, `the summary lists ${shown.summary.length} problems, want ${required.length}: ${shown.summary}`);
    else ok(where, `sent empty: ${shown.summary.join(" | ")}`);
    if (opened.length) fail(where, "an empty form opened " + opened.pop());
    await axe(page, where + " with errors");
    if (scheme === "light") {
      await page.screenshot({ path: join(shots, `form-${kind}-errors-1280.png`), fullPage: true });
    }

    // A mistake the checker would make: a bad e-mail address, a name
    // not in the strategy.
    if (kind === "organization") {
      await page.fill("#f-email", "mailto:x@example.org");
      await page.fill("#f-parent", "No Such Office");
      await page.click(".propose-submit");
      const errs = await page.evaluate(() => [document.getElementById("f-email-error").textContent, document.getElementById("f-parent-error").textContent]);
      if (!/mailto/.test(errs[0]) || !/not in the strategy/.test(errs[1])) fail(where, `bad e-mail and parent: ${errs}`);
      else ok(where, `says ${JSON.stringify(errs)}`);
    }
    if (kind === "partnership") {
      await addRef(page, "members", "Nobody At All");
      const err = await page.textContent("#f-members-error");
      if (!/not in the strategy/.test(err)) fail(where, `unknown member: ${err}`);
      await page.fill("#f-members", "");
    }

    await fill(page);
    const preview = await page.textContent("#file-text");
    if (!preview.startsWith("+++\n")) fail(where, "the file shown does not follow the form: " + preview.slice(0, 60));
    await narrow(page, where);
    if (scheme === "light") {
      await page.screenshot({ path: join(shots, `form-${kind}-filled-1280.png`), fullPage: true });
      await page.setViewportSize({ width: 375, height: 800 });
      await page.screenshot({ path: join(shots, `form-${kind}-filled-375.png`), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await axe(page, where + " filled in");
    const wait = page.waitForURL(/^https:\/\/github\.com\//, { timeout: 10000 }).catch(() => {});
    await page.click(".propose-submit");
    await wait;
    const url = opened.pop();
    if (!url) {
      const errors = await page.evaluate(() => document.getElementById("propose-errors").textContent);
      fail(where, "sending the filled form opened nothing: " + errors);
      continue;
    }
    const u = new URL(url);
    const value = u.searchParams.get("value"), filename = u.searchParams.get("filename");
    if (value !== preview) fail(where, "the file sent is not the file shown");
    if (scheme === "light") {
      console.log("FILE " + JSON.stringify({ kind, url, path: decodeURIComponent(u.pathname), filename, value }));
    }
    ok(where, `opened ${u.origin}${u.pathname}?filename=${filename}`);
    for (const p of problems) fail(where, "console: " + p);
  }
  await context.close();
}

// A file too long for an address: the host's page is offered empty, to
// paste the file into, and nothing is opened.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const opened = [];
  await context.route(/^https:\/\/github\.com\//, (route) => { opened.push(route.request().url()); route.abort(); });
  const page = await context.newPage();
  const where = "/contribute/organization/ (a long description)";
  await page.goto(`${base}/contribute/organization/`, { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelector("datalist"), null, { timeout: 5000 }).catch(() => {});
  await forms.organization(page);
  await page.fill("#f-body", "A long story. ".repeat(700));
  await page.click(".propose-submit");
  await page.waitForFunction(() => /too long/.test(document.getElementById("propose-where").textContent), null, { timeout: 5000 }).catch(() => {});
  const link = await page.evaluate(() => { const a = document.querySelector("#propose-where a"); return a ? a.href : ""; });
  if (opened.length) fail(where, "opened " + opened[0].slice(0, 100));
  if (!link.endsWith("/new/main/content/organizations?filename=ninos-libres-cafe-test.md")) fail(where, "no link to an empty new file: " + link);
  else ok(where, "offers " + link);
  await context.close();
}

// Without a repository: the form shows the file and where to save it.
if (noRepo) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ path: axePath });
  const page = await context.newPage();
  const where = "/contribute/organization/ (no repository)";
  const left = [];
  page.on("framenavigated", (f) => { if (f === page.mainFrame()) left.push(f.url()); });
  await page.goto(`${noRepo}/contribute/organization/`, { waitUntil: "load" });
  await page.waitForSelector("#propose:not([hidden])");
  await page.waitForFunction(() => document.querySelector("datalist"), null, { timeout: 5000 }).catch(() => fail(where, "the names were not loaded"));
  const note = await page.textContent(".propose-note");
  if (!/names no repository/.test(note)) fail(where, "no note that no repository is configured: " + note);
  const links = await page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => a.href).filter((h) => !h.startsWith(location.origin)));
  if (links.length) fail(where, "links off the site: " + links.join(", "));
  await forms.organization(page);
  await page.click(".propose-submit");
  await page.waitForFunction(() => /ready/.test(document.getElementById("propose-where").textContent), null, { timeout: 5000 }).catch(() => {});
  const seen = await page.evaluate(() => ({
    status: document.getElementById("propose-where").textContent,
    focused: document.activeElement && document.activeElement.className,
    file: document.getElementById("file-text").textContent,
  }));
  if (left.length > 1) fail(where, "sending left the page for " + left.slice(1).join(", "));
  if (!seen.status.includes("content/organizations/ninos-libres-cafe-test.md")) fail(where, "does not say where to save the file: " + seen.status);
  if (!/^\+\+\+\ntitle = "Niños Libres Café \(Test\)"/.test(seen.file)) fail(where, "the file is not shown: " + seen.file.slice(0, 80));
  if (seen.focused !== "propose-file__text") fail(where, `the focus is on ${seen.focused}, not the file`);
  else ok(where, seen.status);
  await axe(page, where);
  await page.screenshot({ path: join(shots, "form-organization-norepo-1280.png"), fullPage: true });
  await context.close();
}

// Without JavaScript: no form, the file to copy and where to save it.
const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
const noJS = await plain.newPage();
for (const kind of Object.keys(forms)) {
  const where = `/contribute/${kind}/ (no JavaScript)`;
  await noJS.goto(`${base}/contribute/${kind}/`, { waitUntil: "load" });
  const seen = await noJS.evaluate(() => ({
    form: !!document.querySelector("#propose") && document.querySelector("#propose").offsetParent !== null,
    notice: (document.querySelector(".propose-nojs") || {}).offsetParent ? document.querySelector(".propose-nojs").textContent : "",
    file: document.getElementById("file-text").textContent,
    where: document.getElementById("file-where").textContent,
  }));
  if (seen.form) fail(where, "the form shows, though it cannot work");
  if (!/needs JavaScript/.test(seen.notice)) fail(where, "no notice that the form needs JavaScript");
  if (!seen.file.startsWith("+++\n") || !/\ntitle = ""/.test(seen.file)) fail(where, "no file to copy: " + seen.file.slice(0, 80));
  if (!seen.where.includes(`content/${kind}s/`)) fail(where, "does not say where to save the file: " + seen.where);
  else ok(where, seen.where);
  await noJS.screenshot({ path: join(shots, `form-${kind}-nojs-375.png`), fullPage: true });
}
await plain.close();
await browser.close();
console.log(`${failures} problems; screenshots in ${shots}`);
process.exit(failures ? 1 : 0);
