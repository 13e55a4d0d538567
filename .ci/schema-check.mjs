// Every glossary file, read as editors read it (the `yaml` package that yaml-language-server
// uses, YAML 1.2 core schema), must pass the committed JSON Schemas in glossary/schema/
// (checked with Ajv). An independent reader: `2013.` is a float here, whatever shuyu reads.
// Usage: node .ci/schema-check.mjs GLOSSARY_DIR (with NODE_PATH holding yaml and ajv).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.env.NODE_PATH ?? ".", "x.js"));
const YAML = require("yaml");
const Ajv = require("ajv");

const dir = process.argv[2] ?? "glossary";
const ajv = new Ajv({ allErrors: true, strict: false });
const schema = (name) =>
  ajv.compile(JSON.parse(readFileSync(join(dir, "schema", `${name}.schema.json`), "utf8")));
const checks = [
  ["glossary.yaml", schema("glossary")],
  ...["concepts", "sources"].flatMap((folder) => {
    const validate = schema(folder.slice(0, -1));
    return readdirSync(join(dir, folder))
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => [join(folder, f), validate]);
  }),
];

let failed = 0;
for (const [file, validate] of checks) {
  const doc = YAML.parseDocument(readFileSync(join(dir, file), "utf8"), {
    version: "1.2",
    schema: "core",
  });
  if (doc.errors.length) {
    failed++;
    console.log(`${file}: ${doc.errors[0].message}`);
    continue;
  }
  if (!validate(doc.toJS())) {
    failed++;
    for (const e of validate.errors) console.log(`${file}: ${e.instancePath || "/"} ${e.message}`);
  }
}
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
