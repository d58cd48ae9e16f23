#include "validate/quota.h"

#include <map>
#include <string>
#include <vector>

#include "base/text.h"
#include "model/workloads.h"

namespace mlspec {
namespace {

struct Resource {
  const char* key;   // the quota key
  const char* unit;  // for the message
  int64_t (*per_pod)(const PodRequests&);
  std::optional<int64_t> (*limit)(const QuotaSpec&);
  std::string (*format)(int64_t);
};

std::string Count(int64_t n) { return std::to_string(n); }
std::string Cpu(int64_t milli) { return Quantity::FromMilli(milli).Canonical(); }
std::string Bytes(int64_t b) { return Quantity::FromUnits(b, Quantity::Format::kBinarySI).Canonical(); }

const Resource kResources[] = {
    {"gpu", "GPUs", [](const PodRequests& r) { return r.gpu; }, [](const QuotaSpec& q) { return q.gpu; }, Count},
    {"cpu", "CPU", [](const PodRequests& r) { return r.cpu.MilliValue(); },
     [](const QuotaSpec& q) { return q.cpu ? std::optional<int64_t>(q.cpu->MilliValue()) : std::nullopt; }, Cpu},
    {"memory", "memory", [](const PodRequests& r) { return r.memory.Value(); },
     [](const QuotaSpec& q) { return q.memory ? std::optional<int64_t>(q.memory->Value()) : std::nullopt; }, Bytes},
    {"pods", "pods", [](const PodRequests&) { return int64_t{1}; }, [](const QuotaSpec& q) { return q.pods; }, Count},
};

}  // namespace

void ValidateQuotas(const Model& model, Diagnostics& diags) {
  std::map<std::string, std::vector<PlannedWorkload>> by_ns;
  for (PlannedWorkload& w : PlannedWorkloads(model)) by_ns[w.namespace_name].push_back(std::move(w));
  for (const auto& [ns_name, workloads] : by_ns) {
    auto ns = model.namespaces.find(ns_name);
    if (ns == model.namespaces.end() || !ns->second.quota) continue;
    const QuotaSpec& quota = *ns->second.quota;
    for (const Resource& res : kResources) {
      const std::optional<int64_t> limit = res.limit(quota);
      if (!limit) continue;
      int64_t total = 0;
      bool one_pod_too_big = false;
      std::string parts;
      for (const PlannedWorkload& w : workloads) {
        const int64_t per_pod = res.per_pod(w.per_pod);
        if (per_pod == 0 || w.pods == 0) continue;
        one_pod_too_big = one_pod_too_big || (w.pod_checked_by_validate && per_pod > *limit);
        total += w.pods * per_pod;
        parts += std::string(parts.empty() ? "" : ", ") + w.what + " " + std::to_string(w.pods) + " × " +
                 res.format(per_pod);
      }
      if (total <= *limit || one_pod_too_big) continue;
      diags.Error(quota.locs.At(res.key),
                  "[namespaces." + ns_name + "] quota " + res.key + " = " + res.format(*limit) +
                      " is below what mlspec's workloads in the namespace request at once: " + res.format(total) + " " +
                      res.unit + " (" + parts + "); raise the quota or lower the replicas");
    }
  }
}

}  // namespace mlspec
