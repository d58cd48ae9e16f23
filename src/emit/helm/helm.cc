// EmitHelm: one values file per Helm release in the spec, under helm/.
#include <cstdint>
#include <string>

#include "emit/emit.h"
#include "emit/helm/helm_values.h"
#include "emit/scheduling.h"
#include "model/platform.h"

namespace mlspec {

namespace helm_internal {

std::string KubeSpawnerBytes(const Quantity& q) {
  // ByteSpecification: jupyterhub/jupyterhub jupyterhub/traitlets.py
  // (class ByteSpecification, UNIT_SUFFIXES K=1024 .. T=1024^4; the value
  // without its last character goes through float()), identical at 4.1.6
  // (z2jh 3.3.8) and at 2841153db6c1c25d8b50955e2f4b39f78f3d0119 (5.x).
  // Value() rounds a fractional byte count up, as the API server does.
  const int64_t bytes = q.Value();
  static constexpr struct {
    char suffix;
    int64_t unit;
  } kUnits[] = {{'T', int64_t{1} << 40}, {'G', int64_t{1} << 30}, {'M', int64_t{1} << 20}, {'K', int64_t{1} << 10}};
  for (const auto& u : kUnits)
    if (bytes >= u.unit && bytes % u.unit == 0) return std::to_string(bytes / u.unit) + u.suffix;
  return std::to_string(bytes);
}

Json KubeSpawnerCpu(const Quantity& q) {
  // Spawner.cpu_guarantee / cpu_limit are traitlets Float (jupyterhub
  // jupyterhub/spawner.py); an integer is accepted and widened.
  const int64_t milli = q.MilliValue();
  if (milli % 1000 == 0) return Json(milli / 1000);
  return Json(static_cast<double>(milli) / 1000.0);
}

std::optional<int> ChartMajor(const std::string& version) {
  size_t i = (!version.empty() && version[0] == 'v') ? 1 : 0;
  if (i >= version.size() || version[i] < '0' || version[i] > '9') return std::nullopt;
  int major = 0;
  for (; i < version.size() && version[i] >= '0' && version[i] <= '9'; ++i) {
    major = major * 10 + (version[i] - '0');
    if (major > 100000) return std::nullopt;
  }
  return major;
}

Json ServiceNodeSelector(const Model& spec) {
  const Pool* pool = ServicePool(spec);
  return pool ? PoolNodeSelector(*pool) : Json::object();
}

Json ServiceTolerations(const Model& spec) {
  const Pool* pool = ServicePool(spec);
  return pool ? PoolTolerations(*pool) : Json::array();
}

}  // namespace helm_internal

namespace {

void Write(const Model& spec, const std::string& path, const Json& values, FileSet& out) {
  out[path] = GeneratedHeader(spec, "# ") + ToYaml(values);
}

}  // namespace

void EmitHelm(const Model& spec, FileSet& out) {
  if (spec.gpu_operator) Write(spec, "helm/gpu-operator.values.yaml", GpuOperatorValues(spec), out);
  if (spec.jupyterhub) Write(spec, "helm/jupyterhub.values.yaml", JupyterHubValues(spec), out);
  if (spec.mlflow) Write(spec, "helm/mlflow.values.yaml", MLflowValues(spec), out);
  if (Installs(spec, Prerequisite::kCertManager))
    Write(spec, "helm/cert-manager.values.yaml", CertManagerValues(spec), out);
  if (Installs(spec, Prerequisite::kKeda)) Write(spec, "helm/keda.values.yaml", KedaValues(spec), out);
  if (Installs(spec, Prerequisite::kPrometheusOperator))
    Write(spec, "helm/kube-prometheus-stack.values.yaml", KubePrometheusStackValues(spec), out);
  if (Installs(spec, Prerequisite::kClusterAutoscaler))
    Write(spec, "helm/cluster-autoscaler.values.yaml", ClusterAutoscalerValues(spec), out);
  if (Installs(spec, Prerequisite::kKueue)) Write(spec, "helm/kueue.values.yaml", KueueValues(spec), out);
}

}  // namespace mlspec
