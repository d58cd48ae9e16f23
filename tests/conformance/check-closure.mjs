#!/usr/bin/env node
// check-closure.mjs --spec SPEC.toml --rendered DIR [--drop-app NAME] [--drop-namespace NS] TREE
//
// The install closure of a golden tree together with its rendered charts
// (render-helm.mjs writes DIR/<Application>.yaml): ArgoCD applies the
// Applications in sync-wave order, so every object must find
//  - its kind: built into Kubernetes, defined by a CRD of an Application in
//    an earlier wave or of its own Application (ArgoCD applies CRDs first),
//    or in an API group of a component the spec declares provided;
//  - its namespace (namespaced kinds; a chart's objects default to the
//    Application's destination): created by a Namespace in an earlier wave,
//    or default/kube-system. Applications sync with CreateNamespace=false.
// Manifests folders are read as ArgoCD reads a directory source: the files
// directly in it. --drop-app and --drop-namespace remove one Application or
// one Namespace first, to prove the check can fail (the mutation tests).
import fs from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { loadYamlStream, parseArgs, runCli, UsageError } from "./lib/cli.mjs";

const USAGE = "usage: check-closure.mjs --spec SPEC.toml --rendered DIR [--drop-app NAME] [--drop-namespace NS] TREE";

const BUILTIN_GROUPS = new Set(["", "apps", "batch", "policy", "autoscaling", "rbac.authorization.k8s.io", "networking.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "apiextensions.k8s.io", "admissionregistration.k8s.io", "apiregistration.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "node.k8s.io", "certificates.k8s.io"]);
const CLUSTER_SCOPED = new Set(["Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass", "StorageClass", "CSIDriver", "CSINode", "IngressClass", "RuntimeClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService", "VolumeAttachment", "CertificateSigningRequest"]);
// [platform] provided id -> the API groups it brings (model/platform.h).
const PROVIDED_GROUPS = {
  "cert-manager": ["cert-manager.io", "acme.cert-manager.io"],
  kserve: ["serving.kserve.io"],
  "knative-serving": ["serving.knative.dev"],
  "prometheus-operator": ["monitoring.coreos.com"],
  keda: ["keda.sh"],
  "training-operator": ["kubeflow.org"],
  "gateway-api": ["gateway.networking.k8s.io"],
  "cluster-autoscaler": [],
  kueue: ["kueue.x-k8s.io"],
};

function docs(file) {
  return loadYamlStream(fs.readFileSync(file, "utf8"))
    .map((d) => d.value)
    .filter((v) => v && typeof v === "object" && v.kind);
}

function groupOf(apiVersion) {
  return String(apiVersion).includes("/") ? String(apiVersion).split("/")[0] : "";
}

await runCli(USAGE, async (argv, reporter) => {
  const { flags, positional } = parseArgs(argv, { "--spec": "value", "--rendered": "value", "--drop-app": "value", "--drop-namespace": "value" });
  if (positional.length !== 1 || !flags["--spec"] || !flags["--rendered"]) throw new UsageError("need --spec, --rendered and one TREE");
  const tree = positional[0];
  const spec = parseToml(fs.readFileSync(flags["--spec"], "utf8"));
  const provided = new Set((spec.platform?.provided ?? []).flatMap((id) => PROVIDED_GROUPS[id] ?? []));
  const problem = (msg) => reporter.problem(tree, 0, "closure", "", "", msg);

  // The Applications and the objects each one applies.
  const apps = [];
  const argocd = path.join(tree, "argocd");
  if (!fs.existsSync(argocd)) throw new UsageError(`${argocd}: no Applications (the spec has no [gitops])`);
  for (const f of fs.readdirSync(argocd).sort()) {
    if (!f.endsWith(".yaml") || f === "root.yaml") continue;
    for (const app of docs(path.join(argocd, f)).filter((d) => d.kind === "Application")) {
      const name = app.metadata.name;
      if (name === flags["--drop-app"]) continue;
      const wave = Number(app.metadata.annotations?.["argocd.argoproj.io/sync-wave"] ?? 0);
      const dest = app.spec.destination?.namespace ?? "";
      let objects;
      if (app.spec.source?.path) {
        const rel = app.spec.source.path.slice(app.spec.source.path.indexOf("manifests/"));
        const dir = path.join(tree, rel);
        objects = fs.readdirSync(dir).filter((x) => x.endsWith(".yaml")).sort().flatMap((x) => docs(path.join(dir, x)));
      } else {
        const rendered = path.join(flags["--rendered"], `${name}.yaml`);
        if (!fs.existsSync(rendered)) {
          problem(`Application ${name}: no rendered chart at ${rendered}`);
          continue;
        }
        objects = docs(rendered);
      }
      apps.push({ name, wave, dest, objects });
    }
  }
  if (flags["--drop-namespace"])
    for (const a of apps) a.objects = a.objects.filter((o) => !(o.kind === "Namespace" && o.metadata?.name === flags["--drop-namespace"]));

  // What each wave brings: namespaces, and CRDs (group/kind -> scope).
  const namespaceWave = new Map();
  const crds = new Map();  // "group/Kind" -> { wave, app, scope }
  for (const a of apps)
    for (const o of a.objects) {
      if (o.kind === "Namespace") namespaceWave.set(o.metadata.name, Math.min(a.wave, namespaceWave.get(o.metadata.name) ?? Infinity));
      if (o.kind === "CustomResourceDefinition") crds.set(`${o.spec.group}/${o.spec.names.kind}`, { wave: a.wave, app: a.name, scope: o.spec.scope });
    }

  // Kinds a controller creates at run time because of an object: the GPU
  // operator creates the DCGM exporter's ServiceMonitor when its ClusterPolicy
  // enables it (and the ClusterPolicy stays notReady without the CRD).
  const runtime = (o) =>
    o.kind === "ClusterPolicy" && o.spec?.dcgmExporter?.serviceMonitor?.enabled === true
      ? [{ apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", metadata: { name: "nvidia-dcgm-exporter (created by the GPU operator)" } }]
      : [];
  for (const a of apps) a.objects = a.objects.flatMap((o) => [o, ...runtime(o)]);

  let objects = 0;
  for (const a of apps)
    for (const o of a.objects) {
      ++objects;
      const group = groupOf(o.apiVersion);
      const who = `Application ${a.name} (wave ${a.wave}): ${o.kind} ${o.metadata?.namespace ? o.metadata.namespace + "/" : ""}${o.metadata?.name}`;
      let clusterScoped = CLUSTER_SCOPED.has(o.kind);
      if (!BUILTIN_GROUPS.has(group)) {
        const crd = crds.get(`${group}/${o.kind}`);
        if (crd && (crd.wave < a.wave || crd.app === a.name)) clusterScoped = crd.scope === "Cluster";
        else if (provided.has(group)) clusterScoped = false;
        else if (crd) problem(`${who}: its CRD comes from ${crd.app} in wave ${crd.wave}, not before wave ${a.wave}`);
        else problem(`${who}: nothing in the tree installs the CRD of ${group}/${o.kind}, and [platform] provided does not list a component that does`);
      }
      if (clusterScoped) continue;
      const ns = o.metadata?.namespace ?? a.dest;
      if (!ns || ns === "default" || ns === "kube-system") continue;
      const w = namespaceWave.get(ns);
      if (w === undefined) problem(`${who}: namespace ${ns} is never created`);
      else if (w >= a.wave) problem(`${who}: namespace ${ns} is created in wave ${w}, not before wave ${a.wave}`);
    }
  if (!reporter.count) process.stdout.write(`${tree}: closed: ${objects} objects in ${apps.length} Applications\n`);
});
