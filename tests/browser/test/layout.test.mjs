// What a translator sees first: on a laptop (1280×900) and a phone (390×844), the concept page
// 社会工作 (the Party's sense) shows above the fold the headword, its pinyin and traditional
// form, the preferred rendering in each language with its status word and authority, and the
// false-friend box; homonyms in the search list say which is which; Chinese text gets a CJK
// font and no text overflows the phone's width.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { at, buildSite, guardedContext, launch, serve, typeQuery, sharedSite } from "../lib.mjs";

let site, server, browser;
sharedSite((s) => ({ site, server, browser } = s));

for (const [device, viewport] of [["laptop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
  describe(`above the fold on a ${device}`, () => {
    let context, page;
    before(async () => {
      context = await guardedContext(browser, { viewport });
      page = await context.newPage();
      await page.goto(at(server.url, "concepts/society-work/index.html"));
    });
    after(async () => { await context.close(); });

    async function visible(selector) {
      const boxes = await page.$$eval(selector, (els) => els.map((e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, text: e.textContent.trim().slice(0, 40) };
      }));
      assert.ok(boxes.length > 0, `${selector} exists`);
      for (const b of boxes) assert.ok(b.bottom <= viewport.height && b.top >= 0, `${selector} «${b.text}» ends at ${b.bottom}px, past ${viewport.height}px`);
      return boxes;
    }

    test("headword, pinyin and traditional form", async () => {
      await visible(".headword h1 .zh.big");
      await visible(".headword h1 .py");
      await visible(".headword h1 .trad");
    });
    test("the preferred rendering per language, with status and authority", async () => {
      const langs = await page.$$eval(".glance dt", (d) => d.map((x) => x.textContent.trim()));
      assert.deepEqual(langs, ["English", "French", "Spanish"]);
      await visible(".glance dd .term");
      await visible(".glance dd .status");
      await visible(".glance dd .authority");
      const terms = await page.$$eval(".glance dd .term", (t) => t.map((x) => [x.lang, x.textContent]));
      assert.ok(terms.some(([l]) => l === "fr") && terms.some(([l]) => l === "es"), JSON.stringify(terms));
    });
    test("the false-friend box starts above the fold", async () => {
      await visible(".warning h2");
    });
    test("nothing is wider than the screen", async () => {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= viewport.width, `page is ${wide}px wide`);
    });
  });
}

describe("reading", () => {
  test("Chinese is marked zh-Hans / zh-Hant and set in a CJK face", async () => {
    const context = await guardedContext(browser);
    const page = await context.newPage();
    await page.goto(at(server.url, "concepts/society-work/index.html"));
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.getAttribute(".headword .zh.big", "lang"), "zh-Hans");
    assert.equal(await page.getAttribute(".headword .trad", "lang"), "zh-Hant");
    const family = await page.$eval(".headword .zh.big", (e) => getComputedStyle(e).fontFamily);
    assert.match(family, /PingFang SC|Noto Sans CJK SC|WenQuanYi/);
    await context.close();
  });

  test("homonyms in the search list are told apart", async () => {
    const context = await guardedContext(browser);
    const page = await context.newPage();
    await page.goto(at(server.url, "index.html"));
    const hits = await typeQuery(page, "社会工作");
    const texts = hits.slice(0, 2).map((h) => h.text);
    assert.notEqual(texts[0], texts[1], "the two senses of 社会工作 read differently");
    await context.close();
  });

  test("a click on a hit in the list opens its concept", async () => {
    const context = await guardedContext(browser);
    const page = await context.newPage();
    await page.goto(at(server.url, "index.html"));
    await typeQuery(page, "grid management");
    await Promise.all([page.waitForURL(/concepts\/grid-management\//), page.click("#q-results li >> nth=0")]);
    await context.close();
  });
});
