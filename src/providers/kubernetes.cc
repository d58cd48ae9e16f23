// provider = "kubernetes": a cluster whose nodes mlspec does not create. No
// cloud adds labels or taints and no API reserves any; whoever creates the
// nodes labels and taints them as each pool's node_pool_labels /
// node_pool_taints say (the README lists them). GPU sharing and MIG go
// through the GPU operator's device plugin and MIG manager.
#include "providers/provider.h"

namespace mlspec {
namespace {

class Kubernetes final : public Provider {
 public:
  ProviderKind kind() const override { return ProviderKind::kKubernetes; }
  std::string_view display_name() const override { return "Kubernetes"; }
  bool creates_node_pools() const override { return false; }
  bool OffersInstance(const InstanceType&) const override { return true; }
  std::optional<StarterSpec> starter() const override {
    StarterSpec s;
    s.gpu_taint_note = "Give the nodes this taint when you create them";
    s.gpu_operator_note =
        "Nothing is known about these nodes' image: the GPU operator installs the NVIDIA driver, the\n"
        "container toolkit and the device plugin. Set driver = false when the image already has the driver.";
    return s;
  }
  std::map<std::string, std::string> CloudLabels(const Pool&) const override { return {}; }
  std::vector<Taint> CloudTaints(const Pool&, bool) const override { return {}; }
  bool IsReservedLabel(std::string_view) const override { return false; }
  void ValidatePool(const Spec&, const Pool&, Diagnostics&) const override {}
  std::string ScalingNote(const Pool& pool) const override {
    return "mlspec does not create these nodes: " + std::to_string(pool.min_nodes) + "–" +
           std::to_string(pool.max_nodes) + " nodes is what the quota and capacity checks assume";
  }
  bool BuildTerraform(const Model&, terraform::Module&) const override { return false; }
};

}  // namespace

const Provider& KubernetesProvider() {
  static const Kubernetes provider;
  return provider;
}

}  // namespace mlspec
