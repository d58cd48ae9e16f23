#!/usr/bin/env node
// validate-helm-values.mjs --chart jupyterhub|mlflow|gpu-operator [--allow-key POINTER]... VALUES.yaml...
//
// Judges a values file the way `helm install -f VALUES.yaml` does:
//  - jupyterhub, mlflow: the chart's values.yaml coalesced under ours (Helm's
//    chartutil.CoalesceValues: maps merge recursively, our scalars and lists
//    replace, our null deletes a chart default), then the chart's
//    values.schema.json (draft-07) over the result, as Helm does before
//    rendering. For jupyterhub also singleuser.profileList, which the chart
//    schema leaves as a bare array: profile keys and every
//    kubespawner_override key must be KubeSpawner traits (snake_case; z2jh
//    issue 1744: a camelCase key is silently ignored by KubeSpawner).
//  - gpu-operator: the chart publishes no schema, so every key path of ours
//    must exist in the chart (upstream/gpu-operator-keys.json, derived from
//    its values.yaml and templates), except inside free-form maps.
import { ajvProblem, isPlainObject, loadYamlFile, parseArgs, pointer, runCli, UsageError } from "./lib/cli.mjs";
import { schemaAjv } from "./lib/ajv.mjs";
import { readLocalJson, readSharedJson, readSharedYaml, sharedDir } from "./lib/upstream.mjs";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

const USAGE = "usage: validate-helm-values.mjs --chart jupyterhub|mlflow|gpu-operator|cert-manager|keda|kube-prometheus-stack|cluster-autoscaler|kueue [--allow-key POINTER]... VALUES.yaml...";

// Helm's coalesce of user values over chart defaults. Returns
// { merged, conflicts: [{ segments, message }] }. Neither input is modified.
export function coalesce(ours, defaults, segs = [], conflicts = []) {
  const out = structuredClone(ours);
  for (const [key, dv] of Object.entries(defaults)) {
    const here = [...segs, key];
    if (!(key in out)) out[key] = structuredClone(dv);
    else if (out[key] === null) delete out[key];
    else if (isPlainObject(dv)) {
      if (isPlainObject(out[key])) out[key] = coalesce(out[key], dv, here, conflicts).merged;
      else conflicts.push({ segments: here, message: `the chart's default is a map; Helm warns "cannot overwrite table with non table" and keeps ours (${JSON.stringify(out[key])})` });
    } else if (isPlainObject(out[key]) && dv !== null) {
      conflicts.push({ segments: here, message: `the chart's default is a ${Array.isArray(dv) ? "list" : "scalar"}; Helm warns "destination is a table" and keeps our map` });
    }
  }
  return { merged: out, conflicts };
}

// ---- jupyterhub profileList ------------------------------------------------

const PROFILE_KEYS = new Set(["display_name", "slug", "description", "default", "kubespawner_override", "profile_options"]);
const OPTION_KEYS = new Set(["display_name", "choices", "unlisted_choice"]);
const CHOICE_KEYS = new Set(["display_name", "default", "kubespawner_override"]);
const UNLISTED_KEYS = new Set(["enabled", "display_name", "display_name_in_choices", "validation_regex", "validation_message", "kubespawner_override"]);

function snake(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/-/g, "_").toLowerCase();
}

function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

// A close known name: the snake_case spelling, a prefix, or at most two edits.
function suggest(name, known) {
  const s = snake(name);
  if (s !== name && known.has(s)) return ` (did you mean "${s}"?)`;
  let best = null;
  for (const k of known) {
    const dist = Math.min(editDistance(name, k), editDistance(s, k), k.startsWith(name) || name.startsWith(k) ? 2 : Infinity);
    if (dist <= 2 && (!best || dist < best[1])) best = [k, dist];
  }
  return best ? ` (did you mean "${best[0]}"?)` : "";
}

function checkProfileList(list, emit) {
  const t = readLocalJson("kubespawner-traits.json");
  const traits = new Set([...t.kubespawner, ...t.spawner]);
  const checkKeys = (obj, allowed, segs, what) => {
    if (!isPlainObject(obj)) return emit(pointer(segs), `${what} must be a map`), false;
    for (const k of Object.keys(obj)) if (!allowed.has(k)) emit(pointer([...segs, k]), `unknown ${what} key "${k}"${suggest(k, allowed)}; allowed: ${[...allowed].join(", ")}`);
    return true;
  };
  const checkOverride = (ov, segs) => {
    if (ov === undefined) return;
    if (!isPlainObject(ov)) return emit(pointer(segs), "kubespawner_override must be a map of KubeSpawner trait names to values");
    for (const k of Object.keys(ov)) {
      if (traits.has(k)) continue;
      if (k in t.deprecated) emit(pointer([...segs, k]), `deprecated KubeSpawner trait "${k}"; use "${t.deprecated[k]}"`);
      else emit(pointer([...segs, k]), `"${k}" is not a KubeSpawner trait${suggest(k, traits)}; KubeSpawner would set it as a plain attribute and ignore it`);
    }
  };
  if (!Array.isArray(list)) return emit("/singleuser/profileList", "profileList must be a list of profiles");
  const slugs = new Set();
  list.forEach((p, i) => {
    const segs = ["singleuser", "profileList", i];
    if (!checkKeys(p, PROFILE_KEYS, segs, "profile")) return;
    if (typeof p.display_name !== "string" || !p.display_name) emit(pointer([...segs, "display_name"]), "display_name is required (a string)");
    if (p.slug !== undefined) {
      if (typeof p.slug !== "string" || !p.slug) emit(pointer([...segs, "slug"]), "slug must be a non-empty string");
      else if (slugs.has(p.slug)) emit(pointer([...segs, "slug"]), `duplicate slug "${p.slug}"`);
      else slugs.add(p.slug);
    }
    if (p.default !== undefined && typeof p.default !== "boolean") emit(pointer([...segs, "default"]), "default must be a boolean");
    checkOverride(p.kubespawner_override, [...segs, "kubespawner_override"]);
    if (p.profile_options === undefined) return;
    if (!isPlainObject(p.profile_options)) return emit(pointer([...segs, "profile_options"]), "profile_options must be a map");
    for (const [name, opt] of Object.entries(p.profile_options)) {
      const os = [...segs, "profile_options", name];
      if (!checkKeys(opt, OPTION_KEYS, os, "profile option")) continue;
      if (isPlainObject(opt.choices)) {
        for (const [cname, c] of Object.entries(opt.choices)) {
          const cs = [...os, "choices", cname];
          if (checkKeys(c, CHOICE_KEYS, cs, "choice")) checkOverride(c.kubespawner_override, [...cs, "kubespawner_override"]);
        }
      } else if (opt.choices !== undefined) emit(pointer([...os, "choices"]), "choices must be a map");
      if (opt.unlisted_choice !== undefined && checkKeys(opt.unlisted_choice, UNLISTED_KEYS, [...os, "unlisted_choice"], "unlisted_choice")) {
        checkOverride(opt.unlisted_choice.kubespawner_override, [...os, "unlisted_choice", "kubespawner_override"]);
      }
    }
  });
}

// ---- gpu-operator key check ------------------------------------------------

// Names whose values are free-form wherever they appear: Kubernetes maps and
// objects the chart passes through whole (labels, node selectors, resource
// requirements, probes, security contexts, affinity) and ConfigMap-like
// payloads. Lists are never descended into (Helm replaces lists whole; their
// items are Kubernetes objects such as EnvVar or Toleration).
const FREE_FORM = new Set(["labels", "annotations", "additionalLabels", "nodeSelector", "resources", "affinity", "podSecurityContext", "securityContext", "livenessProbe", "readinessProbe", "startupProbe", "data", "featureGates", "extraArgs"]);

function checkGpuOperatorKeys(values, allowKeys, emit) {
  const spec = readLocalJson("gpu-operator-keys.json");
  const open = new Set(spec.open);
  const walk = (v, segs) => {
    for (const [k, x] of Object.entries(v)) {
      const here = [...segs, k];
      const p = pointer(here);
      if (allowKeys.has(p)) continue;
      const kind = spec.paths[p];
      if (!kind) {
        const siblings = Object.keys(spec.paths).filter((q) => q.startsWith(pointer(segs) === "/" ? "/" : pointer(segs) + "/") && q.split("/").length === here.length + 1).map((q) => q.split("/").pop().replace(/~1/g, "/").replace(/~0/g, "~"));
        emit(p, `no such key in the gpu-operator chart${suggest(k, new Set(siblings))}`);
        continue;
      }
      if (open.has(p) || FREE_FORM.has(k) || x === null || !isPlainObject(x)) {
        if (isPlainObject(x) && (kind === "list" || kind === "scalar")) emit(p, `the chart expects a ${kind} here, not a map`);
        continue;
      }
      if (kind === "list" || kind === "scalar") {
        emit(p, `the chart expects a ${kind} here, not a map`);
        continue;
      }
      walk(x, here);
    }
  };
  if (isPlainObject(values)) walk(values, []);
}

// ---- charts read from their pinned sources (shared/charts-src) ---------------

// The platform charts mlspec installs (model/platform.h), at the versions it
// pins (emit/names.h). Their values.yaml, with each vendored subchart's
// values.yaml under the subchart's name, is the set of keys the chart reads;
// values.schema.json, where the chart ships one, is applied as Helm does.
const CHART_SOURCES = {
  "cert-manager": "charts-src/cert-manager/v1.21.1",
  keda: "charts-src/keda/2.20.2",
  "kube-prometheus-stack": "charts-src/kube-prometheus-stack/88.0.1",
  "cluster-autoscaler": "charts-src/cluster-autoscaler/9.59.0",
  kueue: "charts-src/kueue/0.19.0",
};

function readChartSource(rel) {
  const dir = path.join(sharedDir(), rel);
  if (!fs.existsSync(path.join(dir, "values.yaml"))) throw new UsageError(`chart source not found: ${dir}/values.yaml`);
  const defaults = YAML.parse(fs.readFileSync(path.join(dir, "values.yaml"), "utf8")) ?? {};
  const subcharts = path.join(dir, "charts");
  if (fs.existsSync(subcharts))
    for (const sub of fs.readdirSync(subcharts).sort()) {
      const f = path.join(subcharts, sub, "values.yaml");
      if (!fs.existsSync(f)) continue;
      const subDefaults = YAML.parse(fs.readFileSync(f, "utf8")) ?? {};
      defaults[sub] = coalesce(isPlainObject(defaults[sub]) ? defaults[sub] : {}, subDefaults).merged;
    }
  const schemaFile = path.join(dir, "values.schema.json");
  const schema = fs.existsSync(schemaFile) ? JSON.parse(fs.readFileSync(schemaFile, "utf8")) : null;
  return { defaults, schema };
}

// Every key of ours exists in the chart's defaults, down to free-form values
// (FREE_FORM names, and maps the chart leaves empty for the user to fill).
function checkKeysExist(ours, defaults, segs, emit) {
  for (const [k, x] of Object.entries(ours)) {
    const here = [...segs, k];
    if (!(k in defaults)) {
      emit(pointer(here), `no such key in the chart's values${suggest(k, new Set(Object.keys(defaults)))}`);
      continue;
    }
    const d = defaults[k];
    if (FREE_FORM.has(k) || !isPlainObject(x)) continue;
    if (!isPlainObject(d)) {
      if (d !== null) emit(pointer(here), `the chart's default here is a ${Array.isArray(d) ? "list" : "scalar"}, not a map`);
      continue;
    }
    if (Object.keys(d).length === 0) continue;  // an empty map the user fills
    checkKeysExist(x, d, here, emit);
  }
}

// ---- main --------------------------------------------------------------------

const CHARTS = {
  jupyterhub: { values: "jupyterhub-values", schema: "jupyterhub-values-schema" },
  mlflow: { values: "mlflow-values", schema: "mlflow-values-schema" },
  "gpu-operator": null,
  "cert-manager": null,
  keda: null,
  "kube-prometheus-stack": null,
  "cluster-autoscaler": null,
  kueue: null,
};

await runCli(USAGE, async (argv, reporter) => {
  const { flags, positional } = parseArgs(argv, { "--chart": "value", "--allow-key": "list" });
  const chart = flags["--chart"];
  if (!(chart in CHARTS)) throw new UsageError(`--chart must be one of ${Object.keys(CHARTS).join(", ")}`);
  if (!positional.length) throw new UsageError("no values files given");
  const allowKeys = new Set(flags["--allow-key"] || []);
  let validate = null;
  let defaults = null;
  if (CHARTS[chart]) {
    defaults = readSharedYaml(CHARTS[chart].values);
    validate = schemaAjv(readSharedJson(CHARTS[chart].schema), chart).compile(readSharedJson(CHARTS[chart].schema));
  } else if (CHART_SOURCES[chart]) {
    const src = readChartSource(CHART_SOURCES[chart]);
    defaults = src.defaults;
    if (src.schema) validate = schemaAjv(src.schema, chart).compile(src.schema);
  }
  for (const file of positional) {
    const emit = (ptr, msg) => reporter.problem(file, 0, "values", chart, ptr, msg);
    const { value, errors } = loadYamlFile(file);
    for (const e of errors) emit(`line ${e.line} col ${e.col}`, `YAML: ${e.message}`);
    if (errors.length) continue;
    const ours = value === null ? {} : value;
    if (!isPlainObject(ours)) {
      emit("/", "a values file must be a map");
      continue;
    }
    if (chart === "gpu-operator") {
      checkGpuOperatorKeys(ours, allowKeys, emit);
      continue;
    }
    if (CHART_SOURCES[chart]) checkKeysExist(ours, defaults, [], emit);
    const { merged, conflicts } = coalesce(ours, defaults);
    for (const c of conflicts) emit(pointer(c.segments), c.message);
    if (validate && !validate(merged)) for (const err of validate.errors) emit(...ajvProblem(err));
    if (chart === "jupyterhub" && merged.singleuser?.profileList !== undefined) checkProfileList(merged.singleuser.profileList, emit);
  }
});
