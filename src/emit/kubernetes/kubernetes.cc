#include "emit/kubernetes/kubernetes.h"

#include "emit/emit.h"

namespace mlspec {

void AddManifest(const Model& spec, FileSet& out, const std::string& path, const std::vector<Json>& docs) {
  out[path] = ToYamlStream(docs, GeneratedHeader(spec, "# "));
}

void EmitKubernetes(const Model& spec, FileSet& out) {
  EmitClusterScoped(spec, out);
  EmitNamespacePolicies(spec, out);
  EmitInference(spec, out);
  EmitGpuOperatorConfig(spec, out);
  EmitPreflight(spec, out);
  EmitStorage(spec, out);
  EmitJobs(spec, out);
  EmitServices(spec, out);
  EmitMonitoring(spec, out);
  EmitQueues(spec, out);
  EmitWebRoutes(spec, out);
}

}  // namespace mlspec
