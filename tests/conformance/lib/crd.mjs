// Validators for custom resources, compiled from the openAPIV3Schema of the
// upstream CRDs in shared/ (see upstream.mjs), the way the API server
// applies them with strict field validation.
import { crdAjv } from "./ajv.mjs";
import { isPlainObject } from "./cli.mjs";
import { readSharedYaml } from "./upstream.mjs";

// apiVersion/kind -> id of the CRD file that defines it.
export const CRD_SOURCES = {
  "serving.kserve.io/v1beta1/InferenceService": "kserve-inferenceservice-crd",
  "kubeflow.org/v1/PyTorchJob": "kubeflow-pytorchjob-crd",
  "kubeflow.org/v1/TFJob": "kubeflow-tfjob-crd",
  "trainer.kubeflow.org/v1alpha1/TrainJob": "kubeflow-trainjob-crd",
  "nvidia.com/v1/ClusterPolicy": "nvidia-clusterpolicy-crd",
  "keda.sh/v1alpha1/ScaledObject": "keda-scaledobject-crd",
  "gateway.networking.k8s.io/v1/HTTPRoute": "gateway-httproute-crd",
  "cert-manager.io/v1/Certificate": "cert-manager-certificate-crd",
  "cert-manager.io/v1/Issuer": "cert-manager-issuer-crd",
  "cert-manager.io/v1/ClusterIssuer": "cert-manager-clusterissuer-crd",
  "kueue.x-k8s.io/v1beta2/ClusterQueue": "kueue-clusterqueue-crd",
  "kueue.x-k8s.io/v1beta2/LocalQueue": "kueue-localqueue-crd",
  "kueue.x-k8s.io/v1beta2/ResourceFlavor": "kueue-resourceflavor-crd",
  "monitoring.coreos.com/v1/PrometheusRule": "prometheus-operator-prometheusrule-crd",
};

// Emulates the API server's strict decoding: every object schema that lists
// properties rejects other keys, unless it says
// x-kubernetes-preserve-unknown-fields or gives additionalProperties itself.
// Only structural positions are closed (properties, items,
// additionalProperties); allOf/anyOf/oneOf/not branches only constrain values.
// metadata is left to the ObjectMeta validator (the API server does the same:
// CRD schemas may not constrain metadata beyond name and generateName).
export function closeSchema(schema, top = true) {
  if (!isPlainObject(schema)) return schema;
  const out = { ...schema };
  if (isPlainObject(out.properties)) {
    const props = {};
    for (const [k, v] of Object.entries(out.properties)) props[k] = top && k === "metadata" ? { type: "object" } : closeSchema(v, false);
    out.properties = props;
    if (out.additionalProperties === undefined && out["x-kubernetes-preserve-unknown-fields"] !== true) out.additionalProperties = false;
  }
  if (isPlainObject(out.items)) out.items = closeSchema(out.items, false);
  if (isPlainObject(out.additionalProperties)) out.additionalProperties = closeSchema(out.additionalProperties, false);
  return out;
}

const compiled = new Map();

// CRDs given on the command line (validate-k8s --crd): apiVersion/kind ->
// { crd, version, source }. They win over CRD_SOURCES: they are what the
// cluster would serve after the tree installed them.
const registered = new Map();

// Registers every served version of a CustomResourceDefinition object (as
// read from YAML). Returns the apiVersion/kind keys it defines.
export function registerCrd(crd, source) {
  const group = crd?.spec?.group;
  const kind = crd?.spec?.names?.kind;
  if (typeof group !== "string" || typeof kind !== "string" || !Array.isArray(crd.spec.versions)) return [];
  const keys = [];
  for (const ver of crd.spec.versions) {
    if (!isPlainObject(ver) || typeof ver.name !== "string") continue;
    const key = `${group}/${ver.name}/${kind}`;
    registered.set(key, { crd, version: ver.name, source });
    compiled.delete(key);
    keys.push(key);
  }
  return keys;
}

// The API server prunes a null value from a custom resource when the schema
// does not say `nullable: true` there (apiextensions.k8s.io/v1 "Defaulting and
// Nullable"), before defaulting and validation; Helm charts render unset
// values as null (`name: {{ .Values.x }}`). Returns a copy with those nulls
// removed; other values are left to the schema.
export function pruneNulls(value, schema) {
  if (!isPlainObject(schema)) return value;
  if (Array.isArray(value)) return value.map((v) => pruneNulls(v, schema.items));
  if (!isPlainObject(value)) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    const sub = isPlainObject(schema.properties) && k in schema.properties ? schema.properties[k] : isPlainObject(schema.additionalProperties) ? schema.additionalProperties : null;
    if (v === null && sub && sub.nullable !== true) continue;
    out[k] = sub ? pruneNulls(v, sub) : v;
  }
  return out;
}

// Returns { validate, served, deprecated, source } for apiVersion/kind, or
// null if no CRD here defines it. `validate(doc)` works like an Ajv validate
// function (errors in validate.errors) on the object as the API server sees
// it after pruning nulls. Throws if a pinned CRD defines the kind but not that
// version.
export function crdValidator(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const version = apiVersion.split("/").pop();
  const key = `${apiVersion}/${kind}`;
  if (compiled.has(key)) return compiled.get(key);
  let crd;
  let source;
  if (registered.has(key)) {
    ({ crd, source } = registered.get(key));
  } else {
    source = CRD_SOURCES[key];
    if (!source) return null;
    crd = readSharedYaml(source);
    if (crd.spec.group !== group || crd.spec.names.kind !== kind) throw new Error(`${source}: CRD defines ${crd.spec.group} ${crd.spec.names.kind}, expected ${group} ${kind}`);
  }
  const ver = crd.spec.versions.find((v) => v.name === version);
  if (!ver) throw new Error(`${source}: CRD has no version ${version}`);
  const schema = ver.schema?.openAPIV3Schema;
  if (!isPlainObject(schema)) throw new Error(`${source}: CRD ${group} ${kind} ${version} has no schema.openAPIV3Schema`);
  const fn = crdAjv().compile(closeSchema(schema));
  const validate = (doc) => {
    const ok = fn(pruneNulls(doc, schema));
    validate.errors = fn.errors;
    return ok;
  };
  const entry = { validate, served: ver.served !== false, deprecated: ver.deprecated === true, source };
  compiled.set(key, entry);
  return entry;
}
