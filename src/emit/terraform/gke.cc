// GKE: one google_container_node_pool per pool, in an existing Standard
// cluster (var.project / var.location / var.cluster).
//
// Resource reference (google 6.x; checked against
// website/docs/r/container_node_pool.html.markdown and, for node_config,
// website/docs/r/container_cluster.html.markdown):
// https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool
// https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#nested_node_config
//   autoscaling { total_min_node_count total_max_node_count }: totals for the
//                  pool (GKE 1.24.1+), so regional clusters keep the spec's
//                  numbers; min_node_count / max_node_count would be per zone
//   initial_node_count  per zone, ForceNew: ignored after creation
//   node_config.machine_type, .spot, .labels (kubernetes.io/ and k8s.io/
//                  rejected), .taint { key value effect = NO_SCHEDULE | ... }
//   node_config.guest_accelerator { type count
//     gpu_driver_installation_config { gpu_driver_version =
//       "LATEST" | "DEFAULT" | "INSTALLATION_DISABLED" | ... }
//     gpu_sharing_config { gpu_sharing_strategy = "TIME_SHARING" | "MPS"
//                          max_shared_clients_per_gpu }
//     gpu_partition_size = "1g.5gb" ... (MIG) }   block syntax only since 6.0
#include <string>

#include "emit/terraform/module.h"
#include "emit/terraform/pool_labels.h"

namespace mlspec::terraform {
namespace {

constexpr char kResource[] = "google_container_node_pool";
constexpr char kDocUrl[] =
    "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool";
// The issue pins the 6.x line; 7.x (August 2025) changed nothing this module
// uses (website/docs/guides/version_7_upgrade.html.markdown).
constexpr char kProviderVersion[] = "~> 6.0";

void AddGuestAccelerator(const Spec& spec, const Pool& pool, hcl::Body& node_config) {
  hcl::Body& acc = node_config.AddBlock("guest_accelerator");
  acc.Set("type", hcl::Str(pool.gpu->gke_accelerator));
  acc.Set("count", hcl::Int(pool.gpus_per_node));
  if (pool.gpu_sharing && pool.gpu_sharing->strategy == GpuSharing::Strategy::kMig)
    acc.Set("gpu_partition_size", hcl::Str(pool.gpu_sharing->mig_profile));
  // GKE installs the driver unless the GPU operator does:
  // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus#create-gpu-pool-auto-drivers
  acc.AddBlock("gpu_driver_installation_config")
      .Set("gpu_driver_version", hcl::Str(OperatorInstallsDriver(spec) ? "INSTALLATION_DISABLED" : "LATEST"));
  if (pool.gpu_sharing && pool.gpu_sharing->strategy == GpuSharing::Strategy::kTimeSlicing) {
    // https://cloud.google.com/kubernetes-engine/docs/how-to/timesharing-gpus
    hcl::Body& share = acc.AddBlock("gpu_sharing_config");
    share.Set("gpu_sharing_strategy", hcl::Str("TIME_SHARING"));
    share.Set("max_shared_clients_per_gpu", hcl::Int(pool.gpu_sharing->replicas));
  }
}

void AddPool(const Spec& spec, const Pool& pool, hcl::Body& file, Diagnostics& diags) {
  hcl::Body& r = file.AddBlock("resource", {kResource, ResourceName(pool)});
  r.Set("name", hcl::Str(pool.name));
  r.Set("project", hcl::Ref("var.project"));
  r.Set("location", hcl::Ref("var.location"));
  r.Set("cluster", hcl::Ref("var.cluster"));
  // Per zone: a regional cluster starts with min_nodes in each zone and the
  // autoscaler then settles within the totals below.
  r.Set("initial_node_count", hcl::Int(pool.min_nodes));

  hcl::Body& scaling = r.AddBlock("autoscaling");
  scaling.Set("total_min_node_count", hcl::Int(pool.min_nodes));
  scaling.Set("total_max_node_count", hcl::Int(pool.max_nodes));

  hcl::Body& nc = r.AddBlock("node_config");
  nc.Set("machine_type", hcl::Str(pool.instance_type));
  // https://cloud.google.com/kubernetes-engine/docs/how-to/spot-vms
  if (pool.spot) nc.Set("spot", hcl::Bool(true));
  nc.Set("service_account", hcl::Ref("var.service_account"));
  nc.Set("oauth_scopes", hcl::StrList({"https://www.googleapis.com/auth/cloud-platform"}));
  nc.Set("labels", LabelMap(TerraformLabels(spec, pool)));
  nc.Set("resource_labels", hcl::Ref("var.resource_labels"));
  if (pool.has_gpu()) {
    if (pool.gpu && !pool.gpu->gke_accelerator.empty())
      AddGuestAccelerator(spec, pool, nc);
    else
      diags.Error(pool.locs.table, "[pools." + pool.name + "] GPU type \"" + pool.gpu_type +
                                       "\" has no GKE accelerator type, so GKE cannot attach it; use a GPU GKE offers "
                                       "or set `gke_accelerator` in [gpu_types." + pool.gpu_type + "]");
  }
  for (const Taint& t : TerraformTaints(spec, pool)) {
    hcl::Body& b = nc.AddBlock("taint");
    b.Set("key", hcl::Str(t.key));
    b.Set("value", hcl::Str(t.value));  // required by the provider; "" for KEY:EFFECT
    b.Set("effect", hcl::Str(UpperSnakeEffect(t.effect)));
  }

  r.AddBlock("lifecycle").Set("ignore_changes", hcl::Value::List({hcl::Ref("initial_node_count")}));
}

}  // namespace

void BuildGke(const Spec& spec, Module& m, Diagnostics& diags) {
  AddVersions(m.versions, "google", "hashicorp/google", kProviderVersion);

  AddVariable(m.variables, "project", "string", "ID of the Google Cloud project that holds the cluster.");
  AddVariable(m.variables, "location", "string", "Region or zone of the existing GKE cluster.");
  AddVariable(m.variables, "cluster", "string", "Name of the existing GKE Standard cluster the node pools join.");
  AddVariable(m.variables, "service_account", "string",
              "Email of the service account the nodes run as; null uses the Compute Engine default.", "null");
  AddVariable(m.variables, "resource_labels", "map(string)",
              "Google Cloud labels for every node's VM (not Kubernetes labels).", "{}");

  m.node_pools.Comment(std::string("One ") + kResource + " per pool of the spec:\n" + kDocUrl);
  for (const auto& [name, pool] : spec.pools) AddPool(spec, pool, m.node_pools, diags);

  AddPoolOutput(m.outputs, spec, "node_pool_ids", "ID of each node pool, by pool name.", kResource, "id");
  AddPoolOutput(m.outputs, spec, "node_pool_names", "Name of each node pool in GKE, by pool name.", kResource, "name");
}

}  // namespace mlspec::terraform
