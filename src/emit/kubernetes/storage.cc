// [storage.*]: one PersistentVolumeClaim each, in its namespace's folder.
// ArgoCD never deletes one (Prune=false, Delete=false): a sync that no longer
// finds it in Git leaves the data alone.
// https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#no-prune-resources
// https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#no-resource-deletion
#include "emit/kubernetes/kubernetes.h"
#include "emit/scheduling.h"

namespace mlspec {

void EmitStorage(const Model& spec, FileSet& out) {
  for (const auto& [name, st] : spec.storage) {
    Json pvc;
    pvc["apiVersion"] = "v1";
    pvc["kind"] = "PersistentVolumeClaim";
    pvc["metadata"] = Metadata(name, st.namespace_name, "storage");
    pvc["metadata"]["annotations"] = {{"argocd.argoproj.io/sync-options", "Prune=false,Delete=false"}};
    pvc["spec"]["accessModes"] = Json::array({st.access_mode});
    if (!st.storage_class.empty()) pvc["spec"]["storageClassName"] = st.storage_class;
    pvc["spec"]["resources"]["requests"]["storage"] = st.size.Canonical();
    AddManifest(spec, out, "manifests/" + st.namespace_name + "/storage-" + name + ".yaml", {pvc});
  }
}

}  // namespace mlspec
