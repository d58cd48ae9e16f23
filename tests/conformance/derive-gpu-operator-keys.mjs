#!/usr/bin/env node
// derive-gpu-operator-keys.mjs CHART_DIR SOURCE_NOTE > upstream/gpu-operator-keys.json
//
// The gpu-operator chart publishes no values.schema.json, so
// `validate-helm-values.mjs --chart gpu-operator` checks key paths instead.
// This derives the list from an unpacked chart (NVIDIA/gpu-operator
// deployments/gpu-operator at a pinned commit; see upstream/ATTRIBUTION.md):
//  - every key path in values.yaml, with its kind (map, list, scalar);
//  - every `.Values.a.b` path the templates read (keys the chart uses but
//    leaves commented out in values.yaml);
//  - the same for the node-feature-discovery subchart, under its name;
//  - "open" paths, whose contents are free-form: maps that default to {},
//    keys that default to null (the chart gives no shape), and
//    paths the templates pass through with toYaml but values.yaml leaves
//    empty or unset. (Names that are free-form everywhere, such as labels or
//    nodeSelector, are listed in validate-helm-values.mjs.)
// Only key names are kept: no values, comments or template text.
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { pointer, isPlainObject } from "./lib/cli.mjs";

const [chartDir, source] = process.argv.slice(2);
if (!chartDir || !source) {
  process.stderr.write("usage: derive-gpu-operator-keys.mjs CHART_DIR SOURCE_NOTE\n");
  process.exit(2);
}

const paths = {};
const open = new Set();

function addValues(file, prefix) {
  const walk = (v, segs) => {
    if (segs.length) paths[pointer(segs)] = Array.isArray(v) ? "list" : isPlainObject(v) ? "map" : v === null ? "any" : "scalar";
    if (segs.length && v === null) open.add(pointer(segs));
    if (isPlainObject(v)) {
      if (segs.length && !Object.keys(v).length) open.add(pointer(segs));
      for (const [k, x] of Object.entries(v)) walk(x, [...segs, k]);
    }
  };
  walk(parse(fs.readFileSync(file, "utf8")), prefix);
}

function addTemplateRefs(dir, prefix) {
  for (const f of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    for (const m of text.matchAll(/(toYaml\s+\(?\s*)?\$?\.Values((?:\.[A-Za-z0-9_]+)+)/g)) {
      const segs = [...prefix, ...m[2].slice(1).split(".")];
      for (let i = 1; i <= segs.length; i++) {
        const p = pointer(segs.slice(0, i));
        if (!(p in paths)) paths[p] = i < segs.length ? "map" : "ref";
      }
      const p = pointer(segs);
      if (m[1] && (paths[p] === "ref" || open.has(p))) open.add(p);
    }
  }
}

addValues(path.join(chartDir, "values.yaml"), []);
const nfd = path.join(chartDir, "charts", "node-feature-discovery");
addValues(path.join(nfd, "values.yaml"), ["node-feature-discovery"]);
addTemplateRefs(path.join(chartDir, "templates"), []);
addTemplateRefs(path.join(nfd, "templates"), ["node-feature-discovery"]);

const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
process.stdout.write(JSON.stringify({ source, note: "Key paths only (JSON Pointer); kinds: map, list, scalar, any (null default), ref (read by a template, absent from values.yaml).", open: [...open].sort(), paths: sorted }, null, 1) + "\n");
