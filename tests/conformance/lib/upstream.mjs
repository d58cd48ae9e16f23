// Locates the upstream schema and chart files the validators judge against.
//
// These files are unmodified upstream data that the project's steering side
// keeps in shared/ (beside the checkout: CI runs in a fresh clone with shared/
// next to it). They are not copied into this repository; see
// upstream/ATTRIBUTION.md. Each is pinned by sha256 so that a changed upstream
// file fails loudly (exit 2) instead of silently changing what "valid" means.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { UsageError } from "./cli.mjs";

export const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPO_ROOT = path.resolve(HERE, "..", "..");

// id -> path under shared/ and its sha256.
export const SHARED_FILES = {
  "kserve-inferenceservice-crd": ["schemas/serving.kserve.io_inferenceservices.yaml", "57c3bf13f77de94678bf2ae3748056ec071ad2b9e88d6a28f44fb4710758fcff"],
  "kubeflow-pytorchjob-crd": ["schemas/kubeflow.org_pytorchjobs.yaml", "eb80e57a984cdc7ceefaaf3fc561e21b673c30cbb58589f2389528d2b2760d22"],
  "kubeflow-tfjob-crd": ["schemas/kubeflow.org_tfjobs.yaml", "1fea6d2d9d3fec4697db322d4490be67b0d616478f42566e4c48ae865130a8c8"],
  "kubeflow-trainjob-crd": ["schemas/trainer.kubeflow.org_trainjobs.yaml", "1377336646d54c3917baf58e5da433178a20bbb853f18cc9a5274428502c43b6"],
  "nvidia-clusterpolicy-crd": ["schemas/nvidia.com_clusterpolicies.yaml", "fcece7d07504e57fd5815525b3baa1eccc659a2f3b48895578be731dcde4042a"],
  "keda-scaledobject-crd": ["schemas/keda.sh_scaledobjects.yaml", "af35555862a83933b074af14ad439c4b4ceabaf4daa3e9338e9b23e36d308d80"],
  "gateway-httproute-crd": ["schemas/gateway.networking.k8s.io_httproutes.yaml", "a424a0d6c953b162e71d1d97bb7e75012d8f1ac264e7274f2763d1b96ab39852"],
  "cert-manager-certificate-crd": ["schemas/cert-manager.io_certificates.yaml", "7ad91029c00ec959d54215b19d3b1a9b7e0247eaa60f987151c2b70d8661f8af"],
  "cert-manager-clusterissuer-crd": ["schemas/cert-manager.io_clusterissuers.yaml", "30008001b78aafb8e110af61359561104b5fafc3a4dc6ac0013245d0ee3fe4ca"],
  "cert-manager-issuer-crd": ["schemas/cert-manager.io_issuers.yaml", "05e37efb02777e0362d24269fa103c2fc11419f9c85e31854ef873e5d9e5c5cc"],
  "kueue-clusterqueue-crd": ["schemas/kueue.x-k8s.io_clusterqueues.yaml", "e0a5fc9b370c70f3d993d4f599865817338ecf94187b30b15b12ff33c579bd55"],
  "kueue-localqueue-crd": ["schemas/kueue.x-k8s.io_localqueues.yaml", "dd10ef8d3578e7212fa52763549e7b6be0949793a5b924495fcd293330109fed"],
  "kueue-resourceflavor-crd": ["schemas/kueue.x-k8s.io_resourceflavors.yaml", "19e339c47e9ca3fa2c9eeddd27715a512f765c4794ed859733408a9715720173"],
  "prometheus-operator-prometheusrule-crd": ["schemas/monitoring.coreos.com_prometheusrules.yaml", "78be98554b9c8506ab2b4f4feb91c5f3a56e536a0a510f3a8e876a459970d56d"],
  "jupyterhub-values": ["charts/jupyterhub/values.yaml", "e9fb4f193457a4b936d33bfe227ab7c0caa59f00c92c032c2ce82d804f960856"],
  "jupyterhub-values-schema": ["charts/jupyterhub/values.schema.json", "30769c82668cd728b38e2d85138ae4f1fad3a3a2cfa202c0e2546c2243805cea"],
  "mlflow-values": ["charts/mlflow/values.yaml", "fdf4291811bc4e5a793d0a750eedfb394626797dadeb9cb23fc34c029488fbcb"],
  "mlflow-values-schema": ["charts/mlflow/values.schema.json", "71c6a883fac3e537c4ec4a77b9b18b967e1f922e3776eecb17a703bc0d9c181c"],
};

// The shared/ folder: $MLSPEC_SHARED_DIR, else ../shared beside the checkout,
// else shared/ inside it.
export function sharedDir() {
  const candidates = [process.env.MLSPEC_SHARED_DIR, path.join(REPO_ROOT, "..", "shared"), path.join(REPO_ROOT, "shared")].filter(Boolean);
  for (const c of candidates) if (fs.existsSync(path.join(c, "schemas"))) return path.resolve(c);
  throw new UsageError(`upstream data not found: looked for a shared/ folder with schemas/ at ${candidates.join(", ")} (set MLSPEC_SHARED_DIR)`);
}

// Resolves "shared:REL/PATH" to an absolute path under shared/; other paths
// are returned unchanged.
export function resolveSharedRef(p) {
  return p.startsWith("shared:") ? path.join(sharedDir(), p.slice("shared:".length)) : p;
}

const cache = new Map();

// Returns the bytes of a pinned shared file as a string, after checking its sha256.
export function readShared(id) {
  if (cache.has(id)) return cache.get(id);
  const [rel, sha] = SHARED_FILES[id];
  const file = path.join(sharedDir(), rel);
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new UsageError(`upstream file missing: ${file}`);
  }
  const got = crypto.createHash("sha256").update(bytes).digest("hex");
  if (got !== sha) {
    throw new UsageError(`upstream file changed: ${file} has sha256 ${got}, pinned ${sha}; review the change, then update the pin in tests/conformance/lib/upstream.mjs and upstream/ATTRIBUTION.md`);
  }
  const text = bytes.toString("utf8");
  cache.set(id, text);
  return text;
}

export function readSharedJson(id) {
  return JSON.parse(readShared(id));
}

export function readSharedYaml(id) {
  // YAML 1.1, as Kubernetes and Helm read these files (go-yaml).
  const docs = parseAllDocuments(readShared(id), { version: "1.1" });
  const list = (Array.isArray(docs) ? docs : [docs]).map((d) => d.toJS({ maxAliasCount: -1 })).filter((v) => v != null);
  return list.length === 1 ? list[0] : list;
}

// Reads a JSON data file committed under upstream/ (derived key lists).
export function readLocalJson(name) {
  return JSON.parse(fs.readFileSync(path.join(HERE, "upstream", name), "utf8"));
}
