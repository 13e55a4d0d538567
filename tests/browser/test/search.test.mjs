// Search as a translator uses it, over file:// and over HTTP under a sub-path: every kind of
// query, results as you type, ranking, the keyboard alone, the search page and copy buttons.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { at, buildSite, conceptOf, fileBase, guardedContext, launch, serve, typeQuery, sharedSite } from "../lib.mjs";

// Query → the concept that must come first (or be among the first `within`).
const QUERIES = [
  { q: "两企三新", first: "two-enterprises-three-new", kind: "Chinese, simplified" },
  { q: "社会工作", top: ["society-work", "social-work-professional"], kind: "Chinese homonym: both senses on top" },
  { q: "社會工作", top: ["society-work", "social-work-professional"], kind: "Chinese, traditional" },
  { q: "社会工作部", first: "local-society-work-department", kind: "Chinese, exact headword before a longer one" },
  { q: "中央社会工作部", first: "society-work-department", kind: "Chinese, full headword" },
  { q: "liǎng qǐ sān xīn", first: "two-enterprises-three-new", kind: "pinyin with tone marks" },
  { q: "liang3 qi3 san1 xin1", first: "two-enterprises-three-new", kind: "pinyin with tone numbers" },
  { q: "liangqisanxin", first: "two-enterprises-three-new", kind: "toneless pinyin, no spaces" },
  { q: "liang qi san xin", first: "two-enterprises-three-new", kind: "toneless pinyin, spaces" },
  { q: "fengqiao", first: "fengqiao-experience", kind: "pinyin prefix" },
  { q: "departement du travail social", first: "society-work-department", via: "Département du travail social", kind: "French rendering, no accents" },
  { q: "DÉPARTEMENT DU TRAVAIL SOCIAL", first: "society-work-department", kind: "French rendering, upper case" },
  { q: "building party construction", first: "building-party-building", via: "deprecated", kind: "deprecated rendering" },
  { q: "grid management", first: "grid-management", kind: "English rendering" },
];

function checkHits(hits, c) {
  const ids = hits.map((h) => conceptOf(h.href));
  if (c.first) assert.equal(ids[0], c.first, `${c.kind}: «${c.q}» → ${ids.join(", ")}`);
  if (c.top) assert.deepEqual(new Set(ids.slice(0, c.top.length)), new Set(c.top), `${c.kind}: «${c.q}» → ${ids.join(", ")}`);
  if (c.via) assert.ok(hits[0].text.includes(c.via), `${c.kind}: first hit says «${c.via}»: ${hits[0].text}`);
}

let site, server, browser;
sharedSite((s) => ({ site, server, browser } = s));

for (const mode of ["file", "http"]) {
  describe(`search over ${mode}`, () => {
    let context, page, base;
    before(async () => {
      base = mode === "file" ? fileBase(site) : server.url;
      context = await guardedContext(browser, { viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      await page.goto(at(base, "index.html"));
    });
    after(async () => {
      assert.deepEqual(context.trouble.offsite, [], "no request leaves the site");
      assert.deepEqual(context.trouble.errors, [], "no script error");
      await context.close();
    });

    test("the index is not loaded until the box is used", async () => {
      assert.equal(await page.evaluate(() => typeof window.SHUYU_INDEX), "undefined");
    });

    for (const c of QUERIES) {
      test(`${c.kind}: ${c.q}`, async () => {
        const hits = await typeQuery(page, c.q);
        checkHits(hits, c);
        assert.ok(hits[0].selected, "the first hit is the active option");
        assert.equal(await page.getAttribute("#q", "aria-expanded"), "true");
      });
    }

    test("results as you type: each keystroke narrows the list", async () => {
      await typeQuery(page, "liang");
      const few = await typeQuery(page, "liangqisanx");
      assert.equal(conceptOf(few[0].href), "two-enterprises-three-new");
    });

    test("ranking: an exact headword comes before longer headwords that contain it", async () => {
      const hits = await typeQuery(page, "三新");
      assert.equal(conceptOf(hits[0].href), "three-new", hits.map((h) => h.href).join(" "));
      const ids = hits.map((h) => conceptOf(h.href));
      assert.ok(ids.includes("two-enterprises-three-new"), "substring matches follow");
    });

    test("no match says so", async () => {
      const hits = await typeQuery(page, "zzqxv");
      assert.equal(hits.length, 1);
      assert.match(hits[0].text, /No concept matches/);
    });

    test("the library function ranks without the page", async () => {
      const ids = await page.evaluate(() => window.shuyuSearch("liangqisanxin", 5).map((h) => h.entry[0]));
      assert.equal(ids[0], "two-enterprises-three-new");
    });

    test("keyboard alone: Tab to the box, type, ArrowDown, Enter opens the concept", async () => {
      await page.goto(at(base, "index.html"));
      // Tab from the top of the page until the search box has focus.
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => document.activeElement && document.activeElement.id === "q")) break;
      }
      assert.equal(await page.evaluate(() => document.activeElement.id), "q", "Tab reaches the search box");
      await page.keyboard.type("shehui gongzuo");
      await page.waitForSelector("#q-results:not([hidden]) li[aria-selected=true]");
      await page.keyboard.press("ArrowDown");
      const chosen = await page.$eval("#q-results li[aria-selected=true]", (li) => li.getAttribute("data-href"));
      assert.equal(await page.getAttribute("#q", "aria-activedescendant"),
        await page.$eval("#q-results li[aria-selected=true]", (li) => li.id));
      await Promise.all([page.waitForURL(/concepts\//), page.keyboard.press("Enter")]);
      assert.equal(conceptOf(page.url()), conceptOf(chosen), "Enter opens the highlighted hit");
      assert.ok(await page.locator("h1 [lang=zh-Hans]").count(), "the concept page opened");
    });

    test("Escape closes the list", async () => {
      await page.goto(at(base, "index.html"));
      await typeQuery(page, "grid");
      await page.keyboard.press("Escape");
      assert.equal(await page.getAttribute("#q", "aria-expanded"), "false");
      assert.ok(await page.$eval("#q-results", (l) => l.hidden));
      assert.equal(await page.inputValue("#q"), "grid", "Escape keeps the query");
    });

    test("the search page reads ?q=", async () => {
      await page.goto(at(base, "search.html") + "?q=" + encodeURIComponent("liang qi san xin"));
      await page.waitForSelector("#search-page ol.hits li");
      const first = await page.$eval("#search-page ol.hits li a", (a) => a.getAttribute("href"));
      assert.equal(conceptOf(first), "two-enterprises-three-new");
      assert.equal(await page.inputValue("#q"), "liang qi san xin");
      assert.match(await page.textContent("#search-page"), /match/);
    });

    test("Escape, then the Search button: the search page lists the hits", async () => {
      await page.goto(at(base, "concepts/society-work/index.html"));
      await typeQuery(page, "departement du travail social");
      await page.keyboard.press("Escape");
      assert.equal(await page.inputValue("#q"), "departement du travail social");
      await Promise.all([page.waitForURL(/search\.html\?q=/), page.click("form.search button[type=submit]")]);
      await page.waitForSelector("#search-page ol.hits li");
      const first = await page.$eval("#search-page ol.hits li a", (a) => a.getAttribute("href"));
      assert.equal(conceptOf(first), "society-work-department");
    });
  });
}

describe("copy buttons", () => {
  test("a copy button puts the rendering on the clipboard", async () => {
    const srv = server;
    const context = await guardedContext(browser, { permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await page.goto(at(srv.url, "concepts/society-work/index.html"));
    const button = page.locator("button.copy").first();
    await button.waitFor({ state: "visible" });
    const want = await button.getAttribute("data-copy");
    await button.click();
    await page.waitForFunction(() => document.querySelector("button.copy").textContent === "Copied");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), want);
    assert.deepEqual(context.trouble.offsite, []);
    await context.close();
  });

  test("without script the page works and no copy button shows", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(at(fileBase(site), "concepts/society-work/index.html"));
    assert.equal(await page.locator("button.copy:visible").count(), 0);
    assert.ok(await page.locator("table.terms").count() > 0);
    await context.close();
  });
});
