// Screenshots to look at by eye: home, the concept 社会工作 (the Party's sense) and a search in
// progress (dropdown open), on a desktop (1280×900) and a phone (390×844), light and dark.
//   node screenshots.mjs [--out /tmp/shots]     (SHUYU_SITE=DIR reuses a built site)
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { at, buildSite, guardedContext, launch, serve, typeQuery } from "./lib.mjs";

const { values: opts } = parseArgs({ options: { out: { type: "string", default: "/tmp/shots" } } });
mkdirSync(opts.out, { recursive: true });
const site = buildSite();
const server = await serve(site, "/shuyu/");
const browser = await launch();
try {
  for (const [device, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
    for (const scheme of ["light", "dark"]) {
      const context = await guardedContext(browser, { viewport, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const shot = (name) => page.screenshot({ path: join(opts.out, `${device}-${scheme}-${name}.png`) });
      await page.goto(at(server.url, "index.html"));
      await shot("home");
      await page.goto(at(server.url, "concepts/society-work/index.html"));
      await shot("concept");
      await page.screenshot({ path: join(opts.out, `${device}-${scheme}-concept-full.png`), fullPage: true });
      await typeQuery(page, "shehui gong");
      await page.keyboard.press("ArrowDown");
      await shot("search");
      if (context.trouble.offsite.length) throw new Error(`requests left the site: ${context.trouble.offsite}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${opts.out}`);
