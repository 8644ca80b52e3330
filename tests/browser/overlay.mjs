// The dev server as a contributor meets it (agenda serve, package serve):
// an edit reloads the open page, a broken file shows the problems panel
// over the last good page, and fixing it clears the panel. The server's
// own CSP must block nothing. generator/serve/browser_test.go starts the
// server on a test site and runs this script.
//
// Usage: node overlay.mjs http://127.0.0.1:PORT/ CONTENT_DIR
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync, unlinkSync, renameSync } from "node:fs";
import { join } from "node:path";

const [base, content] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
const problems = [];
page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
page.on("pageerror", (e) => problems.push("script error: " + e.message));

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log("ok   " + name);
  } catch (e) {
    failures++;
    console.log("FAIL " + name + ": " + e.message.split("\n")[0]);
  }
}

// save writes a file the way editors do: a temporary file renamed over it.
function save(rel, text) {
  const file = join(content, rel);
  writeFileSync(file + ".tmp~", text);
  renameSync(file + ".tmp~", file);
}

const shelter = "organizations/shelter.md";
await page.goto(base + "organizations/shelter/");
// The reload script opens its event stream once the page has loaded.
// (Waits use locators: waitForFunction needs eval, which the CSP forbids.)
await page.waitForLoadState("load");
await page.waitForTimeout(300);

await check("an edit reloads the open page", async () => {
  save(shelter, readFileSync(join(content, shelter), "utf8").replace("Harbor Shelter", "Harbour Refuge"));
  await page.locator("h1", { hasText: "Harbour Refuge" }).waitFor({ timeout: 10000 });
});

await check("a broken file shows its problems over the last good page", async () => {
  save("organizations/broken.md", '+++\ntitle = "Broken"\nsector = "ngo"\n+++\n');
  const panel = page.locator(".agenda-overlay");
  await panel.waitFor({ state: "visible", timeout: 10000 });
  const text = await panel.innerText();
  if (!text.includes('organizations/broken.md:3:1: unknown sector "ngo"')) throw new Error("panel says: " + text);
  if (await page.getAttribute(".agenda-overlay", "role") !== "alert") throw new Error("panel is not announced (role=alert)");
  const h1 = await page.textContent("h1");
  if (!h1.includes("Harbour Refuge")) throw new Error("the last good page is gone: h1 " + h1);
});

await check("fixing the file clears the panel", async () => {
  unlinkSync(join(content, "organizations/broken.md"));
  await page.locator(".agenda-overlay").waitFor({ state: "detached", timeout: 10000 });
});

// A build may finish while a page loads, before its event stream is
// open: the stream then opens by naming the build the pages come from,
// and a page of an older one (its Server-Timing header names its own)
// reloads. Here the first stream opened says a later build than any.
await check("a page older than the build its stream opens with reloads", async () => {
  let served = false;
  await page.route("**/_agenda/events", async (route) => {
    if (served) return route.continue();
    served = true;
    await route.fulfill({ status: 200, contentType: "text/event-stream", body: "retry: 1000\nevent: live\ndata: 99999\n\n" });
  });
  let loads = 0;
  const counted = () => loads++;
  page.on("load", counted);
  await page.goto(base + "organizations/shelter/");
  for (let i = 0; i < 50 && loads < 2; i++) await page.waitForTimeout(100);
  page.off("load", counted);
  await page.unroute("**/_agenda/events");
  if (loads < 2) throw new Error("the page did not reload");
});

await check("a page of the build its stream opens with stays", async () => {
  await page.goto(base + "organizations/shelter/");
  await page.waitForLoadState("load");
  let loads = 0;
  const counted = () => loads++;
  page.on("load", counted);
  await page.waitForTimeout(1500);
  page.off("load", counted);
  if (loads > 0) throw new Error("the page reloaded " + loads + " times");
});

await check("the strict CSP blocks nothing and no script fails", async () => {
  if (problems.length) throw new Error(problems.join("; "));
});

await browser.close();
process.exit(failures ? 1 : 0);
