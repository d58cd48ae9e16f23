#!/usr/bin/env node
// check-promql.mjs DIR_OR_FILE...
//
// The offline stand-in for `promtool check rules` on what mlspec emits: every
// PromQL expression in the YAML manifests — PrometheusRule rules, the panels
// of Grafana dashboards in ConfigMaps, KEDA ScaledObject prometheus triggers —
// must parse with Prometheus' own PromQL grammar (@prometheus-io/lezer-promql,
// pinned to the Prometheus v3.13 the tree's kube-prometheus-stack runs), and
// must read only metrics listed in metrics.txt (what the pinned exporters
// export). PrometheusRule `for` durations must parse as Prometheus durations.
import fs from "node:fs";
import path from "node:path";
import { parser } from "@prometheus-io/lezer-promql";
import { collectFiles, isPlainObject, loadYamlStream, parseArgs, runCli, UsageError } from "./lib/cli.mjs";

const USAGE = "usage: check-promql.mjs DIR_OR_FILE...";
const HERE = path.dirname(new URL(import.meta.url).pathname);

function knownMetrics() {
  const text = fs.readFileSync(path.join(HERE, "metrics.txt"), "utf8");
  return new Set(text.split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean));
}

// Problems of one expression: syntax errors (with the offset and the text
// there) and metric names outside `known`.
export function checkExpr(expr, known) {
  const problems = [];
  const tree = parser.parse(expr);
  tree.iterate({
    enter(n) {
      if (n.type.isError) problems.push(`PromQL syntax error at offset ${n.from} (near ${JSON.stringify(expr.slice(n.from, n.from + 20))})`);
      if (n.type.name === "VectorSelector") {
        const id = n.node.getChild("Identifier");
        if (id) {
          const name = expr.slice(id.from, id.to);
          if (!known.has(name)) problems.push(`metric ${name} is not exported by the pinned exporters (tests/conformance/metrics.txt)`);
        }
      }
    },
  });
  if (!expr.trim()) problems.push("empty expression");
  return problems;
}

const DURATION = /^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/;

// [pointer, expr] of every PromQL expression in a document, plus extra
// problems found on the way.
function expressions(doc, extra) {
  const out = [];
  if (doc.kind === "PrometheusRule") {
    (doc.spec?.groups || []).forEach((g, gi) =>
      (g.rules || []).forEach((r, ri) => {
        const at = `/spec/groups/${gi}/rules/${ri}`;
        out.push([`${at}/expr`, String(r.expr ?? "")]);
        if (r.for !== undefined && (!DURATION.test(r.for) || r.for === "")) extra.push([`${at}/for`, `not a Prometheus duration: ${JSON.stringify(r.for)}`]);
      }),
    );
  } else if (doc.kind === "ConfigMap" && isPlainObject(doc.data)) {
    for (const [key, text] of Object.entries(doc.data)) {
      if (!key.endsWith(".json")) continue;
      let dash;
      try {
        dash = JSON.parse(text);
      } catch (e) {
        extra.push([`/data/${key}`, `not JSON: ${e.message}`]);
        continue;
      }
      const panels = dash.panels || [];
      if (!panels.length) extra.push([`/data/${key}`, "a dashboard without panels"]);
      panels.forEach((p, pi) => {
        if (!(p.targets || []).length) extra.push([`/data/${key}/panels/${pi}`, `panel ${JSON.stringify(p.title)} has no query`]);
        (p.targets || []).forEach((t, ti) => out.push([`/data/${key}/panels/${pi}/targets/${ti}/expr`, String(t.expr ?? "")]));
      });
    }
  } else if (doc.kind === "ScaledObject") {
    (doc.spec?.triggers || []).forEach((t, ti) => {
      if (t.type === "prometheus") out.push([`/spec/triggers/${ti}/metadata/query`, String(t.metadata?.query ?? "")]);
    });
  }
  return out;
}

await runCli(USAGE, async (argv, reporter) => {
  const { positional } = parseArgs(argv, {});
  if (!positional.length) throw new UsageError("no files or directories given");
  const known = knownMetrics();
  let checked = 0;
  for (const file of collectFiles(positional, [".yaml", ".yml"])) {
    for (const { index, value, errors } of loadYamlStream(fs.readFileSync(file, "utf8"))) {
      if (errors.length || !isPlainObject(value)) continue;  // validate-k8s.mjs reports these
      const extra = [];
      for (const [ptr, expr] of expressions(value, extra)) {
        ++checked;
        for (const p of checkExpr(expr, known)) reporter.problem(file, index, value.kind, value.metadata?.name, ptr, p);
      }
      for (const [ptr, p] of extra) reporter.problem(file, index, value.kind, value.metadata?.name, ptr, p);
    }
  }
  process.stderr.write(`check-promql: ${checked} expression(s)\n`);
});
