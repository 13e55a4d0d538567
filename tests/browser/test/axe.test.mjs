// axe-core in real Chromium: zero violations on home, a concept page, a source page, a browse
// page and the search page with its results open, in light and in dark mode, on a desktop and
// a phone viewport.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import { at, buildSite, guardedContext, launch, serve, typeQuery, sharedSite } from "../lib.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PAGES = [
  ["home", "index.html"],
  ["concept", "concepts/society-work/index.html"],
  ["concept with a timeline", "concepts/fengqiao-experience/index.html"],
  ["source", "sources/merics-social-work-2023/index.html"],
  ["translated source", "sources/merics-social-work-2023-fr/index.html"],
  ["pinyin A–Z", "pinyin/index.html"],
  ["search page", "search.html?q=shehui"],
  ["404", "404.html"],
];

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ["violations"],
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
  }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 4).map((n) => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`).join("\n"));
}

let site, server, browser;
sharedSite((s) => ({ site, server, browser } = s));

for (const scheme of ["light", "dark"]) {
  for (const [device, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
    describe(`axe, ${scheme}, ${device}`, () => {
      let context, page;
      before(async () => {
        context = await guardedContext(browser, { viewport, colorScheme: scheme });
        page = await context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
      });
      after(async () => {
        assert.deepEqual(context.trouble.offsite, []);
        await context.close();
      });
      for (const [name, rel] of PAGES) {
        test(name, async () => {
          await page.goto(at(server.url, rel));
          if (rel.startsWith("search.html")) await page.waitForSelector("#search-page ol.hits li");
          assert.deepEqual(await axe(page), [], `${rel} in ${scheme} mode`);
        });
      }
      test("the search dropdown open", async () => {
        await page.goto(at(server.url, "concepts/society-work/index.html"));
        await typeQuery(page, "building party construction");
        await page.keyboard.press("ArrowDown");
        assert.deepEqual(await axe(page), []);
      });
      test("the status chips say their status in words, not colour alone", async () => {
        await page.goto(at(server.url, "concepts/building-party-building/index.html"));
        const chips = await page.$$eval(".status", (s) => s.map((x) => x.textContent.trim()));
        assert.ok(chips.includes("preferred") && chips.includes("deprecated"), chips.join(","));
      });
    });
  }
}
