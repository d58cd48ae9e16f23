// Shared plumbing for the conformance validators: argument parsing, the one
// problem-line format, exit codes, file walking and strict YAML loading.
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

// Thrown for usage and environment errors (bad flags, missing upstream data):
// the CLI prints the message and exits 2.
export class UsageError extends Error {}

// Collects problems and prints each as
//   FILE: [docIndex kind/name] path: message
// in the order they were found (callers walk files in sorted order, so the
// output is deterministic).
export class Reporter {
  constructor() {
    this.count = 0;
  }
  problem(file, docIndex, kind, name, pointer, message) {
    this.count++;
    const where = `[${docIndex} ${kind || "-"}/${name || "-"}]`;
    process.stdout.write(`${file}: ${where} ${pointer || "/"}: ${message}\n`);
  }
}

// Runs main(args, reporter) and turns its outcome into the exit code.
export async function runCli(usage, main) {
  const reporter = new Reporter();
  try {
    await main(process.argv.slice(2), reporter);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${usage}\n`);
      process.exit(EXIT_USAGE);
    }
    throw err;
  }
  process.exit(reporter.count ? EXIT_PROBLEMS : EXIT_OK);
}

// Minimal flag parser. spec: { "--name": "value" | "bool" | "list" }.
// Returns { flags, positional }. Unknown flags are usage errors.
export function parseArgs(argv, spec) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      let [name, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
      const kind = spec[name];
      if (!kind) throw new UsageError(`unknown option ${name}`);
      if (kind === "bool") {
        if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
        flags[name] = true;
        continue;
      }
      const value = inline !== undefined ? inline : argv[++i];
      if (value === undefined) throw new UsageError(`option ${name} needs a value`);
      if (kind === "list") (flags[name] ||= []).push(value);
      else flags[name] = value;
      continue;
    }
    positional.push(a);
  }
  return { flags, positional };
}

// Expands files and directories (recursively, sorted, following no symlinked
// directories) into the files whose names end in one of exts.
// A named file is always included, whatever its extension.
export function collectFiles(paths, exts) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && exts.some((e) => entry.name.endsWith(e))) out.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

// Parses every document of a YAML stream the way Kubernetes and Helm read it
// (sigs.k8s.io/yaml, a go-yaml v2 fork: YAML 1.1 scalars, so `on`, `yes`, `y`
// are booleans and `0755` is octal), rejecting duplicate keys.
// Returns [{ index, value, errors: [{line, col, message}] }]; documents that
// are empty (only comments, or a bare `---`) have value null and are kept so
// document indexes match their position in the stream.
export function loadYamlStream(text) {
  const docs = parseAllDocuments(text, { version: "1.1", uniqueKeys: true, strict: true, prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc, index) => {
    const errors = [...doc.errors, ...doc.warnings].map((e) => ({
      line: e.linePos?.[0]?.line ?? 0,
      col: e.linePos?.[0]?.col ?? 0,
      message: e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""),
    }));
    let value = null;
    if (!doc.errors.length) {
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (e) {
        errors.push({ line: 0, col: 0, message: e.message });
      }
    }
    return { index, value: value === undefined ? null : value, errors };
  });
}

// Loads a file holding exactly one YAML document (Helm values files).
export function loadYamlFile(file) {
  const docs = loadYamlStream(fs.readFileSync(file, "utf8")).filter((d) => d.value !== null || d.errors.length);
  if (docs.length > 1) return { value: null, errors: [{ line: 0, col: 0, message: "expected a single YAML document" }] };
  return docs[0] || { value: null, errors: [] };
}

// JSON Pointer (RFC 6901) of a list of path segments.
export function pointer(segments) {
  if (!segments.length) return "/";
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// Formats one Ajv error as [pointer, message].
export function ajvProblem(err) {
  let ptr = err.instancePath || "/";
  let msg = err.message || err.keyword;
  if (err.keyword === "additionalProperties") {
    ptr = (err.instancePath || "") + pointer([err.params.additionalProperty]);
    msg = `unknown field "${err.params.additionalProperty}"`;
  } else if (err.keyword === "enum" && err.params?.allowedValues) {
    msg += `: ${err.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  } else if (err.keyword === "const" && "allowedValue" in (err.params || {})) {
    msg += `: ${JSON.stringify(err.params.allowedValue)}`;
  }
  return [ptr, msg];
}
