// Google Benchmark micro-benchmarks for the linter's and emitter's hot paths:
// quantity parsing, pod-template discovery, all rules on one document, and
// YAML emission. Not timed by the test suite (it only smoke-runs them).
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/quantity.h"
#include "base/yaml_writer.h"
#include "lint/config.h"
#include "lint/document.h"
#include "lint/lint.h"
#include "lint/registry.h"
#include "lint/rule.h"
#include "lint/workload.h"

namespace {

using namespace mlspec;
using namespace mlspec::lint;

constexpr std::string_view kPyTorchJob = R"(apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: llama-finetune
  namespace: team-3
  labels:
    app.kubernetes.io/name: llama-finetune
spec:
  nprocPerNode: "8"
  runPolicy:
    ttlSecondsAfterFinished: 3600
    activeDeadlineSeconds: 172800
  pytorchReplicaSpecs:
    Master:
      replicas: 1
      template:
        spec:
          nodeSelector:
            mlspec.io/pool: h100
          tolerations:
            - key: nvidia.com/gpu
              operator: Equal
              value: "true"
              effect: NoSchedule
          containers:
            - name: trainer
              image: nvcr.io/nvidia/pytorch:24.08-py3
              env:
                - name: NCCL_DEBUG
                  value: INFO
              resources:
                requests: {cpu: "32", memory: 256Gi, nvidia.com/gpu: 8}
                limits: {memory: 256Gi, nvidia.com/gpu: 8}
              volumeMounts:
                - name: dshm
                  mountPath: /dev/shm
          volumes:
            - name: dshm
              emptyDir: {medium: Memory, sizeLimit: 64Gi}
    Worker:
      replicas: 3
      template:
        spec:
          nodeSelector:
            mlspec.io/pool: h100
          containers:
            - name: trainer
              image: nvcr.io/nvidia/pytorch:latest
              resources:
                requests: {cpu: "32", memory: 256Gi, nvidia.com/gpu: 8}
                limits: {nvidia.com/gpu: 8}
)";

void BM_QuantityParse(benchmark::State& state) {
  const std::string_view inputs[] = {"500m", "4", "16Gi", "1.5", "1e3", "256Gi", "100Mi", "2k"};
  std::string err;
  for (auto _ : state) {
    for (std::string_view in : inputs) {
      auto q = Quantity::Parse(in, &err);
      benchmark::DoNotOptimize(q);
    }
  }
  state.SetItemsProcessed(state.iterations() * std::size(inputs));
}
BENCHMARK(BM_QuantityParse);

// Parses kPyTorchJob once; each benchmark reads the kept Document.
struct Parsed {
  Document doc;
  Parsed() {
    ReadError err;
    ReadDocuments(
        kPyTorchJob, ReadLimits{}, [&](const Document& d, uint32_t) { doc = d; }, &err);
  }
  Object MakeObject() const {
    Object obj;
    obj.doc = &doc;
    obj.root = doc.root();
    obj.metadata = doc.Get(obj.root, "metadata");
    obj.spec = doc.Get(obj.root, "spec");
    obj.api_version = doc.Text(doc.Get(obj.root, "apiVersion"));
    obj.api_group = ApiGroup(obj.api_version);
    obj.kind = doc.Text(doc.Get(obj.root, "kind"));
    obj.name = doc.Text(doc.Get(obj.metadata, "name"));
    obj.ns = doc.Text(doc.Get(obj.metadata, "namespace"));
    return obj;
  }
};

void BM_ReadDocument(benchmark::State& state) {
  ReadError err;
  for (auto _ : state) {
    size_t n = 0;
    ReadDocuments(
        kPyTorchJob, ReadLimits{}, [&](const Document&, uint32_t) { ++n; }, &err);
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(state.iterations() * kPyTorchJob.size());
}
BENCHMARK(BM_ReadDocument);

void BM_DiscoverTemplates(benchmark::State& state) {
  Parsed p;
  std::vector<TemplatePath> extra;
  for (auto _ : state) {
    Object obj = p.MakeObject();
    DiscoverTemplates(obj, extra);
    benchmark::DoNotOptimize(obj.templates.data());
  }
}
BENCHMARK(BM_DiscoverTemplates);

class CountingReporter : public Reporter {
 public:
  void Report(const RuleInfo&, NodeId, std::string, std::string) override { ++count; }
  size_t count = 0;
};

void BM_RulesOneDocument(benchmark::State& state) {
  Parsed p;
  Object obj = p.MakeObject();
  DiscoverTemplates(obj, {});
  LintConfig config;
  CountingReporter rep;
  for (auto _ : state) {
    for (const Rule* r : AllRules()) {
      if (r->info().needs_spec) continue;  // as Lint does without --spec
      CheckContext ctx{obj, p.doc, nullptr, nullptr, config, rep};
      r->Check(ctx);
    }
  }
  state.counters["findings"] = static_cast<double>(rep.count) / state.iterations();
}
BENCHMARK(BM_RulesOneDocument);

void BM_LintOneDocument(benchmark::State& state) {
  std::vector<LintInput> in{{"job.yaml", std::string(kPyTorchJob)}};
  LintConfig config;
  config.jobs = 1;
  for (auto _ : state) {
    LintResult r = Lint(in, config, nullptr);
    benchmark::DoNotOptimize(r.findings.data());
  }
  state.SetBytesProcessed(state.iterations() * kPyTorchJob.size());
}
BENCHMARK(BM_LintOneDocument);

Json DeploymentJson(int i) {
  Json c = {{"name", "server"},
            {"image", "nvcr.io/nvidia/tritonserver:24.08-py3"},
            {"resources",
             {{"requests", {{"cpu", "4"}, {"memory", "16Gi"}, {"nvidia.com/gpu", "1"}}},
              {"limits", {{"memory", "16Gi"}, {"nvidia.com/gpu", "1"}}}}},
            {"ports", Json::array({{{"containerPort", 8000}, {"name", "http"}}})}};
  return {
      {"apiVersion", "apps/v1"},
      {"kind", "Deployment"},
      {"metadata",
       {{"name", "svc-" + std::to_string(i)},
        {"namespace", "serving"},
        {"labels", {{"app.kubernetes.io/name", "svc"}, {"version", "1.0"}}}}},
      {"spec",
       {{"replicas", 2},
        {"template", {{"spec", {{"nodeSelector", {{"mlspec.io/pool", "a10g"}}}, {"containers", Json::array({c})}}}}}}}};
}

void BM_YamlEmitDeployment(benchmark::State& state) {
  Json doc = DeploymentJson(0);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string y = ToYaml(doc);
    bytes += y.size();
    benchmark::DoNotOptimize(y.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_YamlEmitDeployment);

}  // namespace

BENCHMARK_MAIN();
