#include "model/workloads.h"

#include <algorithm>

#include "base/text.h"

namespace mlspec {
namespace {

Quantity Q(const char* text) {
  std::string error;
  return *Quantity::Parse(text, &error);  // constants above, known to parse
}

}  // namespace

std::string_view JobKindName(Job::Kind kind) {
  switch (kind) {
    case Job::Kind::kJob:
      return "Job";
    case Job::Kind::kCronJob:
      return "CronJob";
    case Job::Kind::kIndexedJob:
      return "Job (Indexed)";
    case Job::Kind::kPyTorchJob:
      return "PyTorchJob";
    case Job::Kind::kTFJob:
      return "TFJob";
  }
  return "Job";
}

int PreflightPods(const Model& spec, const Pool& pool) {
  if (spec.preflight->nodes) return std::min(*spec.preflight->nodes, pool.max_nodes);
  return std::max(pool.min_nodes, 1);
}

int PreflightGpus(const Pool& pool) { return pool.gpu_sharing ? 1 : pool.gpus_per_node; }

std::vector<PlannedWorkload> PlannedWorkloads(const Model& spec) {
  std::vector<PlannedWorkload> out;
  for (const auto& [name, inf] : spec.inference) {
    auto prof = spec.profiles.find(inf.profile);
    if (prof == spec.profiles.end()) continue;
    out.push_back({"inference " + Quote(name),
                   inf.namespace_name,
                   inf.min_replicas,
                   {prof->second.gpu, prof->second.cpu, prof->second.memory},
                   inf.locs.At("min_replicas"),
                   true,
                   prof->second.pool,
                   "InferenceService"});
  }
  for (const auto& [name, job] : spec.jobs) {
    auto prof = spec.profiles.find(job.profile);
    if (prof == spec.profiles.end()) continue;
    out.push_back({"job " + Quote(name),
                   job.namespace_name,
                   job.pods_at_once(),
                   {prof->second.gpu, prof->second.cpu, prof->second.memory},
                   job.locs.table,
                   false,
                   prof->second.pool,
                   std::string(JobKindName(job.kind()))});
  }
  for (const auto& [name, svc] : spec.services) {
    auto prof = spec.profiles.find(svc.profile);
    if (prof == spec.profiles.end()) continue;
    out.push_back({"service " + Quote(name) + (svc.canary ? " (with its canary)" : ""),
                   svc.namespace_name,
                   svc.pods_at_peak(),
                   {prof->second.gpu, prof->second.cpu, prof->second.memory},
                   svc.locs.At("max_replicas"),
                   false,
                   prof->second.pool,
                   "Deployment"});
  }
  if (spec.preflight) {
    const Preflight& pf = *spec.preflight;
    for (const auto& [name, pool] : spec.pools) {
      if (!pool.has_gpu() || !pool.gpu) continue;
      PodRequests r{PreflightGpus(pool), Q(kPreflightCpuRequest), Q(kPreflightMemoryRequest)};
      if (pf.label_nodes) {
        r.cpu = Quantity::FromMilli(r.cpu.MilliValue() + Q(kLabelerCpuRequest).MilliValue());
        r.memory =
            Quantity::FromUnits(r.memory.Value() + Q(kLabelerMemoryRequest).Value(), Quantity::Format::kBinarySI);
      }
      out.push_back({"the preflight Job of pool " + Quote(name), pf.namespace_name, PreflightPods(spec, pool), r,
                     pf.locs.table, false, name, "Job (preflight)"});
    }
  }
  return out;
}

}  // namespace mlspec
