// The components of the output tree, as data: every Helm release, every
// manifests folder and the Terraform module, with where it deploys, its
// ArgoCD sync wave and why it is there. The ArgoCD and README emitters read
// this table; neither reads the files other emitters wrote, so the order in
// which emitters run does not matter.
#ifndef MLSPEC_EMIT_COMPONENTS_H_
#define MLSPEC_EMIT_COMPONENTS_H_

#include <string>
#include <vector>

#include "base/yaml_writer.h"
#include "model/model.h"

namespace mlspec {

struct Component {
  enum class Kind {
    kHelmRelease,  // a pinned chart; values in helm/ID.values.yaml when values_file
    kManifests,    // the folder manifests/FOLDER/
    kTerraform,    // terraform/, applied by hand or a pipeline, never by ArgoCD
  };
  Kind kind = Kind::kManifests;
  std::string id;              // release name, manifests folder name, or "terraform"
  std::string namespace_name;  // where a release deploys; empty for folders
  int sync_wave = 0;
  bool automated_sync = true;  // false: synced on purpose (preflight)
  std::string why;             // one line for people
  std::string app;             // the Application's name suffix, when not the default (AppName)

  // kHelmRelease only.
  std::string repo;
  std::string chart;
  std::string version;
  bool values_file = false;  // helm/ID.values.yaml from the GitOps repo
  bool server_side = false;  // objects too large for client-side apply (CRDs)
  Json values_object;        // inline values, when small and fixed

  // The Application's name suffix (the cluster name is prefixed): "cluster"
  // for the cluster folder, "manifests-FOLDER" for other folders, the release
  // name for releases.
  std::string AppName() const;
};

// The components `spec` compiles to, sorted by kind then id. Sync waves:
// -4 namespaces and cluster objects; -3 platform components with their CRDs
// (cert-manager, KEDA, kube-prometheus-stack); -2 KServe's CRDs and the GPU
// operator; -1 namespace policies, storage, services and KServe; 0 platform
// services; 1 preflight; 2 inference; 3 one-shot jobs.
std::vector<Component> Components(const Model& spec);

// True when `spec`'s namespace NAME gets a manifests/NAME/ folder (quota,
// defaults, network policies or workloads).
bool NamespaceHasManifests(const Model& spec, const std::string& name);

}  // namespace mlspec

#endif  // MLSPEC_EMIT_COMPONENTS_H_
