#!/usr/bin/env node
// validate-json-schema.mjs --schema SCHEMA.json [--toml] [--expect-invalid] FILE...
//
// Validates JSON files (or, with --toml, TOML files read as JSON data) against
// a JSON Schema with Ajv, picking the dialect from the schema's $schema:
// draft-07 (also when absent), 2019-09 or 2020-12. SCHEMA may be written
// shared:REL/PATH to name a file in the shared/ folder beside the checkout.
//
// --expect-invalid turns it around for negative samples: exit 0 only if
// every file is rejected by the schema; each file the schema accepts is a
// problem. A file that does not parse is a problem in both modes (it tests
// nothing about the schema).
import fs from "node:fs";
import { parse as parseToml } from "smol-toml";
import { schemaAjv } from "./lib/ajv.mjs";
import { ajvProblem, parseArgs, runCli, UsageError } from "./lib/cli.mjs";
import { resolveSharedRef } from "./lib/upstream.mjs";

const USAGE = "usage: validate-json-schema.mjs --schema SCHEMA.json [--toml] [--expect-invalid] FILE...";

await runCli(USAGE, async (argv, reporter) => {
  const { flags, positional } = parseArgs(argv, { "--schema": "value", "--toml": "bool", "--expect-invalid": "bool" });
  if (!flags["--schema"]) throw new UsageError("--schema is required");
  if (!positional.length) throw new UsageError("no files given");
  const schemaPath = resolveSharedRef(flags["--schema"]);
  let schema;
  try {
    schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  } catch (e) {
    throw new UsageError(`cannot read schema ${schemaPath}: ${e.message}`);
  }
  let validate;
  try {
    validate = schemaAjv(schema, schemaPath).compile(schema);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`invalid schema ${schemaPath}: ${e.message}`);
  }
  const kind = flags["--toml"] ? "toml" : "json";
  for (const file of positional) {
    const emit = (ptr, msg) => reporter.problem(file, 0, kind, "-", ptr, msg);
    let data;
    try {
      const text = fs.readFileSync(file, "utf8");
      // JSON round trip: TOML dates become RFC 3339 strings, as in JSON.
      data = flags["--toml"] ? JSON.parse(JSON.stringify(parseToml(text))) : JSON.parse(text);
    } catch (e) {
      emit("/", `does not parse as ${kind.toUpperCase()}: ${e.message.split("\n")[0]}`);
      continue;
    }
    const ok = validate(data);
    if (flags["--expect-invalid"]) {
      if (ok) emit("/", "accepted by the schema, but this sample must be rejected");
    } else if (!ok) {
      for (const err of validate.errors) emit(...ajvProblem(err));
    }
  }
});
