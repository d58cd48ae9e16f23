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

// Returns an Ajv validate function for apiVersion/kind, or null if no CRD
// here defines it. Throws UsageError if the CRD defines the kind but not that
// version (so the caller can say which versions exist).
export function crdValidator(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const version = apiVersion.split("/").pop();
  const key = `${apiVersion}/${kind}`;
  if (compiled.has(key)) return compiled.get(key);
  const id = CRD_SOURCES[key];
  if (!id) return null;
  const crd = readSharedYaml(id);
  if (crd.spec.group !== group || crd.spec.names.kind !== kind) throw new Error(`${id}: CRD defines ${crd.spec.group} ${crd.spec.names.kind}, expected ${group} ${kind}`);
  const ver = crd.spec.versions.find((v) => v.name === version);
  if (!ver) throw new Error(`${id}: CRD has no version ${version}`);
  const fn = crdAjv().compile(closeSchema(ver.schema.openAPIV3Schema));
  const entry = { validate: fn, served: ver.served !== false, deprecated: ver.deprecated === true, source: id };
  compiled.set(key, entry);
  return entry;
}
