// Loads a page of another site that frames pages of the strategy's site,
// in /usr/bin/chromium, and prints, as JSON, what each frame shows: the
// text of its h1, or "" when the browser refused to show it.
// generator/site/embed_test.go's TestEmbedInFrame serves the strategy as
// the host would (netlify.toml and the site's _headers) and checks that an
// objective's card shows and every other page is refused.
//
// Usage: node frames.mjs URL
import { chromium } from "playwright-core";

const [url] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage();
await page.goto(url, { waitUntil: "load" });
await page.waitForTimeout(300);
const out = {};
for (const el of await page.$$("iframe")) {
  const src = await el.getAttribute("src");
  const frame = await el.contentFrame();
  let h1 = "";
  try {
    if (frame && !frame.url().startsWith("chrome-error:")) {
      h1 = (await frame.evaluate(() => document.querySelector("h1")?.textContent || "")).trim();
    }
  } catch {
    h1 = "";
  }
  out[src] = h1;
}
console.log(JSON.stringify(out));
await browser.close();
