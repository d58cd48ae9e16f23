// Checks the API server makes in Go code rather than in its OpenAPI schema,
// limited to the ones a generator can get wrong: object names, label syntax,
// resource quantities, and the rules for container resource requests/limits
// (k8s.io/kubernetes pkg/apis/core/validation ValidateResourceRequirements).
import { isPlainObject, pointer } from "./cli.mjs";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
// resource.Quantity's grammar: sign, number, then a binary-SI, decimal-SI or exponent suffix.
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const SUFFIX = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60, n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

// Kinds whose names must be DNS-1123 labels; RBAC kinds only need to be
// valid path segments; everything else is a DNS-1123 subdomain.
const LABEL_NAMED = new Set(["Namespace", "Service"]);
const PATH_SEGMENT_NAMED = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);

// Native (non-extended) resource names; anything with a domain outside
// kubernetes.io is an extended resource (nvidia.com/gpu, ...).
function isExtendedResource(name) {
  if (!name.includes("/")) return false;
  const domain = name.split("/")[0];
  return !(domain === "kubernetes.io" || domain.endsWith(".kubernetes.io") || domain === "requests.kubernetes.io");
}

// Parses a quantity (string or number) to a number, or null when malformed.
export function parseQuantity(v) {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string" || !QUANTITY.test(v)) return null;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(v);
  const suffix = m[2];
  if (/^[eE]/.test(suffix)) return Number(m[1]) * 10 ** Number(suffix.slice(1));
  return Number(m[1]) * SUFFIX[suffix];
}

export function checkName(kind, obj, emit) {
  const md = obj.metadata;
  if (!isPlainObject(md)) return emit("/metadata", "metadata is required");
  if (md.name === undefined && md.generateName === undefined) return emit("/metadata/name", "name or generateName is required");
  if (typeof md.name !== "string") return;
  const n = md.name;
  if (PATH_SEGMENT_NAMED.has(kind)) {
    if (n === "." || n === ".." || /[/%]/.test(n) || !n) emit("/metadata/name", `invalid name ${JSON.stringify(n)}: may not be "." or ".." and may not contain "/" or "%"`);
  } else if (LABEL_NAMED.has(kind)) {
    if (n.length > 63 || !DNS1123_LABEL.test(n)) emit("/metadata/name", `invalid name ${JSON.stringify(n)}: must be a DNS-1123 label (lowercase alphanumerics and "-", at most 63 characters)`);
  } else if (n.length > 253 || !DNS1123_SUBDOMAIN.test(n)) {
    emit("/metadata/name", `invalid name ${JSON.stringify(n)}: must be a DNS-1123 subdomain (lowercase alphanumerics, "-" and ".", at most 253 characters)`);
  }
  if (md.namespace !== undefined && (typeof md.namespace !== "string" || md.namespace.length > 63 || !DNS1123_LABEL.test(md.namespace))) {
    emit("/metadata/namespace", `invalid namespace ${JSON.stringify(md.namespace)}: must be a DNS-1123 label`);
  }
}

function checkQualifiedKey(key) {
  const parts = key.split("/");
  if (parts.length > 2) return "must be a qualified name (an optional DNS subdomain prefix and \"/\", then a name)";
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (!parts[0] || parts[0].length > 253 || !DNS1123_SUBDOMAIN.test(parts[0]))) return "prefix must be a DNS-1123 subdomain";
  if (!name || name.length > 63 || !QUALIFIED_NAME.test(name)) return "name part must be at most 63 characters of alphanumerics, \"-\", \"_\" or \".\", starting and ending with an alphanumeric";
  return null;
}

// Walks the whole object: every `metadata.labels` (pod templates included),
// every `resources` block with requests/limits, and ResourceQuota/LimitRange
// quantities.
export function checkObject(kind, obj, emit) {
  const walk = (v, segs) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...segs, i]));
    if (!isPlainObject(v)) return;
    if (segs[segs.length - 1] === "metadata") {
      for (const field of ["labels", "annotations"]) {
        if (!isPlainObject(v[field])) continue;
        for (const [k, val] of Object.entries(v[field])) {
          const bad = checkQualifiedKey(k);
          if (bad) emit(pointer([...segs, field, k]), `invalid ${field.slice(0, -1)} key ${JSON.stringify(k)}: ${bad}`);
          if (field === "labels" && typeof val === "string" && (val.length > 63 || !LABEL_VALUE.test(val))) {
            emit(pointer([...segs, field, k]), `invalid label value ${JSON.stringify(val)}: at most 63 characters of alphanumerics, "-", "_" or ".", starting and ending with an alphanumeric`);
          }
        }
      }
    }
    if (isPlainObject(v.resources) && (isPlainObject(v.resources.limits) || isPlainObject(v.resources.requests))) {
      checkResources(v.resources, [...segs, "resources"], emit);
    }
    for (const [k, x] of Object.entries(v)) walk(x, [...segs, k]);
  };
  walk(obj, []);
  if (kind === "ResourceQuota") checkQuantityMap(obj.spec?.hard, ["spec", "hard"], emit);
  if (kind === "LimitRange" && Array.isArray(obj.spec?.limits)) {
    obj.spec.limits.forEach((l, i) => {
      for (const f of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]) checkQuantityMap(l?.[f], ["spec", "limits", i, f], emit);
    });
  }
}

function checkQuantityMap(map, segs, emit) {
  if (!isPlainObject(map)) return {};
  const out = {};
  for (const [k, v] of Object.entries(map)) {
    const q = parseQuantity(v);
    if (q === null) emit(pointer([...segs, k]), `invalid quantity ${JSON.stringify(v)}: must match the Kubernetes quantity format (e.g. "500m", "4Gi", "2")`);
    else out[k] = q;
  }
  return out;
}

function checkResources(res, segs, emit) {
  const limits = checkQuantityMap(res.limits, [...segs, "limits"], emit);
  const requests = checkQuantityMap(res.requests, [...segs, "requests"], emit);
  for (const [name, q] of Object.entries({ ...limits, ...requests })) {
    if (q < 0) emit(pointer([...segs, name in requests ? "requests" : "limits", name]), `${name} must be non-negative`);
  }
  for (const [name, q] of Object.entries(requests)) {
    if (isExtendedResource(name)) {
      if (!Number.isInteger(q)) emit(pointer([...segs, "requests", name]), `extended resource ${name} must be a whole number`);
      if (!(name in limits)) emit(pointer([...segs, "requests", name]), `extended resource ${name}: a request needs a limit (overcommit is not allowed)`);
      else if (limits[name] !== q) emit(pointer([...segs, "requests", name]), `extended resource ${name}: request must equal limit (${limits[name]})`);
    } else if (name in limits && q > limits[name]) {
      emit(pointer([...segs, "requests", name]), `${name} request ${JSON.stringify(res.requests[name])} exceeds limit ${JSON.stringify(res.limits[name])}`);
    }
  }
  for (const [name, q] of Object.entries(limits)) {
    if (isExtendedResource(name) && !Number.isInteger(q)) emit(pointer([...segs, "limits", name]), `extended resource ${name} must be a whole number`);
  }
}
