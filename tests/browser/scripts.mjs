// Loads one page in /usr/bin/chromium and prints, as JSON, which of the
// page's scripts ran: each test script sets document.documentElement's
// data-ran-NAME attribute. generator/site/browser_test.go's
// TestScriptOutsideAssetsBlocked serves such a page under the site's
// Content-Security-Policy.
//
// Usage: node scripts.mjs URL
import { chromium } from "playwright-core";

const [url] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage();
const blocked = [];
page.on("console", (m) => { if (m.type() === "error") blocked.push(m.text()); });
await page.goto(url, { waitUntil: "load" });
const ran = await page.evaluate(() =>
  Object.keys(document.documentElement.dataset).filter((k) => k.startsWith("ran")).sort());
console.log(JSON.stringify({ ran, blocked }));
await browser.close();
