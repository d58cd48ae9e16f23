#include "validate/serving.h"

#include "base/text.h"
#include "validate/container.h"
#include "validate/references.h"

namespace mlspec {

bool GatewayRefOk(const std::string& ref) {
  size_t slash = ref.find('/');
  return slash != std::string::npos && IsDns1123Label(ref.substr(0, slash)) &&
         IsDns1123Subdomain(ref.substr(slash + 1));
}

bool HostnameOk(const std::string& h) { return IsDns1123Subdomain(h.starts_with("*.") ? h.substr(2) : h); }

namespace {

// GPU utilisation reaches Prometheus only through the DCGM exporter that the
// GPU operator runs and its ServiceMonitor; KEDA then reads Prometheus.
std::string GpuSignalMissing(const Spec& spec) {
  std::string missing;
  if (!spec.monitoring) missing = "a [monitoring] table (the Prometheus KEDA queries)";
  const bool exporter =
      spec.gpu_operator && spec.gpu_operator->dcgm_exporter && spec.gpu_operator->service_monitor.value_or(true);
  if (!exporter)
    missing += std::string(missing.empty() ? "" : " and ") +
               "the GPU operator's DCGM exporter with its ServiceMonitor ([gpu_operator] with `dcgm_exporter` "
               "and `service_monitor` on)";
  return missing;
}

// The signal fits the profile and the cluster can provide it. `error(key,
// message)` reports at a key of the workload's table.
template <typename Error>
void CheckSignal(const Spec& spec, ScaleSignal signal, bool written, const Profile& prof, bool autoscaled,
                 Error error) {
  if (signal == ScaleSignal::kGpu && prof.gpu == 0) {
    error("scale_on",
          "`scale_on = \"gpu\"` but profile " + Quote(prof.name) + " has no GPUs; scale on \"cpu\" or \"memory\"");
    return;
  }
  if (signal == ScaleSignal::kCpu && prof.gpu > 0) {
    error("scale_on", "`scale_on = \"cpu\"` on GPU profile " + Quote(prof.name) +
                          ": the work runs on the GPU, so CPU utilisation stays low while requests queue; scale "
                          "on \"gpu\"");
    return;
  }
  if (signal != ScaleSignal::kGpu || !autoscaled) return;
  const std::string missing = GpuSignalMissing(spec);
  if (missing.empty()) return;
  if (written) error("scale_on", "`scale_on = \"gpu\"` needs " + missing);
  else
    error("max_replicas", "scales on GPU utilisation (the default for GPU profile " + Quote(prof.name) +
                              ") and needs " + missing + "; or set min_replicas = max_replicas for a fixed size");
}

void CheckService(const Spec& spec, const Service& svc, Diagnostics& diags) {
  const std::string where = "[services." + svc.name + "]";
  auto error = [&](std::string_view key, const std::string& msg) { diags.Error(svc.locs.At(key), where + " " + msg); };
  if (!svc.namespace_name.empty() && !spec.namespaces.count(svc.namespace_name))
    error("namespace", Undefined("namespace", svc.namespace_name, Keys(spec.namespaces)) +
                           " (services run in a declared [namespaces.*] so that its quota applies)");
  if (svc.min_replicas > svc.max_replicas)
    error("min_replicas", "`min_replicas` (" + std::to_string(svc.min_replicas) + ") is greater than `max_replicas` (" +
                              std::to_string(svc.max_replicas) + ")");
  if (svc.startup_timeout_seconds && *svc.startup_timeout_seconds < 10)
    error("startup_timeout", "`startup_timeout` must be at least 10s (the startup probe checks every 10 seconds)");
  if (!svc.gateway.empty() && !GatewayRefOk(svc.gateway))
    error("gateway", "`gateway` must be NAMESPACE/NAME of an existing Gateway, e.g. \"infra/public\", not \"" +
                         svc.gateway + "\"");
  if (!svc.hostname.empty() && !HostnameOk(svc.hostname))
    error("hostname", "`hostname` \"" + svc.hostname + "\" is not a DNS name (lower-case, e.g. \"llm.example.com\")");
  if (!svc.hostname.empty() && svc.gateway.empty())
    error("hostname",
          "`hostname` needs `gateway`: the route is an HTTPRoute attached to an existing Gateway "
          "(gateway = \"NAMESPACE/NAME\")");
  if (svc.canary && svc.gateway.empty())
    diags.Error(svc.canary->locs.table,
                where +
                    " `canary` needs `gateway`: the traffic split is an HTTPRoute attached to an existing "
                    "Gateway (gateway = \"NAMESPACE/NAME\")");
  CheckContainer(spec, svc, where, "the service", svc.namespace_name, svc.pods_at_peak(), diags);

  auto prof = spec.profiles.find(svc.profile);
  if (svc.profile.empty()) return;
  if (prof == spec.profiles.end()) {
    error("profile", Undefined("profile", svc.profile, Keys(spec.profiles)));
    return;
  }
  const ScaleSignal signal = EffectiveScaleOn(svc.scale_on, prof->second);
  CheckSignal(spec, signal, svc.scale_on.has_value(), prof->second, svc.autoscaled(), error);
  if (svc.min_replicas == 0 && signal != ScaleSignal::kGpu)
    error("min_replicas", "`min_replicas = 0` with `scale_on = \"" + std::string(ScaleSignalName(signal)) +
                              "\"`: a HorizontalPodAutoscaler cannot scale to zero; scale on \"gpu\" (KEDA) or set "
                              "`min_replicas` to 1 or more");
}

void CheckInferenceScaling(const Spec& spec, const Inference& inf, Diagnostics& diags) {
  const std::string where = "[inference." + inf.name + "]";
  auto error = [&](std::string_view key, const std::string& msg) { diags.Error(inf.locs.At(key), where + " " + msg); };
  if (inf.serverless()) {
    if (inf.scale_on)
      error("scale_on",
            "`scale_on` applies to deployment_mode = \"RawDeployment\"; a Serverless "
            "InferenceService scales on request concurrency (Knative's autoscaler)");
    return;
  }
  if (inf.canary_traffic_percent)
    error("canary_traffic_percent",
          "`canary_traffic_percent` needs deployment_mode = \"Serverless\": KServe splits traffic between "
          "Knative revisions, which RawDeployment does not have");
  if (inf.min_replicas == 0)
    error("min_replicas",
          "`min_replicas = 0` in RawDeployment mode: KServe scales to zero only in Serverless mode "
          "(Knative); set deployment_mode = \"Serverless\" or `min_replicas` to 1 or more");
  auto prof = spec.profiles.find(inf.profile);
  if (prof == spec.profiles.end()) return;  // Validate reports it
  CheckSignal(spec, EffectiveScaleOn(inf.scale_on, prof->second), inf.scale_on.has_value(), prof->second,
              inf.max_replicas > inf.min_replicas, error);
}

}  // namespace

void ValidateServing(const Spec& spec, Diagnostics& diags) {
  for (const auto& [name, svc] : spec.services) CheckService(spec, svc, diags);
  for (const auto& [name, inf] : spec.inference) CheckInferenceScaling(spec, inf, diags);
}

}  // namespace mlspec
