// Lighthouse (headless, the Debian Chromium) against the built site served from 127.0.0.1 under
// /shuyu/: performance, accessibility, best practices and SEO must each score at least MIN on
// home and on a concept page, with Lighthouse's default (mobile, simulated throttling) and its
// desktop preset. Prints the scores as a table; exits 1 when any is below MIN.
//   node lighthouse.mjs [--min 95] [--out DIR]     (SHUYU_SITE=DIR reuses a built site)
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktop from "lighthouse/core/config/desktop-config.js";
import { CHROMIUM, CHROMIUM_FLAGS, at, buildSite, serve, tempDir } from "./lib.mjs";

const { values: opts } = parseArgs({ options: { min: { type: "string", default: "95" }, out: { type: "string" } } });
const MIN = Number(opts.min);
const PAGES = [["home", "index.html"], ["concept", "concepts/society-work/index.html"]];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

const site = buildSite();
const server = await serve(site, "/shuyu/");
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  userDataDir: tempDir("lighthouse-profile"),
  chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS],
});
const rows = [];
let failed = false;
try {
  for (const [formFactor, config] of [["mobile", undefined], ["desktop", desktop]]) {
    for (const [name, rel] of PAGES) {
      const url = at(server.url, rel);
      const result = await lighthouse(url, {
        port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES,
      }, config);
      const lhr = result.lhr;
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
      const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c].score ?? 0) * 100));
      rows.push([formFactor, name, ...scores]);
      if (scores.some((s) => s < MIN)) {
        failed = true;
        // Name the audits that cost points, so a failure says what to fix.
        for (const c of CATEGORIES) {
          for (const ref of lhr.categories[c].auditRefs) {
            const a = lhr.audits[ref.id];
            if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`  ${formFactor} ${name} ${c}: ${a.id} ${a.score} ${a.displayValue || ""} — ${a.title}`);
          }
        }
      }
      if (opts.out) {
        mkdirSync(opts.out, { recursive: true });
        writeFileSync(join(opts.out, `${formFactor}-${name}.json`), result.report);
      }
    }
  }
} finally {
  await chrome.kill();
  await server.close();
}
console.log(["form", "page", ...CATEGORIES].join("\t"));
for (const r of rows) console.log(r.join("\t"));
console.log(failed ? `lighthouse: some score is below ${MIN}` : `lighthouse: every score is at least ${MIN}`);
process.exit(failed ? 1 : 0);
