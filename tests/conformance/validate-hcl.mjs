#!/usr/bin/env node
// validate-hcl.mjs FILE_OR_DIR...
//
// Parses every *.tf file with HashiCorp's own HCL parser (hashicorp/hcl v2,
// compiled to WebAssembly in @cdktf/hcl2json) and reports every diagnostic
// with its file, line and column. Then, per directory (a Terraform module),
// reports what `terraform validate` rejects before any provider is involved:
// the same resource, data source, variable, output, module or local defined
// twice.
import fs from "node:fs";
import path from "node:path";
import hcl from "@cdktf/hcl2json";
import { collectFiles, isPlainObject, parseArgs, runCli, UsageError } from "./lib/cli.mjs";

const USAGE = "usage: validate-hcl.mjs FILE_OR_DIR...";

// "parse config: [a.tf:2,6-3,1: Summary; Detail.]" -> [{ where, message }]
function diagnostics(file, err) {
  const text = String(err?.message ?? err).replace(/^parse config: \[/, "").replace(/\]$/, "");
  const out = [];
  const re = /(?:^|, )([^\s,:][^:]*):(\d+),(\d+)(?:-(?:\d+,)?\d+)?: /g;
  const marks = [...text.matchAll(re)];
  if (!marks.length) return [{ where: "/", message: text }];
  marks.forEach((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1].index : text.length;
    out.push({ where: `line ${m[2]} col ${m[3]}`, message: text.slice(m.index + m[0].length, end).trim() });
  });
  return out;
}

// Names a module defines: "resource.T.N", "variable.N", ... -> [file, ...].
function definitions(json, file, into) {
  const add = (key) => (into.get(key) || into.set(key, []).get(key)).push(file);
  const count = (v) => (Array.isArray(v) ? v.length : 1);
  for (const kind of ["resource", "data"]) {
    for (const [type, byName] of Object.entries(json[kind] || {})) {
      for (const [name, bodies] of Object.entries(byName || {})) for (let i = 0; i < count(bodies); i++) add(`${kind}.${type}.${name}`);
    }
  }
  for (const kind of ["variable", "output", "module"]) {
    for (const [name, bodies] of Object.entries(json[kind] || {})) for (let i = 0; i < count(bodies); i++) add(`${kind}.${name}`);
  }
  for (const block of Array.isArray(json.locals) ? json.locals : []) if (isPlainObject(block)) for (const name of Object.keys(block)) add(`local.${name}`);
}

await runCli(USAGE, async (argv, reporter) => {
  const { positional } = parseArgs(argv, {});
  if (!positional.length) throw new UsageError("no files or directories given");
  const modules = new Map();
  for (const file of collectFiles(positional, [".tf"])) {
    let json;
    try {
      json = await hcl.parse(path.basename(file), fs.readFileSync(file, "utf8"));
    } catch (err) {
      for (const d of diagnostics(file, err)) reporter.problem(file, 0, "hcl", path.basename(file), d.where, d.message);
      continue;
    }
    const dir = path.dirname(file);
    if (!modules.has(dir)) modules.set(dir, new Map());
    definitions(json, file, modules.get(dir));
  }
  for (const defs of modules.values()) {
    for (const [key, files] of defs) {
      if (files.length < 2) continue;
      const where = [...new Set(files)].join(", ");
      reporter.problem(files[files.length - 1], 0, "hcl", key, "/", `${key} is defined ${files.length} times in this module (${where}); Terraform allows one`);
    }
  }
});
