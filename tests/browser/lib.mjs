// Shared by the browser tests: build a site with the real `shuyu`, serve it from 127.0.0.1
// under a sub-path, launch the Debian Chromium through playwright-core (never a downloaded
// browser), and guard every page against dialogs, injected script and requests that leave
// the site.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, cpSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, "../..");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/// The `shuyu` binary: SHUYU_BIN (set by tests/it/browser.rs), else the release build.
export function shuyuBin() {
  const candidates = [process.env.SHUYU_BIN, join(REPO, "target/release/shuyu"), join(REPO, "target/debug/shuyu")];
  const bin = candidates.find((p) => p && existsSync(p));
  if (!bin) throw new Error("no shuyu binary: set SHUYU_BIN or run cargo build --release");
  return bin;
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `shuyu-${prefix}-`));
}

/// Builds the glossary in `glossary` (the repository's when omitted) into a new folder and
/// returns that folder. SHUYU_SITE reuses an already-built repository site.
export function buildSite(glossary, { templates } = {}) {
  if (!glossary && process.env.SHUYU_SITE) return process.env.SHUYU_SITE;
  const out = join(tempDir("site"), "site");
  const args = ["build", "--out", out, "--glossary", glossary || join(REPO, "glossary")];
  args.push("--templates", templates || join(REPO, "templates"));
  execFileSync(shuyuBin(), args, {
    env: { ...process.env, SOURCE_DATE_EPOCH: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return out;
}

/// Copies a fixture glossary to a temporary folder for a test to change.
export function copyFixture(name = "valid") {
  const dir = join(tempDir("glossary"), "glossary");
  cpSync(join(REPO, "tests/fixtures", name), dir, { recursive: true });
  return dir;
}

/// Every file under `dir` whose name ends with `ext`, as paths relative to `dir`.
export function filesUnder(dir, ext = ".html") {
  const out = [];
  (function walk(rel) {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, r)).isDirectory()) walk(r);
      else if (r.endsWith(ext)) out.push(r);
    }
  })("");
  return out;
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json",
  ".png": "image/png", ".ico": "image/x-icon", ".txt": "text/plain; charset=utf-8",
};

/// Serves `dir` at http://127.0.0.1:PORT/PREFIX (a sub-path, so relative links are proven),
/// with a folder's index.html for a folder and the site's 404.html for anything else.
export async function serve(dir, prefix = "/shuyu/") {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) return send(res, 404, join(root, "404.html"));
    path = normalize(join(root, path.slice(prefix.length)));
    if (path !== root && !path.startsWith(root + sep)) return send(res, 404, join(root, "404.html"));
    if (existsSync(path) && statSync(path).isDirectory()) {
      if (!url.pathname.endsWith("/")) {
        res.writeHead(301, { location: url.pathname + "/" + url.search });
        return res.end();
      }
      path = join(path, "index.html");
    }
    if (!existsSync(path)) return send(res, 404, join(root, "404.html"));
    send(res, 200, path);
  });
  function send(res, status, path) {
    const body = existsSync(path) ? readFileSync(path) : Buffer.from("not found");
    res.writeHead(status, {
      "content-type": TYPES[extname(path)] || "application/octet-stream",
      "cache-control": "max-age=3600",
    });
    res.end(body);
  }
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: origin + prefix, close: () => new Promise((ok) => server.close(ok)) };
}

/// The address of `rel` in a site reached by `base`: a file:// folder URL or an http URL.
export function at(base, rel = "index.html") {
  return new URL(rel, base).href;
}
export function fileBase(dir) {
  return pathToFileURL(dir + "/").href;
}

export async function launch() {
  // playwright-core starts Chromium with a fresh temporary user-data dir of its own.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/// A context whose every page records dialogs, console errors, page errors and any request
/// that is not file:// or to 127.0.0.1 (those are aborted), and carries a `window.__pwned`
/// tripwire that injected script would set.
export async function guardedContext(browser, options = {}) {
  const context = await browser.newContext(options);
  const trouble = { dialogs: [], offsite: [], errors: [] };
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    const local = u.protocol === "file:" || u.protocol === "data:" ||
      (u.protocol === "http:" && u.hostname === "127.0.0.1");
    if (local) return route.continue();
    trouble.offsite.push(u.href);
    return route.abort();
  });
  await context.addInitScript(() => {
    window.__pwned = 0;
    const trip = () => { window.__pwned += 1; };
    window.alert = trip; window.confirm = trip; window.prompt = trip;
  });
  context.on("page", (page) => watch(page, trouble));
  context.trouble = trouble;
  return context;
}

function watch(page, trouble) {
  page.on("dialog", (d) => { trouble.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on("pageerror", (e) => trouble.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") trouble.errors.push(m.text()); });
}

/// Types `text` into the header's search box and waits for the dropdown to settle.
export async function typeQuery(page, text) {
  const box = page.locator("#q");
  await box.click();
  await box.fill("");
  await box.pressSequentially(text, { delay: 5 });
  await page.waitForFunction(() => {
    const l = document.getElementById("q-results");
    return l && !l.hidden && l.children.length > 0;
  });
  return page.$$eval("#q-results li", (lis) => lis.map((li) => ({
    href: li.getAttribute("data-href"),
    text: li.textContent.replace(/\s+/g, " ").trim(),
    selected: li.getAttribute("aria-selected") === "true",
  })));
}

export function conceptOf(href) {
  const m = /concepts\/([^/]+)\/index\.html$/.exec(href || "");
  return m ? m[1] : null;
}

/** For one test file: builds a site (`build`, the repository's by default), serves it under
 * /shuyu/ and launches Chromium before its tests, hands them to `take`, and closes both after. */
export function sharedSite(take, build = () => buildSite()) {
  let server, browser;
  before(async () => {
    const site = build();
    server = await serve(site, "/shuyu/");
    browser = await launch();
    take({ site, server, browser });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
