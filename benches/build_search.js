// Times the site's own search, keystroke by keystroke, in Node: `benches/build.rs` runs
//
//   node benches/build_search.js SITE_DIR QUERY...
//
// It evaluates the built site's `search-index.js` and `static/site.js` (the script every page
// loads) in a context with a minimal DOM stub, then calls `window.shuyuSearch(typed, 12)` (what
// the search box asks for) for every prefix of each query, as a reader types it. Output, one
// line each, tab-separated:
//
//   load   <ms to evaluate search-index.js>  <entries>  <bytes>  <cpu ms>
//   key    <query>  <typed>  <first ms>  <median ms>  <max ms>  <median cpu ms>  <hits>  <top hit id>
//
// "first" is the first call for that prefix (the JIT warms over the earlier keystrokes, as in a
// browser); the median and max are over REPEATS calls, in wall time; "cpu" is the median of the
// process's CPU time per call (user + system), which other load on the machine does not
// inflate. Drawing the result list is not counted.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const REPEATS = 15;
const site = process.argv[2];
const queries = process.argv.slice(3);
if (!site || !queries.length) {
  console.error("usage: node build_search.js SITE_DIR QUERY...");
  process.exit(2);
}

function node() {
  return {
    setAttribute() {}, getAttribute() { return null; }, appendChild() {},
    addEventListener() {}, removeAttribute() {}, children: [],
  };
}
const ctx = {
  document: {
    body: { getAttribute() { return ""; } },
    head: node(),
    getElementById() { return null; },
    querySelectorAll() { return []; },
    createElement: node,
    createTextNode: node,
  },
  navigator: {},
  location: { search: "", href: "" },
  URLSearchParams,
  setTimeout,
};
ctx.window = ctx;
vm.createContext(ctx);

const indexPath = path.join(site, "search-index.js");
const indexText = fs.readFileSync(indexPath, "utf8");
const c0 = process.cpuUsage();
let t = process.hrtime.bigint();
vm.runInContext(indexText, ctx, { filename: indexPath });
const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
const loadCpu = process.cpuUsage(c0);
const scriptPath = path.join(site, "static", "site.js");
vm.runInContext(fs.readFileSync(scriptPath, "utf8"), ctx, { filename: scriptPath });
const search = ctx.shuyuSearch;
if (typeof search !== "function") {
  console.error("static/site.js did not set window.shuyuSearch");
  process.exit(2);
}
console.log(["load", loadMs.toFixed(2), ctx.SHUYU_INDEX.length, Buffer.byteLength(indexText),
  ((loadCpu.user + loadCpu.system) / 1e3).toFixed(2)].join("\t"));

for (const q of queries) {
  const chars = [...q];
  for (let k = 1; k <= chars.length; k++) {
    const typed = chars.slice(0, k).join("");
    const times = [];
    const cpu = [];
    let hits = [];
    for (let r = 0; r < REPEATS; r++) {
      const c = process.cpuUsage();
      t = process.hrtime.bigint();
      hits = search(typed, 12);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1e3);
    }
    cpu.sort((a, b) => a - b);
    const first = times[0];
    times.sort((a, b) => a - b);
    const top = hits.length ? hits[0].entry[0] : "-";
    console.log(["key", q, typed, first.toFixed(3), times[times.length >> 1].toFixed(3),
      times[times.length - 1].toFixed(3), cpu[cpu.length >> 1].toFixed(3), hits.length, top].join("\t"));
  }
}
