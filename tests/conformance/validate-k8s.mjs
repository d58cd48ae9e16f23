#!/usr/bin/env node
// validate-k8s.mjs DIR_OR_FILE... [--allow-kind KIND]...
//
// Judges Kubernetes manifests the way the API server would take them with
// `kubectl apply` (strict field validation):
//  - every *.yaml/*.yml document parses (YAML 1.1 scalars as in go-yaml, no
//    duplicate keys) and is an object with apiVersion and kind;
//  - built-in kinds: the official OpenAPI schema via kubernetes-models' class
//    for that apiVersion/kind (GA versions only), plus unknown fields;
//  - Argo CD Application/AppProject and Prometheus Operator ServiceMonitor/
//    PodMonitor/PrometheusRule: @kubernetes-models/argo-cd and
//    @kubernetes-models/prometheus-operator, plus unknown fields;
//  - KServe InferenceService, Kubeflow PyTorchJob/TFJob/TrainJob, NVIDIA
//    ClusterPolicy, KEDA ScaledObject, Gateway API HTTPRoute, Kueue
//    ClusterQueue/LocalQueue/ResourceFlavor, Prometheus Operator
//    PrometheusRule: Ajv against the CRD's openAPIV3Schema for that version,
//    closed against unknown fields, and metadata against ObjectMeta;
//  - API-server checks outside OpenAPI: names, label syntax, quantities,
//    container requests/limits rules (lib/k8s-semantics.mjs);
//  - --crd DIR_OR_FILE: the CustomResourceDefinitions there define their kinds
//    too (and win over the pinned ones), as on a cluster that applied them;
//  - custom resources are judged after the API server's pruning of null
//    values where the schema is not nullable;
//  - CustomResourceDefinitions: their openAPIV3Schema's description and
//    x-kubernetes-* fields, which kubernetes-models never reads, are typed here;
//  - any other kind is a problem unless allowed with --allow-kind KIND or
//    --allow-kind APIVERSION/KIND (then it is only parsed).
import fs from "node:fs";
import { validate as validateObjectMeta } from "@kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta";
import { ajvProblem, collectFiles, isPlainObject, loadYamlStream, parseArgs, runCli, UsageError } from "./lib/cli.mjs";
import { crdValidator, registerCrd } from "./lib/crd.mjs";
import { checkName, checkObject } from "./lib/k8s-semantics.mjs";
import { trackAccess } from "./lib/tracker.mjs";

const USAGE = "usage: validate-k8s.mjs [--allow-kind KIND|APIVERSION/KIND]... [--crd DIR_OR_FILE]... DIR_OR_FILE...";

// Packages with one module per apiVersion/kind: <package>/<apiVersion>/<Kind>.
const MODEL_PACKAGES = ["kubernetes-models", "@kubernetes-models/argo-cd", "@kubernetes-models/prometheus-operator"];

const modelCache = new Map();

// The kubernetes-models class for apiVersion/kind, or null.
async function modelClass(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (modelCache.has(key)) return modelCache.get(key);
  let found = null;
  if (/^[A-Za-z0-9]+$/.test(kind) && /^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) {
    for (const pkg of MODEL_PACKAGES) {
      try {
        const mod = await import(`${pkg}/${apiVersion}/${kind}`);
        const cls = mod[kind];
        if (cls && cls.apiVersion === apiVersion && cls.kind === kind) {
          found = { cls, pkg };
          break;
        }
      } catch (e) {
        if (e.code !== "ERR_MODULE_NOT_FOUND" && e.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw e;
      }
    }
  }
  modelCache.set(key, found);
  return found;
}

// Fields of the Kubernetes API that kubernetes-models' compiled validators
// never read (their schema is typed in the .d.ts but compiled away), so the
// read tracker would call them unknown. Each is in the API reference:
// PriorityClass.description:
//   https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/priority-class-v1/
const SCHEMA_GAPS = new Set(["/description"]);
const SCHEMA_GAP_KINDS = new Set(["PriorityClass"]);

// The same for JSONSchemaProps, the type of a CustomResourceDefinition's
// spec.versions[].schema.openAPIV3Schema and of every schema nested in it:
// these fields are in the API reference
//   https://kubernetes.io/docs/reference/kubernetes-api/extend-resources/custom-resource-definition-v1/#JSONSchemaProps
// but the compiled validator reads none of them. Their values are checked by
// checkSchemaPropsExtras below instead.
const SCHEMA_PROPS_EXTRAS = {
  description: (v) => typeof v === "string" || "must be string",
  "x-kubernetes-embedded-resource": (v) => typeof v === "boolean" || "must be boolean",
  "x-kubernetes-int-or-string": (v) => typeof v === "boolean" || "must be boolean",
  "x-kubernetes-preserve-unknown-fields": (v) => typeof v === "boolean" || "must be boolean",
  "x-kubernetes-list-type": (v) => ["atomic", "set", "map"].includes(v) || 'must be one of "atomic", "set", "map"',
  "x-kubernetes-list-map-keys": (v) => (Array.isArray(v) && v.every((k) => typeof k === "string")) || "must be a list of strings",
  "x-kubernetes-map-type": (v) => ["granular", "atomic"].includes(v) || 'must be one of "granular", "atomic"',
  "x-kubernetes-validations": (v) =>
    (Array.isArray(v) && v.every((r) => isPlainObject(r) && typeof r.rule === "string" && Object.keys(r).every((k) => ["rule", "message", "messageExpression", "reason", "fieldPath", "optionalOldSelf"].includes(k)))) ||
    "must be a list of {rule, message, messageExpression, reason, fieldPath, optionalOldSelf}",
};
const SCHEMA_PROPS_PATH = /^\/spec\/versions\/\d+\/schema\/openAPIV3Schema(\/.*)?$/;

// CustomResourceColumnDefinition.description (additionalPrinterColumns), in
// the same API reference page, is not read either; it is a string.
const PRINTER_COLUMN_DESCRIPTION = /^\/spec\/versions\/\d+\/additionalPrinterColumns\/\d+\/description$/;

function isSchemaGap(value, u) {
  if (SCHEMA_GAP_KINDS.has(value?.kind) && SCHEMA_GAPS.has(u.pointer)) return true;
  if (value?.kind === "CustomResourceDefinition" && PRINTER_COLUMN_DESCRIPTION.test(u.pointer)) return true;
  return value?.kind === "CustomResourceDefinition" && u.key in SCHEMA_PROPS_EXTRAS && SCHEMA_PROPS_PATH.test(u.pointer);
}

// Checks the SCHEMA_PROPS_EXTRAS fields of every schema in a CRD.
function checkSchemaPropsExtras(doc, emit) {
  const walk = (schema, at) => {
    if (!isPlainObject(schema)) return;
    for (const [k, check] of Object.entries(SCHEMA_PROPS_EXTRAS)) {
      if (!(k in schema)) continue;
      const ok = check(schema[k]);
      if (ok !== true) emit(`${at}/${k}`, ok);
    }
    for (const k of ["properties", "patternProperties", "definitions"]) if (isPlainObject(schema[k])) for (const [name, sub] of Object.entries(schema[k])) walk(sub, `${at}/${k}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    for (const k of ["items", "additionalProperties", "additionalItems", "not"]) {
      if (Array.isArray(schema[k])) schema[k].forEach((sub, i) => walk(sub, `${at}/${k}/${i}`));
      else walk(schema[k], `${at}/${k}`);
    }
    for (const k of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(schema[k])) schema[k].forEach((sub, i) => walk(sub, `${at}/${k}/${i}`));
  };
  if (!Array.isArray(doc?.spec?.versions)) return;
  doc.spec.versions.forEach((v, i) => {
    walk(v?.schema?.openAPIV3Schema, `/spec/versions/${i}/schema/openAPIV3Schema`);
    (Array.isArray(v?.additionalPrinterColumns) ? v.additionalPrinterColumns : []).forEach((c, j) => {
      if (isPlainObject(c) && "description" in c && typeof c.description !== "string") emit(`/spec/versions/${i}/additionalPrinterColumns/${j}/description`, "must be string");
    });
  });
}

// Runs a compiled kubernetes-models validator on a read-tracking proxy.
// Returns Ajv-style errors plus unknown-field errors.
function runTracked(validateFn, value) {
  const { proxy, unknown } = trackAccess(value);
  const errors = [];
  try {
    validateFn(proxy);
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    errors.push(...e.errors);
  }
  for (const u of unknown()) {
    if (isSchemaGap(value, u)) continue;
    errors.push({ instancePath: u.pointer, message: `unknown field "${u.key}"`, keyword: "unknown" });
  }
  return errors;
}

function validateMeta(metadata) {
  return runTracked((p) => {
    if (!validateObjectMeta(p)) {
      const err = new Error("metadata");
      err.errors = validateObjectMeta.errors.map((e) => ({ ...e, message: e.message || `must match ${e.keyword} ${JSON.stringify(e.params)}` }));
      throw err;
    }
  }, metadata).map((e) => ({ ...e, instancePath: "/metadata" + e.instancePath }));
}

async function validateDoc(doc, allowed) {
  const { apiVersion, kind } = doc;
  const out = [];
  const emit = (instancePath, message) => out.push({ instancePath, message });
  if (typeof apiVersion !== "string" || !apiVersion) emit("/apiVersion", "apiVersion is required (a string)");
  if (typeof kind !== "string" || !kind) emit("/kind", "kind is required (a string)");
  if (out.length) return out;

  // The upstream CRD in shared/, where there is one, wins over a model
  // package's copy of it (PrometheusRule: the pinned operator's CRD).
  const crd = crdValidator(apiVersion, kind);
  const model = crd ? null : await modelClass(apiVersion, kind);
  if (model) {
    const version = apiVersion.split("/").pop();
    if (model.pkg === "kubernetes-models" && /alpha|beta/.test(version)) {
      emit("/apiVersion", `${apiVersion} ${kind} is not a GA API: removed from, or off by default in, current Kubernetes; use the GA version`);
      return out;
    }
    out.push(...runTracked((p) => model.cls.prototype.validate.call(p), doc));
    if (kind === "CustomResourceDefinition") checkSchemaPropsExtras(doc, emit);
  } else if (crd) {
    if (!crd.validate(doc)) out.push(...crd.validate.errors);
    if (isPlainObject(doc.metadata)) out.push(...validateMeta(doc.metadata));
  } else {
    if (allowed.has(kind) || allowed.has(`${apiVersion}/${kind}`)) return out;
    emit("/", `no validator knows apiVersion ${JSON.stringify(apiVersion)} kind ${JSON.stringify(kind)} (pass --allow-kind ${kind} to accept it unvalidated)`);
    return out;
  }
  const schemaErrors = out.length;
  checkName(kind, doc, emit);
  checkObject(kind, doc, emit);
  return collapse(out, schemaErrors);
}

// One line per failing value: the branch errors of a failed oneOf/anyOf are
// folded into it, and a semantic finding is dropped where the schema already
// reported the same value.
function collapse(errors, schemaCount) {
  const schemaAt = new Set(errors.slice(0, schemaCount).map((e) => e.instancePath));
  const alt = new Map();
  for (const e of errors.slice(0, schemaCount)) if (e.keyword === "oneOf" || e.keyword === "anyOf") alt.set(e.instancePath, e);
  const out = [];
  for (const [i, e] of errors.entries()) {
    if (i >= schemaCount) {
      if (!schemaAt.has(e.instancePath)) out.push(e);
      continue;
    }
    const a = alt.get(e.instancePath);
    if (!a) out.push(e);
    else if (a === e) {
      const branches = errors.slice(0, schemaCount).filter((x) => x !== e && x.instancePath === e.instancePath).map((x) => ajvProblem(x)[1]);
      out.push({ ...e, message: `${e.message || e.keyword}${branches.length ? ` (${[...new Set(branches)].join("; ")})` : ""}` });
    }
  }
  return out;
}

await runCli(USAGE, async (argv, reporter) => {
  const { flags, positional } = parseArgs(argv, { "--allow-kind": "list", "--crd": "list" });
  if (!positional.length) throw new UsageError("no files or directories given");
  const allowed = new Set(flags["--allow-kind"] || []);
  // --crd: the CustomResourceDefinitions in these files define their kinds for
  // the documents validated, as on a cluster that has applied them first.
  for (const file of collectFiles(flags["--crd"] || [], [".yaml", ".yml"])) {
    for (const { value } of loadYamlStream(fs.readFileSync(file, "utf8"))) {
      if (isPlainObject(value) && value.apiVersion === "apiextensions.k8s.io/v1" && value.kind === "CustomResourceDefinition") registerCrd(value, `${file}: CustomResourceDefinition/${value.metadata?.name}`);
    }
  }
  for (const file of collectFiles(positional, [".yaml", ".yml"])) {
    const docs = loadYamlStream(fs.readFileSync(file, "utf8"));
    for (const { index, value, errors } of docs) {
      for (const e of errors) reporter.problem(file, index, "", "", `line ${e.line} col ${e.col}`, `YAML: ${e.message}`);
      if (errors.length || value === null) continue;
      if (!isPlainObject(value)) {
        reporter.problem(file, index, "", "", "/", `document is a ${Array.isArray(value) ? "list" : typeof value}, not an object`);
        continue;
      }
      const kind = typeof value.kind === "string" ? value.kind : "";
      const name = typeof value.metadata?.name === "string" ? value.metadata.name : "";
      for (const err of await validateDoc(value, allowed)) {
        const [ptr, msg] = ajvProblem(err);
        reporter.problem(file, index, kind, name, ptr, msg);
      }
    }
  }
});
