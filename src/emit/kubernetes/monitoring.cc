// GPU alerts (a PrometheusRule) and the GPU dashboard (a ConfigMap for
// Grafana's dashboard sidecar), in the [monitoring] namespace, built from the
// model: one rule group and one dashboard series per GPU pool, one quota
// alert per namespace with a GPU quota. docs/operations.md is the runbook.
//
// Every metric they read is exported by default by the pinned exporters
// (tests/conformance/metrics.txt keeps the list and check-promql.mjs holds
// the rules and the dashboard to it):
//  - DCGM exporter 3.3.9-3.6.1 (GPU operator v24.9.2, values.yaml
//    dcgmExporter: DCGM_EXPORTER_COLLECTORS=/etc/dcgm-exporter/dcp-metrics-included.csv);
//    with DCGM_EXPORTER_KUBERNETES=true each GPU series carries the pod that
//    holds the GPU, renamed exported_namespace / exported_pod by the
//    ServiceMonitor (honorLabels: false). The operator's ServiceMonitor adds
//    `node` from __meta_kubernetes_pod_node_name (helm/gpu_operator.cc).
//  - kube-state-metrics 2.19.1 (kube-prometheus-stack 88.0.1): kube_node_labels
//    carries label_mlspec_io_pool through --metric-labels-allowlist and
//    kube_pod_nodeselectors is opted in (helm/platform.cc); pool membership
//    is a join on `node`.
#include "base/text.h"
#include "emit/kubernetes/kubernetes.h"
#include "emit/scheduling.h"
#include "model/platform.h"

namespace mlspec {
namespace {

// Prometheus durations: "1h", "90m", "45s".
std::string PromDuration(int64_t seconds) {
  if (seconds % 3600 == 0) return std::to_string(seconds / 3600) + "h";
  if (seconds % 60 == 0) return std::to_string(seconds / 60) + "m";
  return std::to_string(seconds) + "s";
}

// The nodes of a pool, as a right-hand side for `* on(node) group_left()`.
std::string PoolNodes(const Pool& pool) { return "kube_node_labels{label_mlspec_io_pool=\"" + pool.name + "\"}"; }

// `expr` restricted to the nodes of `pool` (expr must carry `node`).
std::string OnPool(const std::string& expr, const Pool& pool) {
  return expr + " * on(node) group_left() " + PoolNodes(pool);
}

// The runbook section of each alert, in mlspec's docs.
std::string Runbook(std::string_view anchor) { return "mlspec docs/operations.md#" + std::string(anchor); }

Json Rule(const std::string& alert, const std::string& expr, const std::string& for_, const std::string& severity,
          Json labels, const std::string& summary, const std::string& description, std::string_view anchor) {
  Json r = Json::object();
  r["alert"] = alert;
  r["expr"] = expr;
  if (!for_.empty()) r["for"] = for_;
  labels["severity"] = severity;
  r["labels"] = std::move(labels);
  r["annotations"] = {{"summary", summary}, {"description", description}, {"runbook", Runbook(anchor)}};
  return r;
}

Json PoolRules(const Model& spec, const Pool& pool) {
  const Json labels = {{"pool", pool.name}};
  // Node-level alerts keep the pod that holds the GPU: each names the pool
  // and, when a pod holds the GPU, its namespace.
  const std::string on_node = " on {{ $labels.node }} (pool " + pool.name + ")";
  const std::string where = " on {{ $labels.node }} (pool " + pool.name +
                            "{{ if $labels.exported_namespace }}, held by {{ $labels.exported_namespace }}/"
                            "{{ $labels.exported_pod }}{{ end }})";
  Json rules = Json::array();
  const std::string idle_for = PromDuration(spec.monitoring->gpu_idle_alert_seconds);
  rules.push_back(
      Rule("GPUIdle",
           "(" +
               OnPool("max by (node, gpu, exported_namespace, exported_pod) (DCGM_FI_DEV_GPU_UTIL{exported_pod!=\"\"})",
                      pool) +
               ") < 5",
           idle_for, "warning", labels, "GPU {{ $labels.gpu }}" + on_node + " idle for " + idle_for,
           "Pod {{ $labels.exported_namespace }}/{{ $labels.exported_pod }} holds GPU {{ $labels.gpu }}" + on_node +
               " and has used under 5 % of it for " + idle_for + ": the GPU is paid for and does nothing.",
           "gpuidle"));
  rules.push_back(Rule(
      "GPUXidError",
      "(" + OnPool("max by (node, gpu, exported_namespace, exported_pod) (DCGM_FI_DEV_XID_ERRORS)", pool) + ") > 0", "",
      "critical", labels, "XID {{ $value }} on GPU {{ $labels.gpu }}" + where,
      "The NVIDIA driver reported XID error {{ $value }} on GPU {{ $labels.gpu }}" + where + ".", "gpuxiderror"));
  rules.push_back(
      Rule("GPUTemperatureHigh",
           "(" + OnPool("max by (node, gpu, exported_namespace, exported_pod) (DCGM_FI_DEV_GPU_TEMP)", pool) + ") > 85",
           "5m", "warning", labels, "GPU {{ $labels.gpu }}" + where + " at {{ $value }} °C",
           "GPU {{ $labels.gpu }}" + where + " has been above 85 °C for 5 minutes; it throttles its clocks.",
           "gputemperaturehigh"));
  rules.push_back(
      Rule("GPURowRemapFailure",
           "(" + OnPool("max by (node, gpu, exported_namespace, exported_pod) (DCGM_FI_DEV_ROW_REMAP_FAILURE)", pool) +
               ") > 0",
           "", "critical", labels, "GPU {{ $labels.gpu }}" + where + " failed to remap a memory row",
           "GPU {{ $labels.gpu }}" + where +
               " could not remap a row with an uncorrectable memory error; it needs a reset or a "
               "replacement.",
           "gpurowremapfailure"));
  rules.push_back(Rule("GPUUncorrectableMemoryErrors",
                       "(" +
                           OnPool("max by (node, gpu, exported_namespace, exported_pod) "
                                  "(increase(DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS[1h]) + "
                                  "increase(DCGM_FI_DEV_RETIRED_DBE[1h]))",
                                  pool) +
                           ") > 0",
                       "", "warning", labels, "Uncorrectable memory errors on GPU {{ $labels.gpu }}" + where,
                       "GPU {{ $labels.gpu }}" + where +
                           " remapped rows or retired pages for uncorrectable (double-bit ECC) errors in the last "
                           "hour; the process that hit them was killed.",
                       "gpuuncorrectablememoryerrors"));
  if (spec.preflight) {
    std::string expr;
    if (spec.preflight->label_nodes)
      expr =
          OnPool("max by (node) (kube_node_spec_taint{key=\"mlspec.io/preflight\", value=\"failed\"})", pool) + " > 0";
    else
      expr = "max(kube_job_status_failed{namespace=\"" + spec.preflight->namespace_name + "\", job_name=\"preflight-" +
             pool.name + "\"}) > 0";
    rules.push_back(Rule("GPUNodePreflightFailed", expr, "", "critical", labels,
                         "GPU preflight failed on pool " + pool.name,
                         "The preflight Job of pool " + pool.name +
                             " failed: a node is not the GPU node the spec promised, or does not perform like one.",
                         "gpunodepreflightfailed"));
  }
  return rules;
}

Json QuotaRule(const std::string& ns) {
  const std::string q = "kube_resourcequota{namespace=\"" + ns + "\", resource=\"requests.nvidia.com/gpu\"";
  return Rule("GPUQuotaNearlyFull", q + ", type=\"used\"} / ignoring(type) " + q + ", type=\"hard\"} > 0.9", "15m",
              "warning", {{"namespace", ns}},
              "Namespace " + ns + " uses {{ $value | humanizePercentage }} of its GPU quota",
              "Namespace " + ns +
                  " has held more than 90 % of its requests.nvidia.com/gpu quota for 15 minutes; the next GPU pod "
                  "there is rejected.",
              "gpuquotanearlyfull");
}

Json AlertRules(const Model& spec) {
  Json groups = Json::array();
  for (const auto& [name, pool] : spec.pools) {
    if (!pool.has_gpu()) continue;
    groups.push_back({{"name", "mlspec-gpu-pool-" + name}, {"rules", PoolRules(spec, pool)}});
  }
  Json quota_rules = Json::array();
  for (const auto& [name, ns] : spec.namespaces)
    if (ns.quota && ns.quota->gpu) quota_rules.push_back(QuotaRule(name));
  if (!quota_rules.empty()) groups.push_back({{"name", "mlspec-gpu-quota"}, {"rules", quota_rules}});
  Json r;
  r["apiVersion"] = "monitoring.coreos.com/v1";
  r["kind"] = "PrometheusRule";
  r["metadata"] = Metadata("mlspec-gpu-alerts", spec.monitoring->namespace_name, "monitoring");
  r["spec"]["groups"] = groups;
  return r;
}

// ---- Dashboard ----

struct Target {
  std::string expr;
  std::string legend;
};

Json Panel(int id, const std::string& title, const std::string& unit, const std::vector<Target>& targets, int x,
           int y) {
  Json p = Json::object();
  p["id"] = id;
  p["type"] = "timeseries";
  p["title"] = title;
  p["datasource"] = {{"type", "prometheus"}, {"uid", "${datasource}"}};
  p["gridPos"] = {{"h", 8}, {"w", 12}, {"x", x}, {"y", y}};
  p["fieldConfig"] = {{"defaults", {{"unit", unit}}}, {"overrides", Json::array()}};
  Json ts = Json::array();
  char ref = 'A';
  for (const Target& t : targets) {
    ts.push_back({{"refId", std::string(1, ref)}, {"expr", t.expr}, {"legendFormat", t.legend}});
    ref = ref == 'Z' ? 'A' : static_cast<char>(ref + 1);
  }
  p["targets"] = ts;
  return p;
}

Json Dashboard(const Model& spec) {
  std::vector<const Pool*> pools;
  for (const auto& [name, pool] : spec.pools)
    if (pool.has_gpu()) pools.push_back(&pool);
  std::string ns_regex;
  for (const auto& [name, ns] : spec.namespaces) ns_regex += (ns_regex.empty() ? "" : "|") + name;
  const std::string in_ns = "exported_namespace=~\"" + ns_regex + "\"";

  auto per_pool = [&](const std::string& agg, const std::string& metric) {
    std::vector<Target> t;
    for (const Pool* p : pools) t.push_back({agg + "(" + OnPool(metric, *p) + ")", p->name});
    return t;
  };
  std::vector<Target> pending;
  for (const Pool* p : pools)
    pending.push_back(
        {"count((kube_pod_status_phase{phase=\"Pending\"} == 1) and on(namespace, pod) "
         "kube_pod_nodeselectors{nodeselector_mlspec_io_pool=\"" +
             p->name +
             "\"} and on(namespace, pod) (kube_pod_container_resource_requests{resource=\"nvidia_com_"
             "gpu\"} > 0)) or vector(0)",
         p->name});

  Json panels = Json::array();
  int id = 1, y = 0;
  auto add = [&](const std::string& title, const std::string& unit, const std::vector<Target>& t) {
    const int x = (id - 1) % 2 == 0 ? 0 : 12;
    panels.push_back(Panel(id, title, unit, t, x, y));
    if (x == 12) y += 8;
    ++id;
  };
  add("GPU utilisation by pool", "percent", per_pool("avg", "DCGM_FI_DEV_GPU_UTIL"));
  add("GPU utilisation by namespace", "percent",
      {{"avg by (exported_namespace) (DCGM_FI_DEV_GPU_UTIL{" + in_ns + "})", "{{exported_namespace}}"}});
  add("Framebuffer memory used by pool", "decmbytes", per_pool("sum", "DCGM_FI_DEV_FB_USED"));
  add("Framebuffer memory used by namespace", "decmbytes",
      {{"sum by (exported_namespace) (DCGM_FI_DEV_FB_USED{" + in_ns + "})", "{{exported_namespace}}"}});
  add("Power by pool", "watt", per_pool("sum", "DCGM_FI_DEV_POWER_USAGE"));
  add("Power by namespace", "watt",
      {{"sum by (exported_namespace) (DCGM_FI_DEV_POWER_USAGE{" + in_ns + "})", "{{exported_namespace}}"}});
  add("Allocated versus used GPUs by namespace", "short",
      {{"sum by (namespace) (kube_pod_container_resource_requests{resource=\"nvidia_com_gpu\", namespace=~\"" +
            ns_regex + "\"} * on(namespace, pod) group_left() (kube_pod_status_phase{phase=\"Running\"} == 1))",
        "allocated {{namespace}}"},
       {"sum by (exported_namespace) (DCGM_FI_DEV_GPU_UTIL{" + in_ns + "}) / 100", "used {{exported_namespace}}"}});
  add("Idle GPUs held by pods (under 5 %)", "short",
      {{"count by (exported_namespace) (DCGM_FI_DEV_GPU_UTIL{exported_pod!=\"\", " + in_ns + "} < 5)",
        "{{exported_namespace}}"}});
  add("Pending GPU pods by pool", "short", pending);

  Json d = Json::object();
  d["title"] = "mlspec GPUs: " + spec.cluster.name;
  d["uid"] = "mlspec-gpus";
  d["schemaVersion"] = 39;
  d["editable"] = false;
  d["tags"] = Json::array({"mlspec", "gpu"});
  d["time"] = {{"from", "now-6h"}, {"to", "now"}};
  d["refresh"] = "1m";
  d["templating"]["list"] =
      Json::array({{{"name", "datasource"}, {"label", "Prometheus"}, {"type", "datasource"}, {"query", "prometheus"}}});
  d["panels"] = panels;
  return d;
}

}  // namespace

void EmitMonitoring(const Model& spec, FileSet& out) {
  if (!HasGpuMonitoring(spec)) return;
  const std::string ns = spec.monitoring->namespace_name;
  Json cm;
  cm["apiVersion"] = "v1";
  cm["kind"] = "ConfigMap";
  cm["metadata"] = Metadata("mlspec-gpu-dashboard", ns, "monitoring");
  // The label kube-prometheus-stack's Grafana sidecar watches (grafana.sidecar.dashboards.label/labelValue).
  cm["metadata"]["labels"]["grafana_dashboard"] = "1";
  cm["data"] = {{"mlspec-gpus.json", Dashboard(spec).dump(2)}};
  AddManifest(spec, out, "manifests/" + ns + "/gpu-alerts.yaml", {AlertRules(spec)});
  AddManifest(spec, out, "manifests/" + ns + "/gpu-dashboard.yaml", {cm});
}

}  // namespace mlspec
