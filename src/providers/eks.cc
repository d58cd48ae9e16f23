// EKS: what mlspec knows about Amazon EKS managed node groups — the labels
// EKS puts on nodes, the label and taint rules of its API, what its GPU AMI
// ships, and the Terraform of a node group: one aws_eks_node_group per pool,
// in an existing cluster (var.cluster_name) with a node IAM role and subnets
// from the caller.
//
// Resource reference (aws provider; checked against
// website/docs/r/eks_node_group.html.markdown and the EKS API):
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_node_group
//   instance_types (list), capacity_type "ON_DEMAND" | "SPOT"
//   ami_type       AL2023_x86_64_STANDARD | AL2023_x86_64_NVIDIA |
//                  AL2023_ARM_64_STANDARD | AL2023_ARM_64_NVIDIA, valid values in
//                  https://docs.aws.amazon.com/eks/latest/APIReference/API_Nodegroup.html
//                  (the NVIDIA AMIs ship the driver and container toolkit:
//                  https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-optimized-ami.html)
//   scaling_config { desired_size min_size max_size }  min 0, max at least 1
//   update_config { max_unavailable }
//   labels (map), taint { key value effect } with NO_SCHEDULE |
//                  NO_EXECUTE | PREFER_NO_SCHEDULE, at most 50
//   lifecycle ignore_changes = [scaling_config[0].desired_size], as the
//                  resource docs recommend when an autoscaler owns the size
//
// Scaling (when a pool can: min_nodes < max_nodes). EKS tags a managed node
// group's Auto Scaling group for the cluster-autoscaler's auto-discovery
// (k8s.io/cluster-autoscaler/enabled and .../<cluster>:
// https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html),
// but an empty group shows the autoscaler no node to learn labels, taints and
// GPUs from. It reads them from node-template tags on the Auto Scaling group
// (cluster-autoscaler/cloudprovider/aws/README.md, "Auto-Discovery Setup"):
//   k8s.io/cluster-autoscaler/node-template/label/<label>     = <value>
//   k8s.io/cluster-autoscaler/node-template/taint/<key>       = <value>:<Effect>
//   k8s.io/cluster-autoscaler/node-template/resources/<name>  = <quantity>
// Tags on aws_eks_node_group stay on the EKS resource and never reach the
// group (eksctl #1571, terraform-aws-eks #2255), so each tag is an
// aws_autoscaling_group_tag on resources[0].autoscaling_groups[0].name.
// The autoscaler's IAM role is the caller's (var.cluster_autoscaler_role_arn),
// bound to its ServiceAccount with EKS Pod Identity
// (aws_eks_pod_identity_association: cluster_name, namespace,
// service_account, role_arn); no credential is written anywhere.
#include <string>

#include "emit/names.h"
#include "emit/terraform/module.h"
#include "providers/provider.h"

namespace mlspec {
namespace {

using providers::Where;

constexpr char kResource[] = "aws_eks_node_group";
constexpr char kDocUrl[] = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_node_group";
// 6.x is the current major (6.0.0, June 2025); nothing this module uses
// changed between 5.x and 6.x (website/docs/guides/version-6-upgrade.html.markdown).
constexpr char kProviderVersion[] = "~> 6.0";

// The EKS API (CreateNodegroup / UpdateNodegroupConfig) limits label keys and
// values to 1-63 characters and taint keys to 1-63, values to 0-63:
// https://docs.aws.amazon.com/eks/latest/APIReference/API_UpdateLabelsPayload.html
// https://docs.aws.amazon.com/eks/latest/APIReference/API_Taint.html
constexpr size_t kMaxLength = 63;

// Graviton instance families carry a "g" after the generation digit
// (m7g, c7gn, r8g, g5g, x2gd): https://aws.amazon.com/ec2/graviton/
bool IsArmInstance(std::string_view instance_type) {
  std::string_view family = instance_type.substr(0, instance_type.find('.'));
  size_t i = 0;
  while (i < family.size() && !(family[i] >= '0' && family[i] <= '9')) ++i;
  while (i < family.size() && family[i] >= '0' && family[i] <= '9') ++i;
  return family.substr(i).find('g') != std::string_view::npos;
}

std::string AmiType(const Pool& pool) {
  const std::string arch = IsArmInstance(pool.instance_type) ? "ARM_64" : "x86_64";
  return "AL2023_" + arch + (pool.has_gpu() ? "_NVIDIA" : "_STANDARD");
}

void AddPool(const Pool& pool, hcl::Body& file) {
  using namespace terraform;
  hcl::Body& r = file.AddBlock("resource", {kResource, ResourceName(pool)});
  r.Set("cluster_name", hcl::Ref("var.cluster_name"));
  r.Set("node_group_name", hcl::Str(pool.name));
  r.Set("node_role_arn", hcl::Ref("var.node_role_arn"));
  r.Set("subnet_ids", hcl::Ref("var.subnet_ids"));
  r.Set("instance_types", hcl::StrList({pool.instance_type}));
  r.Set("ami_type", hcl::Str(AmiType(pool)));
  r.Set("capacity_type", hcl::Str(pool.spot ? "SPOT" : "ON_DEMAND"));
  r.Set("labels", LabelMap(pool.node_pool_labels));
  r.Set("tags", hcl::Ref("var.tags"));

  hcl::Body& scaling = r.AddBlock("scaling_config");
  scaling.Set("desired_size", hcl::Int(pool.min_nodes));
  scaling.Set("min_size", hcl::Int(pool.min_nodes));
  scaling.Set("max_size", hcl::Int(pool.max_nodes));

  r.AddBlock("update_config").Set("max_unavailable", hcl::Int(1));

  for (const Taint& t : pool.node_pool_taints) {
    hcl::Body& b = r.AddBlock("taint");
    b.Set("key", hcl::Str(t.key));
    if (!t.value.empty()) b.Set("value", hcl::Str(t.value));
    b.Set("effect", hcl::Str(UpperSnakeEffect(t.effect)));
  }

  r.AddBlock("lifecycle").Set("ignore_changes", hcl::Value::List({hcl::Ref("scaling_config[0].desired_size")}));
}

constexpr char kTagPrefix[] = "k8s.io/cluster-autoscaler/node-template/";

bool CanScale(const Pool& pool) { return pool.min_nodes < pool.max_nodes; }

// The node-template tags of a pool, by key: what the autoscaler must know to
// build a node of the group from nothing.
std::map<std::string, std::string> NodeTemplateTags(const Pool& pool,
                                                    const std::map<std::string, std::string>& labels) {
  std::map<std::string, std::string> tags;
  for (const auto& [k, v] : labels) tags[std::string(kTagPrefix) + "label/" + k] = v;
  for (const Taint& t : pool.node_pool_taints)
    tags[std::string(kTagPrefix) + "taint/" + t.key] = t.value + ":" + t.effect;
  if (pool.has_gpu())
    tags[std::string(kTagPrefix) + "resources/nvidia.com/gpu"] = std::to_string(pool.schedulable_gpus_per_node());
  return tags;
}

class Eks final : public Provider {
 public:
  ProviderKind kind() const override { return ProviderKind::kEks; }
  std::string_view display_name() const override { return "EKS"; }
  std::optional<StarterSpec> starter() const override {
    StarterSpec s;
    s.region = "eu-west-1";
    s.cpu_instance = "m5.xlarge";
    s.gpu_instance = "g5.2xlarge";
    s.gpu_instance_note = "1 x A10G 24GB, 8 vCPUs, 32 GiB";
    s.gpu_taint_note = "EKS does not taint GPU nodes itself";
    s.gpu_operator_note =
        "The EKS AL2023 NVIDIA AMI ships the driver and container toolkit but no device plugin, so\n"
        "nothing would advertise nvidia.com/gpu without the GPU operator. On EKS its driver and\n"
        "toolkit default to false (the AMI's are used).";
    return s;
  }

  std::map<std::string, std::string> CloudLabels(const Pool& pool) const override {
    // Managed node groups label nodes with their group and capacity type:
    // https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html
    return {{"eks.amazonaws.com/nodegroup", pool.name},
            {"eks.amazonaws.com/capacityType", pool.spot ? "SPOT" : "ON_DEMAND"}};
  }
  std::vector<Taint> CloudTaints(const Pool&, bool) const override { return {}; }
  bool IsReservedLabel(std::string_view key) const override {
    // The EKS API rejects labels (and taints) under these prefixes: "Label
    // cannot contain reserved prefixes [kubernetes.io/, k8s.io/,
    // eks.amazonaws.com/]" (https://github.com/aws/containers-roadmap/issues/1451,
    // https://github.com/eksctl-io/eksctl/issues/4006); subdomains such as
    // node-role.kubernetes.io/ included.
    const std::string_view prefix = providers::LabelPrefix(key);
    return providers::IsOrUnder(prefix, "kubernetes.io") || providers::IsOrUnder(prefix, "k8s.io") ||
           providers::IsOrUnder(prefix, "eks.amazonaws.com");
  }

  void ValidatePool(const Spec&, const Pool& pool, Diagnostics& diags) const override {
    for (const auto& [key, value] : pool.labels) {
      const SourceLoc& loc = pool.LabelLoc(key);
      if (IsReservedLabel(key))
        diags.Error(loc, Where(pool) + " label \"" + key +
                             "\": the EKS API rejects labels with the kubernetes.io/, k8s.io/ and eks.amazonaws.com/ "
                             "prefixes; use your own prefix");
      if (key.size() > kMaxLength)
        diags.Error(loc, Where(pool) + " label key \"" + key + "\" is " + std::to_string(key.size()) +
                             " characters; EKS allows at most 63 for the whole key, prefix included");
      if (value.empty())
        diags.Error(loc, Where(pool) + " label \"" + key + "\" has an empty value; EKS requires 1-63 characters");
    }
    for (const Taint& t : pool.taints) {
      if (IsReservedLabel(t.key))
        diags.Error(t.loc, Where(pool) + " taint \"" + t.ToString() +
                               "\": the EKS API rejects taints with the kubernetes.io/, k8s.io/ and eks.amazonaws.com/ "
                               "prefixes; use your own prefix");
      if (t.key.size() > kMaxLength)
        diags.Error(t.loc, Where(pool) + " taint key \"" + t.key + "\" is " + std::to_string(t.key.size()) +
                               " characters; EKS allows at most 63 for the whole key, prefix included");
    }
  }

  bool NeedsClusterAutoscaler() const override { return true; }
  std::string ScalingNote(const Pool& pool) const override {
    if (!CanScale(pool)) return "fixed at " + std::to_string(pool.min_nodes) + " node(s)";
    return "cluster-autoscaler sets the Auto Scaling group's size (" + std::to_string(pool.min_nodes) + "–" +
           std::to_string(pool.max_nodes) + " nodes) when a pod stays Pending for room" +
           (pool.min_nodes == 0
                ? "; at zero nodes it learns labels, taints and GPUs from the group's node-template tags"
                : "") +
           ". A new node serves pods once the instance has booted and joined" +
           (pool.has_gpu() ? " and the device plugin advertises nvidia.com/gpu" : "") + " (minutes, not seconds)";
  }

  // GPU node groups run the AL2023 NVIDIA AMI (AmiType above), which ships
  // the NVIDIA driver and the container toolkit:
  // https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-optimized-ami.html
  bool ImageHasDriver() const override { return true; }
  bool ImageHasToolkit() const override { return true; }
  std::string WhyNoOperatorDriver() const override {
    return "EKS GPU node groups run the AL2023 NVIDIA AMI, which already ships the NVIDIA driver and container "
           "toolkit, "
           "and a second copy from the GPU operator conflicts with it";
  }

  // Node-template tags on every node group's Auto Scaling group, and the
  // autoscaler's Pod Identity association (see the top of the file).
  void AddAutoscaling(const Model& model, terraform::Module& m) const {
    using namespace terraform;
    m.node_pools.Comment(
        "The cluster-autoscaler's node templates: labels, taints and GPUs of each node group, tagged on its Auto "
        "Scaling group\n(where the autoscaler reads them; tags on the node group do not propagate). "
        "cluster-autoscaler/cloudprovider/aws/README.md");
    for (const auto& [name, pool] : model.pools) {
      std::map<std::string, std::string> labels = pool.node_pool_labels;
      for (const auto& [k, v] : CloudLabels(pool)) labels.emplace(k, v);
      hcl::Body& r = m.node_pools.AddBlock("resource", {"aws_autoscaling_group_tag", ResourceName(pool) + "_template"});
      r.Set("for_each", LabelMap(NodeTemplateTags(pool, labels)));
      r.Set("autoscaling_group_name",
            hcl::Ref(std::string(kResource) + "." + ResourceName(pool) + ".resources[0].autoscaling_groups[0].name"));
      hcl::Body& tag = r.AddBlock("tag");
      tag.Set("key", hcl::Ref("each.key"));
      tag.Set("value", hcl::Ref("each.value"));
      tag.Set("propagate_at_launch", hcl::Bool(false));
    }
    AddVariable(m.variables, "cluster_autoscaler_role_arn", "string",
                "ARN of the IAM role cluster-autoscaler assumes through EKS Pod Identity (trust: "
                "pods.eks.amazonaws.com; permissions: docs/operations.md). The cluster needs the "
                "eks-pod-identity-agent add-on.");
    hcl::Body& a = m.node_pools.AddBlock("resource", {"aws_eks_pod_identity_association", "cluster_autoscaler"});
    a.Set("cluster_name", hcl::Ref("var.cluster_name"));
    a.Set("namespace", hcl::Str(kClusterAutoscalerNamespace));
    a.Set("service_account", hcl::Str(kClusterAutoscalerServiceAccount));
    a.Set("role_arn", hcl::Ref("var.cluster_autoscaler_role_arn"));
  }

  bool BuildTerraform(const Model& model, terraform::Module& m) const override {
    using namespace terraform;
    AddVersions(m.versions, "aws", "hashicorp/aws", kProviderVersion);
    AddVariable(m.variables, "cluster_name", "string", "Name of the existing EKS cluster the node groups join.");
    AddVariable(m.variables, "node_role_arn", "string",
                "ARN of the IAM role the nodes assume (AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy and "
                "AmazonEC2ContainerRegistryReadOnly attached).");
    AddVariable(m.variables, "subnet_ids", "list(string)",
                "Subnets for the node groups' instances, tagged kubernetes.io/cluster/<cluster_name>.");
    AddVariable(m.variables, "tags", "map(string)", "AWS tags for every node group.", "{}");
    m.node_pools.Comment(std::string("One ") + kResource + " per pool of the spec:\n" + kDocUrl);
    for (const auto& [name, pool] : model.pools) AddPool(pool, m.node_pools);
    bool any_scales = false;
    for (const auto& [name, pool] : model.pools) any_scales = any_scales || CanScale(pool);
    if (any_scales) AddAutoscaling(model, m);
    AddPoolOutput(m.outputs, model, "node_pool_ids", "ID (cluster:node group) of each node group, by pool name.",
                  kResource, "id");
    AddPoolOutput(m.outputs, model, "node_pool_names", "Name of each node group in EKS, by pool name.", kResource,
                  "node_group_name");
    AddPoolOutput(m.outputs, model, "node_pool_arns", "ARN of each node group, by pool name.", kResource, "arn");
    return true;
  }
};

}  // namespace

const Provider& EksProvider() {
  static const Eks provider;
  return provider;
}

}  // namespace mlspec
