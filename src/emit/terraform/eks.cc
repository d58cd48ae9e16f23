// EKS: one aws_eks_node_group (a managed node group) per pool, in an existing
// cluster (var.cluster_name) with a node IAM role and subnets from the caller.
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
#include <string>

#include "emit/terraform/module.h"
#include "emit/terraform/pool_labels.h"

namespace mlspec::terraform {
namespace {

constexpr char kResource[] = "aws_eks_node_group";
constexpr char kDocUrl[] = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_node_group";
// 6.x is the current major (6.0.0, June 2025); nothing this module uses
// changed between 5.x and 6.x (website/docs/guides/version-6-upgrade.html.markdown).
constexpr char kProviderVersion[] = "~> 6.0";

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

void AddPool(const Spec& spec, const Pool& pool, hcl::Body& file) {
  hcl::Body& r = file.AddBlock("resource", {kResource, ResourceName(pool)});
  r.Set("cluster_name", hcl::Ref("var.cluster_name"));
  r.Set("node_group_name", hcl::Str(pool.name));
  r.Set("node_role_arn", hcl::Ref("var.node_role_arn"));
  r.Set("subnet_ids", hcl::Ref("var.subnet_ids"));
  r.Set("instance_types", hcl::StrList({pool.instance_type}));
  r.Set("ami_type", hcl::Str(AmiType(pool)));
  r.Set("capacity_type", hcl::Str(pool.spot ? "SPOT" : "ON_DEMAND"));
  r.Set("labels", LabelMap(TerraformLabels(spec, pool)));
  r.Set("tags", hcl::Ref("var.tags"));

  hcl::Body& scaling = r.AddBlock("scaling_config");
  scaling.Set("desired_size", hcl::Int(pool.min_nodes));
  scaling.Set("min_size", hcl::Int(pool.min_nodes));
  scaling.Set("max_size", hcl::Int(pool.max_nodes));

  r.AddBlock("update_config").Set("max_unavailable", hcl::Int(1));

  for (const Taint& t : TerraformTaints(spec, pool)) {
    hcl::Body& b = r.AddBlock("taint");
    b.Set("key", hcl::Str(t.key));
    if (!t.value.empty()) b.Set("value", hcl::Str(t.value));
    b.Set("effect", hcl::Str(UpperSnakeEffect(t.effect)));
  }

  r.AddBlock("lifecycle").Set("ignore_changes", hcl::Value::List({hcl::Ref("scaling_config[0].desired_size")}));
}

}  // namespace

void BuildEks(const Spec& spec, Module& m, Diagnostics& diags) {
  (void)diags;  // every pool the validator accepts is expressible on EKS
  AddVersions(m.versions, "aws", "hashicorp/aws", kProviderVersion);

  AddVariable(m.variables, "cluster_name", "string", "Name of the existing EKS cluster the node groups join.");
  AddVariable(m.variables, "node_role_arn", "string",
              "ARN of the IAM role the nodes assume (AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy and "
              "AmazonEC2ContainerRegistryReadOnly attached).");
  AddVariable(m.variables, "subnet_ids", "list(string)",
              "Subnets for the node groups' instances, tagged kubernetes.io/cluster/<cluster_name>.");
  AddVariable(m.variables, "tags", "map(string)", "AWS tags for every node group.", "{}");

  m.node_pools.Comment(std::string("One ") + kResource + " per pool of the spec:\n" + kDocUrl);
  for (const auto& [name, pool] : spec.pools) AddPool(spec, pool, m.node_pools);

  AddPoolOutput(m.outputs, spec, "node_pool_ids", "ID (cluster:node group) of each node group, by pool name.", kResource,
                "id");
  AddPoolOutput(m.outputs, spec, "node_pool_names", "Name of each node group in EKS, by pool name.", kResource,
                "node_group_name");
  AddPoolOutput(m.outputs, spec, "node_pool_arns", "ARN of each node group, by pool name.", kResource, "arn");
}

}  // namespace mlspec::terraform
