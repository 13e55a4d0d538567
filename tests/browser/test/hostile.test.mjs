// Hostile content: strings that would run script if any reached a page unescaped, put into
// every plain-text field the validator allows (term notes and renderings, passage text, source
// titles, authors and notes, citation quotes, history events). Every page of the built site is
// loaded over file:// and HTTP: no dialog opens, the `window.__pwned` tripwire stays 0, and no
// request leaves the site. Markdown with raw HTML is refused before anything is written.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  REPO, at, buildSite, copyFixture, fileBase, filesUnder, guardedContext, launch, serve, shuyuBin, tempDir, typeQuery, sharedSite,
} from "../lib.mjs";

const EVIL = "https://evil.example/x.png";
const HOSTILE = [
  "<script>window.__pwned=1;alert(1)</script>",
  `<img src=${EVIL} onerror="window.__pwned=1;alert(1)">`,
  "</script><script>window.__pwned=1;alert(2)</script>",
  "javascript:window.__pwned=1",
  `"><svg onload="window.__pwned=1">`,
  "'-alert(4)-'",
  "{{ 7*7 }} {% raw %}",
];
const ALL = HOSTILE.join(" ¦ ");
const y = (s) => JSON.stringify(s); // a JSON string is a YAML flow scalar

function edit(dir, rel, fn) {
  const path = join(dir, rel);
  const text = readFileSync(path, "utf8");
  const out = fn(text);
  assert.notEqual(out, text, `the fixture ${rel} changed`);
  writeFileSync(path, out);
}

function hostileGlossary() {
  const g = copyFixture("valid");
  edit(g, "concepts/society-work.yaml", (t) => t
    .replace("      attested: [pekingnology-2024#p2]\n",
      `      attested: [pekingnology-2024#p2]\n      note: ${y(ALL)}\n`)
    .replace("      attested: [pekingnology-2024#p1]\n",
      `      attested: [pekingnology-2024#p1]\n    - term: ${y(HOSTILE[2])}\n      status: deprecated\n      authority: media\n      note: ${y(HOSTILE[1])}\n`)
    .replace(/  - ref: pekingnology-2024#p2\n    quote: .*\n/,
      `  - ref: pekingnology-2024#p3\n    quote: ${y(ALL)}\n    note: ${y(HOSTILE[0])}\n`)
    + `history:\n  - date: "2024"\n    event: ${y(ALL)}\n    source: pekingnology-2024#p1\n`);
  edit(g, "sources/pekingnology-2024.yaml", (t) => t
    .replace(/^title: .*$/m, `title: ${y("Title " + HOSTILE[2] + HOSTILE[1])}`)
    .replace(/^author: .*$/m, `author: ${y(HOSTILE[0])}\nnote: ${y(ALL)}`)
    + `  - id: p3\n    text: ${y("social work " + ALL)}\n    locator: ${y(HOSTILE[1])}\n`);
  edit(g, "glossary.yaml", (t) => t.replace(/^title: .*$/m, `title: ${y("shuyu " + ALL)}`));
  return g;
}

// A project's own template override, printing the (hostile) site title in text and in an
// attribute: autoescape holds for overrides too.
function hostileTemplates() {
  const dir = join(tempDir("templates"), "templates");
  cpSync(join(REPO, "templates"), dir, { recursive: true });
  edit(dir, "404.html", (t) => t.replace(/\{% endblock %\}\s*$/,
    '<p id="probe" data-title="{{ site.title }}">{{ site.title }}</p>\n{% endblock %}'));
  return dir;
}

let site, server, browser;
sharedSite((s) => ({ site, server, browser } = s), () => buildSite(hostileGlossary(), { templates: hostileTemplates() }));

test("the hostile strings reach the built pages, escaped", () => {
  const page = readFileSync(join(site, "concepts/society-work/index.html"), "utf8");
  assert.ok(page.includes("&lt;script&gt;window.__pwned=1"), "the note is there as text");
  assert.ok(!page.includes("<script>window.__pwned"), "no raw script element");
  assert.ok(!/<img[^>]*evil\.example/.test(page), "no raw img element");
  assert.ok(!/href="javascript:/i.test(page), "no javascript: link");
  const source = readFileSync(join(site, "sources/pekingnology-2024/index.html"), "utf8");
  assert.match(source, /Title &lt;(\/|&#x2f;)script&gt;&lt;script&gt;/, "the title is there as text");
});

test("an overriding template prints the hostile title as text, in text and in an attribute", async () => {
  const context = await guardedContext(browser);
  const page = await context.newPage();
  await page.goto(at(fileBase(site), "404.html"));
  assert.equal(await page.getAttribute("#probe", "data-title"), "shuyu " + ALL);
  assert.equal(await page.textContent("#probe"), "shuyu " + ALL);
  assert.ok((await page.title()).includes(HOSTILE[0]), "the title element holds the text");
  assert.equal(await page.evaluate(() => window.__pwned), 0);
  assert.deepEqual(context.trouble.dialogs, []);
  await context.close();
});

for (const mode of ["file", "http"]) {
  describe(`every page over ${mode}`, () => {
    test("no dialog, no script of the glossary's, no request off the site", async () => {
      const base = mode === "file" ? fileBase(site) : server.url;
      const context = await guardedContext(browser);
      const page = await context.newPage();
      const pages = filesUnder(site, ".html");
      assert.ok(pages.length >= 15, `${pages.length} pages`);
      for (const rel of pages) {
        await page.goto(at(base, rel), { waitUntil: "load" });
        // Use the page as a reader would: open the search and hover every link's target.
        if (await page.locator("#q").count()) {
          await page.fill("#q", "social work");
          await page.waitForTimeout(20);
        }
        const pwned = await page.evaluate(() => window.__pwned);
        assert.equal(pwned, 0, `${rel}: the tripwire fired`);
        const jsLinks = await page.$$eval("a[href], [src], [action]", (els) => els
          .map((e) => e.getAttribute("href") || e.getAttribute("src") || e.getAttribute("action"))
          .filter((h) => /^\s*(javascript|data|vbscript):/i.test(h)));
        assert.deepEqual(jsLinks, [], `${rel}: no script URL`);
        const handlers = await page.evaluate(() => [...document.querySelectorAll("*")]
          .flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)));
        assert.deepEqual(handlers, [], `${rel}: no inline event handler`);
        const scripts = await page.$$eval("script", (s) => s.map((x) => x.getAttribute("src") || x.textContent.slice(0, 40)));
        assert.ok(scripts.every((s) => /static\/site\.js$|search-index\.js$/.test(s)), `${rel}: only the site's scripts: ${scripts}`);
      }
      // A hostile rendering and a hostile query, through the search box and the search page.
      await page.goto(at(base, "index.html"));
      const hits = await typeQuery(page, "</script><script>");
      assert.ok(hits.some((h) => h.text.includes("</script><script>")), "the hostile rendering is found and shown as text");
      await page.goto(at(base, "search.html") + "?q=" + encodeURIComponent(HOSTILE[1]));
      await page.waitForSelector("#search-page p");
      assert.equal(await page.evaluate(() => window.__pwned), 0, "search page: the tripwire fired");
      assert.deepEqual(context.trouble.dialogs, [], "no dialog opened");
      assert.deepEqual(context.trouble.offsite, [], "no request left the site");
      await context.close();
    });
  });
}

describe("Markdown with raw HTML or script links", () => {
  for (const [what, md] of [
    ["raw HTML", "A note <script>alert(1)</script> here."],
    ["an img with onerror", `A note <img src=${EVIL} onerror=alert(1)>.`],
    ["a javascript: link", "A note with [a link](javascript:alert(1))."],
  ]) {
    test(`${what} in a note: refused, or rendered harmless`, async () => {
      const g = copyFixture("valid");
      edit(g, "concepts/society-work.yaml", (t) => t.replace(/notes:\n  en: \|\n.*\n/, `notes:\n  en: ${y(md)}\n`));
      const out = join(tempDir("md"), "site");
      let refused = false;
      try {
        execFileSync(shuyuBin(), ["build", "--glossary", g, "--out", out, "--templates", join(REPO, "templates")],
          { stdio: ["ignore", "pipe", "pipe"] });
      } catch (e) {
        refused = true;
        assert.ok(String(e.stderr).length > 0, "the refusal says why");
      }
      // Today the validator refuses all three; should it ever let one through, the page it
      // renders must still be harmless.
      if (refused) {
        assert.ok(!existsSync(out), "a refused glossary writes no site");
        return;
      }
      const context = await guardedContext(browser);
      const page = await context.newPage();
      await page.goto(at(fileBase(out), "concepts/society-work/index.html"));
      for (const a of await page.$$("main a")) await a.click({ modifiers: ["Control"], noWaitAfter: true }).catch(() => {});
      assert.equal(await page.evaluate(() => window.__pwned), 0);
      assert.deepEqual(context.trouble.dialogs, []);
      assert.deepEqual(context.trouble.offsite, []);
      assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
      await context.close();
    });
  }
});
