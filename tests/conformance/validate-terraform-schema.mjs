#!/usr/bin/env node
// validate-terraform-schema.mjs [--schemas DIR] MODULE_DIR...
//
// Judges every resource and data source of each Terraform module (a directory
// of *.tf) against the real provider schemas, at the oldest and at the newest
// provider version the module's own `required_providers` constraint allows
// (providers/pins.json; the schemas are extracted from the @cdktf/provider-*
// packages by providers/extract-schemas.mjs at install):
//   - every argument and block name exists in the schema, at every depth;
//   - nesting: a block is written as a block (`name { }`), an argument as an
//     argument (`name = ...`), and a block the schema allows once appears once;
//   - every required argument and required block is present;
//   - lifecycle.ignore_changes names paths of the schema;
//   - the module's version constraint is the one the schemas were pinned for.
// One line per problem:
//   FILE:LINE: TYPE.NAME: message (PROVIDER VERSION[, VERSION])
// Exit 0 when clean, 1 on problems, 2 on usage or a missing schema file.
import fs from "node:fs";
import path from "node:path";
import hcl from "@cdktf/hcl2json";
import { collectFiles, parseArgs, runCli, UsageError } from "./lib/cli.mjs";

const USAGE = "usage: validate-terraform-schema.mjs [--schemas DIR] MODULE_DIR...";
const here = path.dirname(new URL(import.meta.url).pathname);

// Terraform's meta-arguments (https://developer.hashicorp.com/terraform/language/meta-arguments).
const META_ARGUMENTS = new Set(["count", "for_each", "provider", "depends_on"]);
const META_BLOCKS = new Set(["provisioner", "connection"]);
const LIFECYCLE_ARGUMENTS = new Set(["create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by"]);
const LIFECYCLE_BLOCKS = new Set(["precondition", "postcondition"]);

// ---------------------------------------------------------------------------
// Structure: which names are arguments and which are blocks, with their lines.
// hcl2json (run first, so the file is known to parse) turns both a block and a
// list-of-objects argument into an array of objects; Terraform does not, so
// this small scanner reads the source: an item of a body is `NAME =` (an
// argument; its expression is skipped) or `NAME LABEL* {` (a block).

class Scanner {
  constructor(src) {
    this.s = src;
    this.i = 0;
    this.line = 1;
  }
  peek(k = 0) {
    return this.s[this.i + k];
  }
  next() {
    const c = this.s[this.i++];
    if (c === "\n") this.line++;
    return c;
  }
  // Skips spaces, comments and (when newlines) line ends.
  skipSpace(newlines) {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t" || c === "\r" || (newlines && c === "\n")) this.next();
      else if (c === "#" || (c === "/" && this.peek(1) === "/")) while (this.i < this.s.length && this.peek() !== "\n") this.next();
      else if (c === "/" && this.peek(1) === "*") {
        this.next();
        this.next();
        while (this.i < this.s.length && !(this.peek() === "*" && this.peek(1) === "/")) this.next();
        this.next();
        this.next();
      } else return;
    }
  }
  ident() {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i, this.i + 256));
    if (!m) return null;
    for (let k = 0; k < m[0].length; k++) this.next();
    return m[0];
  }
  // A quoted string, its template sequences included; returns its raw text.
  string() {
    const start = this.i;
    this.next(); // "
    while (this.i < this.s.length) {
      const c = this.next();
      if (c === "\\") this.next();
      else if (c === '"') break;
      else if ((c === "$" || c === "%") && this.peek() === "{") {
        this.next();
        this.expression(true);
        this.next(); // }
      }
    }
    return this.s.slice(start, this.i);
  }
  heredoc() {
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.s.slice(this.i, this.i + 256));
    if (!m) return false;
    for (let k = 0; k < m[0].length; k++) this.next();
    while (this.i < this.s.length) {
      const eol = this.s.indexOf("\n", this.i);
      const lineText = this.s.slice(this.i, eol < 0 ? this.s.length : eol);
      while (this.i < this.s.length && this.peek() !== "\n") this.next();
      if (lineText.trim() === m[1]) return true;
      this.next();
    }
    return true;
  }
  // Skips an expression: to the end of the line at bracket depth 0, or (when
  // inTemplate, or in a one-line block) to the `}` that closes it.
  expression(inTemplate) {
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.peek();
      if (c === '"') this.string();
      else if (c === "<" && this.peek(1) === "<" && this.heredoc()) continue;
      else if (c === "#" || (c === "/" && (this.peek(1) === "/" || this.peek(1) === "*"))) {
        if (depth === 0 && c !== "/") return;
        this.skipSpace(false);
        if (depth === 0 && this.peek() === "\n") return;
      } else if (c === "(" || c === "[" || c === "{") {
        depth++;
        this.next();
      } else if (c === ")" || c === "]" || c === "}") {
        if (depth === 0) return; // closes the enclosing block or template
        depth--;
        this.next();
      } else if (c === "\n" && depth === 0 && !inTemplate) return;
      else this.next();
    }
  }
  // The items of a body up to its closing `}` (or the end of the file).
  body() {
    const out = { attributes: [], blocks: [] };
    for (;;) {
      this.skipSpace(true);
      if (this.i >= this.s.length) return out;
      if (this.peek() === "}") {
        this.next();
        return out;
      }
      const line = this.line;
      const name = this.ident();
      if (name === null) throw new Error(`line ${this.line}: unexpected ${JSON.stringify(this.peek())}`);
      this.skipSpace(false);
      if (this.peek() === "=" && this.peek(1) !== "=") {
        this.next();
        this.expression(false);
        out.attributes.push({ name, line });
        continue;
      }
      const labels = [];
      while (this.peek() !== "{") {
        if (this.peek() === '"') labels.push(JSON.parse(this.string()));
        else {
          const l = this.ident();
          if (l === null) throw new Error(`line ${this.line}: expected a label or "{" after ${name}`);
          labels.push(l);
        }
        this.skipSpace(false);
      }
      this.next(); // {
      const body = this.body();
      body.line = line;
      out.blocks.push({ type: name, labels, line, body });
    }
  }
}

// ---------------------------------------------------------------------------
// Schemas.

function loadPins(schemaDir) {
  const pins = JSON.parse(fs.readFileSync(path.join(here, "providers/pins.json"), "utf8"));
  const out = new Map();
  for (const [provider, p] of Object.entries(pins.providers)) {
    const versions = p.versions.map((v) => {
      const file = path.join(schemaDir, `${provider}-${v.provider}.json`);
      if (!fs.existsSync(file)) throw new UsageError(`${file} is missing: run ci/install-deps.sh (or node tests/conformance/providers/extract-schemas.mjs)`);
      const schema = JSON.parse(fs.readFileSync(file, "utf8"));
      if (schema.packageVersion !== v.version) throw new UsageError(`${file} is from ${schema.package}@${schema.packageVersion}, pins.json says ${v.version}: run ci/install-deps.sh`);
      return schema;
    });
    out.set(provider, { constraint: p.constraint, versions });
  }
  return out;
}

// Does version "4.55.0" satisfy a Terraform constraint ("~> 4.40", ">= 1, < 2")?
function satisfies(version, constraint) {
  const parse = (v) => v.split(".").map(Number);
  const cmp = (a, b) => {
    for (let k = 0; k < Math.max(a.length, b.length); k++) if ((a[k] ?? 0) !== (b[k] ?? 0)) return (a[k] ?? 0) - (b[k] ?? 0);
    return 0;
  };
  const v = parse(version);
  return constraint.split(",").every((part) => {
    const m = /^\s*(~>|>=|<=|>|<|!=|=)?\s*([0-9.]+)\s*$/.exec(part);
    if (!m) return false;
    const w = parse(m[2]);
    switch (m[1] ?? "=") {
      case "~>": {
        const upper = w.slice(0, Math.max(1, w.length - 1));
        upper[upper.length - 1]++;
        return cmp(v, w) >= 0 && cmp(v, upper) < 0;
      }
      case ">=": return cmp(v, w) >= 0;
      case "<=": return cmp(v, w) <= 0;
      case ">": return cmp(v, w) > 0;
      case "<": return cmp(v, w) < 0;
      case "!=": return cmp(v, w) !== 0;
      default: return cmp(v, w) === 0;
    }
  });
}

function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

function didYouMean(name, candidates) {
  let best = null;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d <= Math.max(2, Math.floor(name.length / 4)) && (!best || d < best.d)) best = { c, d };
  }
  return best ? `; did you mean "${best.c}"?` : "";
}

// ---------------------------------------------------------------------------
// Checks. Each returns problems as { line, message } for one schema version.

function checkBody(body, schema, where, top, out) {
  const argNames = new Set(body.attributes.map((a) => a.name));
  for (const a of body.attributes) {
    if (top && META_ARGUMENTS.has(a.name)) continue;
    if (schema.attributes[a.name]) continue;
    if (schema.blocks[a.name]) out.push({ line: a.line, message: `${where}${a.name} is a block: write "${a.name} { ... }", not "${a.name} = ..."` });
    else out.push({ line: a.line, message: `${where}${a.name}: unsupported argument${didYouMean(a.name, [...Object.keys(schema.attributes), ...Object.keys(schema.blocks)])}` });
  }
  const counts = new Map();
  for (const b of body.blocks) {
    if (top && (b.type === "lifecycle" || META_BLOCKS.has(b.type))) continue;
    let name = b.type;
    let inner = b.body;
    if (b.type === "dynamic") {
      name = b.labels[0];
      inner = b.body.blocks.find((c) => c.type === "content")?.body ?? { attributes: [], blocks: [] };
      counts.set(name, Infinity);
    } else {
      counts.set(name, (counts.get(name) || 0) + 1);
    }
    const s = schema.blocks[name];
    if (!s) {
      if (schema.attributes[name]) out.push({ line: b.line, message: `${where}${name} is an argument: write "${name} = ...", not a block` });
      else out.push({ line: b.line, message: `${where}${name}: unsupported block type${didYouMean(name, [...Object.keys(schema.blocks), ...Object.keys(schema.attributes)])}` });
      continue;
    }
    if (s.maxOne && counts.get(name) === 2) out.push({ line: b.line, message: `${where}${name}: at most one block of this type is allowed` });
    checkBody(inner, s.body, `${where}${name}.`, false, out);
  }
  for (const [name, a] of Object.entries(schema.attributes)) {
    if (a.required && !argNames.has(name)) out.push({ line: body.line, message: `missing required argument "${where}${name}"` });
  }
  for (const [name, b] of Object.entries(schema.blocks)) {
    if (b.required && !counts.has(name)) out.push({ line: body.line, message: `missing required block "${where}${name} { ... }"` });
  }
}

// "scaling_config[0].desired_size" -> ok, or why not.
function checkIgnorePath(ref, schema) {
  const text = ref.replace(/^\$\{/, "").replace(/\}$/, "");
  if (text === "all") return null;
  const segments = text.match(/[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]*\]/g) || [];
  let s = schema;
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k];
    if (seg.startsWith("[")) continue;
    if (s.attributes[seg]) return null; // below an argument: map keys and list items
    if (!s.blocks[seg]) return `ignore_changes: ${text}: "${seg}" is not an argument or block${didYouMean(seg, [...Object.keys(s.attributes), ...Object.keys(s.blocks)])}`;
    s = s.blocks[seg].body;
  }
  return null;
}

function checkResource(block, json, schema, out) {
  checkBody(block.body, schema, "", true, out);
  const lifecycles = block.body.blocks.filter((b) => b.type === "lifecycle");
  for (const lc of lifecycles) {
    for (const a of lc.body.attributes) if (!LIFECYCLE_ARGUMENTS.has(a.name)) out.push({ line: a.line, message: `lifecycle.${a.name}: unsupported argument` });
    for (const b of lc.body.blocks) if (!LIFECYCLE_BLOCKS.has(b.type)) out.push({ line: b.line, message: `lifecycle.${b.type}: unsupported block type` });
  }
  const line = lifecycles[0]?.body.attributes.find((a) => a.name === "ignore_changes")?.line ?? block.line;
  for (const lc of json?.lifecycle || []) {
    const refs = Array.isArray(lc.ignore_changes) ? lc.ignore_changes : [];
    for (const ref of refs) {
      const why = typeof ref === "string" ? checkIgnorePath(ref, schema) : null;
      if (why) out.push({ line, message: why });
    }
  }
}

await runCli(USAGE, async (argv, reporter) => {
  const { flags, positional } = parseArgs(argv, { "--schemas": "value" });
  if (!positional.length) throw new UsageError("no module directories given");
  const providers = loadPins(flags["--schemas"] ?? path.join(here, "providers/schemas"));
  const report = (file, line, subject, message) => {
    reporter.count++;
    process.stdout.write(`${file}:${line}: ${subject}: ${message}\n`);
  };
  for (const dir of positional) {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${dir} is not a directory`);
    const constraints = new Map(); // provider -> { constraint, file, line }
    const items = []; // { file, kind, type, name, block, json }
    for (const file of collectFiles([dir], [".tf"])) {
      if (path.dirname(file) !== path.normalize(dir)) continue; // one module: its own directory
      const src = fs.readFileSync(file, "utf8");
      let json;
      try {
        json = await hcl.parse(path.basename(file), src);
      } catch (err) {
        report(file, 0, "hcl", String(err?.message ?? err));
        continue;
      }
      const top = new Scanner(src).body();
      top.line = 1;
      for (const b of top.blocks) {
        if ((b.type === "resource" || b.type === "data") && b.labels.length === 2) {
          const [type, name] = b.labels;
          items.push({ file, kind: b.type, type, name, block: b, json: json[b.type]?.[type]?.[name]?.[0] });
        }
        if (b.type === "terraform") {
          for (const rp of b.body.blocks.filter((x) => x.type === "required_providers")) {
            for (const a of rp.body.attributes) {
              const value = json.terraform?.[0]?.required_providers?.[0]?.[a.name];
              constraints.set(a.name, { constraint: typeof value === "string" ? value : value?.version, file, line: a.line });
            }
          }
        }
      }
    }
    for (const [provider, c] of constraints) {
      const p = providers.get(provider);
      if (!p) continue;
      if (c.constraint !== p.constraint) {
        report(c.file, c.line, `required_providers.${provider}`, `version "${c.constraint}", but the schemas checked are pinned for "${p.constraint}": update tests/conformance/providers/pins.json (the oldest and the newest ${provider} version "${c.constraint}" allows)`);
      }
      for (const s of p.versions) {
        if (c.constraint && !satisfies(s.providerVersion, c.constraint)) report(c.file, c.line, `required_providers.${provider}`, `${provider} ${s.providerVersion}, a pinned schema, is outside "${c.constraint}"`);
      }
    }
    for (const it of items) {
      const provider = it.type.split("_")[0];
      const subject = `${it.kind === "data" ? "data." : ""}${it.type}.${it.name}`;
      const p = providers.get(provider);
      if (!p) {
        report(it.file, it.block.line, subject, `no schema for provider "${provider}": add it to tests/conformance/providers/pins.json`);
        continue;
      }
      if (!constraints.has(provider)) report(it.file, it.block.line, subject, `provider "${provider}" is not in this module's required_providers`);
      const byMessage = new Map(); // "line\tmessage" -> [version...]
      for (const schema of p.versions) {
        const table = it.kind === "data" ? schema.dataSources : schema.resources;
        const s = table[it.type];
        const out = [];
        if (!s) out.push({ line: it.block.line, message: `no schema extracted for ${it.kind} type ${it.type}: add it to tests/conformance/providers/pins.json` });
        else checkResource(it.block, it.json, s, out);
        for (const o of out) {
          const key = `${o.line}\t${o.message}`;
          (byMessage.get(key) || byMessage.set(key, []).get(key)).push(schema.providerVersion);
        }
      }
      for (const [key, versions] of [...byMessage].sort((a, b) => Number(a[0].split("\t")[0]) - Number(b[0].split("\t")[0]))) {
        const [line, message] = key.split("\t");
        report(it.file, line, subject, `${message} (${provider} ${versions.join(", ")})`);
      }
    }
  }
});
