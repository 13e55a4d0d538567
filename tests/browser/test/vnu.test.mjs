// The W3C Nu HTML Checker (vnu-jar, run by the system's Java) over every page of the built
// repository site and of the fixture site, plus the DOM of the pages that script changes (the
// search dropdown open, the search page with its hits): zero errors. One Java run for all.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { REPO, at, buildSite, filesUnder, guardedContext, launch, serve, tempDir, typeQuery } from "../lib.mjs";

const VNU = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

function haveJava() {
  return spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0;
}

test("vnu: zero errors on every page", async (t) => {
  if (!haveJava()) {
    if (process.env.CI) assert.fail("java is missing (apt-get install default-jre-headless)");
    t.skip("no java on this machine: the Nu HTML Checker needs it (apt-get install default-jre-headless)");
    return;
  }
  const repoSite = buildSite();
  const fixtureSite = buildSite(join(REPO, "tests/fixtures/valid"));
  const files = [
    ...filesUnder(repoSite).map((f) => join(repoSite, f)),
    ...filesUnder(fixtureSite).map((f) => join(fixtureSite, f)),
  ];

  // The DOM after script has run, saved as documents of their own.
  const dom = tempDir("dom");
  const server = await serve(repoSite, "/shuyu/");
  const browser = await launch();
  try {
    const context = await guardedContext(browser);
    const page = await context.newPage();
    await page.goto(at(server.url, "concepts/society-work/index.html"));
    await typeQuery(page, "shehui gongzuo");
    await page.keyboard.press("ArrowDown");
    writeFileSync(join(dom, "dropdown-open.html"), "<!doctype html>\n" + await page.evaluate(() => document.documentElement.outerHTML));
    await page.goto(at(server.url, "search.html") + "?q=social");
    await page.waitForSelector("#search-page ol.hits li");
    writeFileSync(join(dom, "search-results.html"), "<!doctype html>\n" + await page.evaluate(() => document.documentElement.outerHTML));
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  files.push(join(dom, "dropdown-open.html"), join(dom, "search-results.html"));

  const run = spawnSync("java", ["-jar", VNU, "--errors-only", "--format", "gnu", ...files], { encoding: "utf8", maxBuffer: 64 << 20 });
  const report = (run.stderr + run.stdout).split("\n")
    .filter((l) => l.trim() && !/^Document checking completed/.test(l)).join("\n");
  assert.ok(files.length > 200, `${files.length} documents checked`);
  assert.ok(report === "", `vnu found errors in ${files.length} documents:\n${report.split("\n").slice(0, 40).join("\n")}`);
  assert.equal(run.status, 0);
});
