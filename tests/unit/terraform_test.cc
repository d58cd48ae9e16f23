// The Terraform emitter: the HCL writer's exact output (alignment, blank
// lines, escaping), what each provider's module declares for the example
// pools, the labels/taints contract with the resolved model, and
// determinism.
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/diagnostics.h"
#include "base/file_set.h"
#include "emit/emit.h"
#include "emit/terraform/hcl_writer.h"
#include "pipeline/pipeline.h"
#include "providers/provider.h"
#include "test_util.h"

namespace mlspec {
namespace {

namespace fs = std::filesystem;
using testing::ReadFileOrDie;
using testing::SourceDir;

// ---------------------------------------------------------------------------
// The HCL writer

TEST(HclWriterTest, EscapesStrings) {
  struct Case {
    const char* in;
    const char* want;
  };
  static const Case kCases[] = {
      {"plain", "plain"},
      {"say \"hi\"", "say \\\"hi\\\""},
      {"C:\\path", "C:\\\\path"},
      {"${var.x}", "$${var.x}"},
      {"%{ if x }", "%%{ if x }"},
      {"$5 and 100%", "$5 and 100%"},  // no brace: stays as is
      {"$${x}", "$$${x}"},             // a literal "$${" stays literal
      {"a\nb\tc\r", "a\\nb\\tc\\r"},
      {"\x01", "\\u0001"},
      {"ünïcödé", "ünïcödé"},
  };
  for (const Case& c : kCases) EXPECT_EQ(hcl::EscapeString(c.in), c.want) << c.in;
  EXPECT_EQ(hcl::Quote("a\"b"), "\"a\\\"b\"");
}

TEST(HclWriterTest, IdentifiersAndNumbers) {
  EXPECT_TRUE(hcl::IsIdentifier("h100-spot"));
  EXPECT_TRUE(hcl::IsIdentifier("_x1"));
  EXPECT_FALSE(hcl::IsIdentifier("1gpu"));
  EXPECT_FALSE(hcl::IsIdentifier("a.b"));
  EXPECT_FALSE(hcl::IsIdentifier(""));
  std::string out;
  hcl::Number(-1).Render(0, out);
  hcl::Number(0.5).Render(0, out);
  hcl::Number(1.23456).Render(0, out);
  EXPECT_EQ(out, "-10.51.23456");
}

TEST(HclWriterTest, AlignsConsecutiveSingleLineAttributes) {
  hcl::Body root;
  hcl::Body& r = root.AddBlock("resource", {"t", "n"});
  r.Set("a", hcl::Int(1));
  r.Set("longer_name", hcl::Str("x"));
  r.Set("labels", hcl::Map({{"k/x", hcl::Str("v")}, {"longer-key", hcl::Str("w")}}));
  r.Set("b", hcl::Bool(true));
  r.Set("list", hcl::StrList({"p", "q"}));
  r.Set("empty", hcl::Map({}));
  EXPECT_EQ(root.Render(),
            "resource \"t\" \"n\" {\n"
            "  a           = 1\n"
            "  longer_name = \"x\"\n"
            "  labels = {\n"
            "    \"k/x\"        = \"v\"\n"
            "    \"longer-key\" = \"w\"\n"
            "  }\n"
            "  b     = true\n"
            "  list  = [\"p\", \"q\"]\n"
            "  empty = {}\n"
            "}\n");
}

TEST(HclWriterTest, SeparatesBlocksAndKeepsCommentsAttached) {
  hcl::Body root;
  root.Comment("first\nsecond");
  hcl::Body& tf = root.AddBlock("terraform");
  tf.Set("required_version", hcl::Str(">= 1.5.0"));
  tf.AddBlock("required_providers")
      .Set("aws", hcl::Object({{"source", hcl::Str("hashicorp/aws")}, {"version", hcl::Str("~> 6.0")}}));
  tf.Set("after", hcl::Int(2));
  tf.AddBlock("empty");
  root.AddBlock("variable", {"x"}).Set("type", hcl::Ref("string")).Blank().Set("default", hcl::Ref("null"));
  EXPECT_EQ(root.Render(),
            "# first\n"
            "# second\n"
            "terraform {\n"
            "  required_version = \">= 1.5.0\"\n"
            "\n"
            "  required_providers {\n"
            "    aws = {\n"
            "      source  = \"hashicorp/aws\"\n"
            "      version = \"~> 6.0\"\n"
            "    }\n"
            "  }\n"
            "\n"
            "  after = 2\n"
            "\n"
            "  empty {}\n"
            "}\n"
            "\n"
            "variable \"x\" {\n"
            "  type = string\n"
            "\n"
            "  default = null\n"
            "}\n");
}

TEST(HclWriterTest, ObjectKeysQuotedOnlyWhenNeeded) {
  std::string out;
  hcl::Object({{"ok", hcl::Int(1)}, {"not ok", hcl::Int(2)}}).Render(0, out);
  EXPECT_EQ(out, "{\n  ok       = 1\n  \"not ok\" = 2\n}");
}

// ---------------------------------------------------------------------------
// The emitted modules

const char* const kExamples[] = {"examples/aks-platform.toml", "examples/eks-platform.toml",
                                 "examples/gke-platform.toml"};

Model LoadExample(const std::string& rel) {
  Diagnostics diags;
  auto spec = ResolveSpecText(rel, ReadFileOrDie(SourceDir() / rel), diags);
  EXPECT_TRUE(spec.has_value()) << diags.ToString();
  return spec ? *spec : Model{};
}

FileSet EmitOk(const Model& spec) {
  FileSet files;
  Diagnostics diags;
  EmitTerraform(spec, files);
  EXPECT_FALSE(diags.has_errors()) << diags.ToString();
  return files;
}

// The text of `resource "TYPE" "NAME" { ... }` in `tf`, or "" if absent.
using testing::ResourceBlock;

TEST(TerraformEmitTest, WritesTheFourFilesPerCloudProvider) {
  for (const char* rel : kExamples) {
    SCOPED_TRACE(rel);
    FileSet files = EmitOk(LoadExample(rel));
    std::vector<std::string> names;
    for (const auto& [path, content] : files) names.push_back(path);
    EXPECT_EQ(names, (std::vector<std::string>{"terraform/node_pools.tf", "terraform/outputs.tf",
                                               "terraform/variables.tf", "terraform/versions.tf"}));
    for (const auto& [path, content] : files) {
      SCOPED_TRACE(path);
      EXPECT_TRUE(content.starts_with("# Generated by mlspec ")) << content.substr(0, 80);
      ASSERT_FALSE(content.empty());
      EXPECT_EQ(content.back(), '\n');
      EXPECT_FALSE(content.ends_with("\n\n"));
      EXPECT_EQ(content.find('\r'), std::string::npos);
      EXPECT_EQ(content.find('\t'), std::string::npos);
      EXPECT_EQ(content.find(" \n"), std::string::npos) << "trailing space";
    }
  }
}

TEST(TerraformEmitTest, KubernetesProviderWritesNothing) {
  Diagnostics diags;
  auto spec = ResolveSpecText("k.toml",
                              "[cluster]\nname = \"onprem\"\nprovider = \"kubernetes\"\n"
                              "[pools.gpu]\ncpu = \"8\"\nmemory = \"32Gi\"\ngpu_type = \"l4\"\n"
                              "gpus_per_node = 1\nmin_nodes = 1\nmax_nodes = 1\n",
                              diags);
  ASSERT_TRUE(spec.has_value()) << diags.ToString();
  FileSet files;
  EmitTerraform(*spec, files);
  EXPECT_TRUE(files.empty());
  EXPECT_TRUE(diags.empty()) << diags.ToString();
}

TEST(TerraformEmitTest, PinsProvidersAndTerraform) {
  struct Case {
    const char* example;
    const char* want;
  };
  static const Case kCases[] = {
      {"examples/aks-platform.toml",
       "    azurerm = {\n      source  = \"hashicorp/azurerm\"\n      version = \"~> 4.40\"\n"},
      {"examples/eks-platform.toml", "    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 6.0\"\n"},
      {"examples/gke-platform.toml",
       "    google = {\n      source  = \"hashicorp/google\"\n      version = \"~> 6.0\"\n"},
  };
  for (const Case& c : kCases) {
    std::string versions = EmitOk(LoadExample(c.example))["terraform/versions.tf"];
    EXPECT_NE(versions.find(c.want), std::string::npos) << versions;
    EXPECT_NE(versions.find("required_version = \">= 1.5.0\""), std::string::npos) << versions;
  }
}

TEST(TerraformEmitTest, VariablesAreOnlyWhatTheSpecCannotKnow) {
  struct Case {
    const char* example;
    std::vector<std::string> variables;
  };
  const Case kCases[] = {
      {"examples/aks-platform.toml", {"cluster_id", "tags"}},
      // Pools scale from zero: the autoscaler's IAM role (bound by Pod Identity).
      {"examples/eks-platform.toml",
       {"cluster_name", "node_role_arn", "subnet_ids", "tags", "cluster_autoscaler_role_arn"}},
      {"examples/gke-platform.toml", {"project", "location", "cluster", "service_account", "resource_labels"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.example);
    std::string vars = EmitOk(LoadExample(c.example))["terraform/variables.tf"];
    std::vector<std::string> got;
    for (size_t at = vars.find("variable \""); at != std::string::npos; at = vars.find("variable \"", at + 1)) {
      size_t begin = at + 10;
      got.push_back(vars.substr(begin, vars.find('"', begin) - begin));
    }
    EXPECT_EQ(got, c.variables);
    // Each has a description and a type.
    size_t blocks = got.size();
    size_t descriptions = 0, types = 0;
    for (size_t at = vars.find("  description = \""); at != std::string::npos;
         at = vars.find("  description = \"", at + 1))
      ++descriptions;
    for (size_t at = vars.find("  type        = "); at != std::string::npos; at = vars.find("  type        = ", at + 1))
      ++types;
    EXPECT_EQ(descriptions, blocks);
    EXPECT_EQ(types, blocks);
  }
}

// One expectation: this pool's resource contains this text.
struct PoolFact {
  const char* example;
  const char* resource_type;
  const char* pool;
  const char* text;
  bool present = true;
};

TEST(TerraformEmitTest, PoolResourcesDeclareWhatTheSpecSays) {
  static const PoolFact kFacts[] = {
      // AKS: the spot A100 pool.
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "ai",
       "  priority                    = \"Spot\"\n"},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "ai",
       "  eviction_policy             = \"Delete\"\n"},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "ai",
       "  spot_max_price              = -1\n"},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "ai",
       "  min_count                   = 0\n"},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "ai",
       "  auto_scaling_enabled        = true\n"},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "ai",
       "  node_taints = [\"nvidia.com/gpu=true:NoSchedule\", "
       "\"kubernetes.azure.com/scalesetpriority=spot:NoSchedule\"]\n"},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "ai",
       "    \"kubernetes.azure.com/scalesetpriority\" = \"spot\"\n"},
      // The example's GPU operator installs the driver, so AKS must not.
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "ai",
       "  gpu_driver                  = \"None\"\n"},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "ai", "agentpool", false},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "ai", "kubernetes.azure.com/accelerator",
       false},
      // AKS: the time-sliced T4 pool selects its device-plugin config.
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "infer",
       "    \"nvidia.com/device-plugin.config\" = \"time-slicing-4\"\n"},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "infer", "priority", false},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "system",
       "  mode                        = \"System\"\n"},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "system", "gpu_driver", false},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "system", "node_taints", false},
      {"examples/aks-platform.toml", "azurerm_kubernetes_cluster_node_pool", "user",
       "  mode                        = \"User\"\n"},
      // EKS.
      {"examples/eks-platform.toml", "aws_eks_node_group", "a10g", "  ami_type        = \"AL2023_x86_64_NVIDIA\"\n"},
      {"examples/eks-platform.toml", "aws_eks_node_group", "a10g", "  capacity_type   = \"ON_DEMAND\"\n"},
      {"examples/eks-platform.toml", "aws_eks_node_group", "a10g",
       "  taint {\n    key    = \"nvidia.com/gpu\"\n    value  = \"true\"\n    effect = \"NO_SCHEDULE\"\n  }\n"},
      {"examples/eks-platform.toml", "aws_eks_node_group", "cpu", "  ami_type        = \"AL2023_x86_64_STANDARD\"\n"},
      {"examples/eks-platform.toml", "aws_eks_node_group", "cpu", "taint", false},
      {"examples/eks-platform.toml", "aws_eks_node_group", "h100-spot", "  capacity_type   = \"SPOT\"\n"},
      {"examples/eks-platform.toml", "aws_eks_node_group", "h100-spot", "  instance_types  = [\"p5.48xlarge\"]\n"},
      {"examples/eks-platform.toml", "aws_eks_node_group", "h100-spot",
       "  scaling_config {\n    desired_size = 0\n    min_size     = 0\n    max_size     = 2\n  }\n"},
      {"examples/eks-platform.toml", "aws_eks_node_group", "h100-spot",
       "  lifecycle {\n    ignore_changes = [scaling_config[0].desired_size]\n  }\n"},
      {"examples/eks-platform.toml", "aws_eks_node_group", "h100-spot",
       "  taint {\n    key    = \"training\"\n    value  = \"true\"\n    effect = \"NO_SCHEDULE\"\n  }\n"},
      {"examples/eks-platform.toml", "aws_eks_node_group", "h100-spot", "eks.amazonaws.com", false},
      // GKE.
      {"examples/gke-platform.toml", "google_container_node_pool", "l4-shared",
       "      gpu_sharing_config {\n        gpu_sharing_strategy       = \"TIME_SHARING\"\n"
       "        max_shared_clients_per_gpu = 4\n      }\n"},
      {"examples/gke-platform.toml", "google_container_node_pool", "l4-shared",
       "      type  = \"nvidia-l4\"\n      count = 1\n"},
      // driver = false in the example: GKE installs the driver.
      {"examples/gke-platform.toml", "google_container_node_pool", "l4",
       "      gpu_driver_installation_config {\n        gpu_driver_version = \"LATEST\"\n      }\n"},
      {"examples/gke-platform.toml", "google_container_node_pool", "l4",
       "    taint {\n      key    = \"workload\"\n      value  = \"inference\"\n      effect = \"NO_SCHEDULE\"\n    "
       "}\n"},
      {"examples/gke-platform.toml", "google_container_node_pool", "l4", "gpu_sharing_config", false},
      // GKE taints GPU nodes itself; the module must not declare it.
      {"examples/gke-platform.toml", "google_container_node_pool", "l4", "present", false},
      {"examples/gke-platform.toml", "google_container_node_pool", "a100-spot", "    spot            = true\n"},
      {"examples/gke-platform.toml", "google_container_node_pool", "a100-spot", "      type  = \"nvidia-a100-80gb\"\n"},
      {"examples/gke-platform.toml", "google_container_node_pool", "a100-spot",
       "  autoscaling {\n    total_min_node_count = 0\n    total_max_node_count = 4\n  }\n"},
      {"examples/gke-platform.toml", "google_container_node_pool", "a100-spot", "cloud.google.com", false},
      {"examples/gke-platform.toml", "google_container_node_pool", "cpu", "guest_accelerator", false},
      {"examples/gke-platform.toml", "google_container_node_pool", "cpu", "spot", false},
  };
  for (const PoolFact& f : kFacts) {
    SCOPED_TRACE(std::string(f.example) + " " + f.pool + ": " + f.text);
    std::string tf = EmitOk(LoadExample(f.example))["terraform/node_pools.tf"];
    std::string block = ResourceBlock(tf, f.resource_type, f.pool);
    ASSERT_FALSE(block.empty()) << tf;
    EXPECT_EQ(block.find(f.text) != std::string::npos, f.present) << block;
  }
}

TEST(TerraformEmitTest, OutputsNameEveryPool) {
  for (const char* rel : kExamples) {
    SCOPED_TRACE(rel);
    Model spec = LoadExample(rel);
    std::string outputs = EmitOk(spec)["terraform/outputs.tf"];
    EXPECT_NE(outputs.find("output \"node_pool_ids\" {"), std::string::npos);
    EXPECT_NE(outputs.find("output \"node_pool_names\" {"), std::string::npos);
    for (const auto& [name, pool] : spec.pools) EXPECT_NE(outputs.find("\"" + name + "\""), std::string::npos) << name;
  }
}

TEST(TerraformEmitTest, IsDeterministic) {
  for (const char* rel : kExamples) {
    Model spec = LoadExample(rel);
    EXPECT_EQ(EmitOk(spec), EmitOk(LoadExample(rel))) << rel;
  }
}

// ---------------------------------------------------------------------------
// The labels/taints contract: what Terraform declares plus what the cloud
// adds is exactly the model the workload emitters select and tolerate.

std::set<std::string> TaintSet(const std::vector<Taint>& taints) {
  std::set<std::string> s;
  for (const Taint& t : taints) s.insert(t.ToString());
  return s;
}

TEST(TerraformLabelsTest, TerraformPlusCloudEqualsEffectiveForEveryExamplePool) {
  for (const char* rel : kExamples) {
    Model spec = LoadExample(rel);
    ASSERT_FALSE(spec.pools.empty()) << rel;
    const Provider& provider = ProviderFor(spec.cluster.provider);
    for (const auto& [name, pool] : spec.pools) {
      SCOPED_TRACE(std::string(rel) + " pool " + name);
      const std::map<std::string, std::string>& tf = pool.node_pool_labels;
      std::map<std::string, std::string, std::less<>> both(tf.begin(), tf.end());
      for (const auto& [k, v] : provider.CloudLabels(pool)) {
        auto [it, inserted] = both.emplace(k, v);
        EXPECT_EQ(it->second, v) << "Terraform and the cloud disagree on " << k;
      }
      for (const auto& [k, v] : WellKnownNodeLabels(pool)) both.emplace(k, v);  // what every kubelet sets
      EXPECT_EQ(both, pool.effective_labels);
      for (const auto& [k, v] : tf) EXPECT_FALSE(provider.IsReservedLabel(k)) << k;

      std::set<std::string> taints = TaintSet(testing::NodeTaints(spec, pool));
      EXPECT_EQ(taints, TaintSet(pool.effective_taints));
    }
  }
}

// ... and it is what node_pools.tf really says, for every pool.
TEST(TerraformLabelsTest, NodePoolsFileDeclaresExactlyTheTerraformLabels) {
  const std::map<ProviderKind, const char*> kType = {{ProviderKind::kAks, "azurerm_kubernetes_cluster_node_pool"},
                                                     {ProviderKind::kEks, "aws_eks_node_group"},
                                                     {ProviderKind::kGke, "google_container_node_pool"}};
  for (const char* rel : kExamples) {
    Model spec = LoadExample(rel);
    std::string tf = EmitOk(spec)["terraform/node_pools.tf"];
    const char* type = kType.at(spec.cluster.provider);
    for (const auto& [name, pool] : spec.pools) {
      SCOPED_TRACE(std::string(rel) + " pool " + name);
      std::string block = ResourceBlock(tf, type, name);
      ASSERT_FALSE(block.empty());
      EXPECT_EQ(testing::DeclaredLabels(block), pool.node_pool_labels);
      for (const Taint& t : pool.node_pool_taints) EXPECT_NE(block.find(t.key), std::string::npos) << t.ToString();
    }
  }
}

// ---------------------------------------------------------------------------
// What a provider cannot express is a validate error at the spec line; the
// emitter never reports one (a valid model always builds).

Diagnostics EmitInline(const std::string& toml, FileSet* files = nullptr) {
  Diagnostics diags;
  auto spec = ResolveSpecText("inline.toml", toml, diags);
  FileSet local;
  if (spec) {
    EmitTerraform(*spec, files ? *files : local);
    EXPECT_TRUE(diags.empty()) << "the emitter reported " << diags.ToString();
  }
  return diags;
}

TEST(TerraformErrorsTest, GkeGpuWithoutAcceleratorName) {
  Diagnostics d = EmitInline(
      "[cluster]\nname = \"c\"\nprovider = \"gke\"\nregion = \"europe-west4\"\n"
      "[pools.big]\ninstance_type = \"custom-gpu\"\ncpu = \"8\"\nmemory = \"32Gi\"\n"
      "gpu_type = \"a100-80gb-pcie\"\ngpus_per_node = 1\nmin_nodes = 0\nmax_nodes = 1\n");
  EXPECT_EQ(d.ToString(),
            "inline.toml:5:1: error: [pools.big] GPU type \"a100-80gb-pcie\" has no GKE accelerator type, so GKE "
            "cannot attach it; use a GPU GKE offers or set `gke_accelerator` in [gpu_types.a100-80gb-pcie]\n");
}

TEST(TerraformErrorsTest, ReservedLabelPrefix) {
  Diagnostics d = EmitInline(
      "[cluster]\nname = \"c\"\nprovider = \"eks\"\nregion = \"us-east-1\"\n"
      "[pools.cpu]\ninstance_type = \"m6i.2xlarge\"\nmin_nodes = 1\nmax_nodes = 2\n"
      "labels = { \"eks.amazonaws.com/mine\" = \"x\" }\n");
  EXPECT_EQ(
      d.ToString(),
      "inline.toml:9:12: error: [pools.cpu] label \"eks.amazonaws.com/mine\": the EKS API rejects labels with the "
      "kubernetes.io/, k8s.io/ and eks.amazonaws.com/ prefixes; use your own prefix\n");
}

const char kAksMig[] =
    "[cluster]\nname = \"c\"\nprovider = \"aks\"\nregion = \"westeurope\"\n"
    "[pools.mig]\ninstance_type = \"Standard_NC24ads_A100_v4\"\nmin_nodes = 0\nmax_nodes = 2\n"
    "spot = true\nspot_max_price = 1.25\n"
    "gpu_sharing = { strategy = \"mig\", profile = \"PROFILE\" }\n"
    "[gpu_operator]\ndriver = false\n";

std::string WithProfile(std::string profile) {
  std::string s = kAksMig;
  s.replace(s.find("PROFILE"), 7, profile);
  return s;
}

TEST(TerraformErrorsTest, AksMigProfilesMapToGpuInstance) {
  FileSet files;
  Diagnostics d = EmitInline(WithProfile("1g.10gb"), &files);
  EXPECT_TRUE(d.empty()) << d.ToString();
  const std::string& tf = files["terraform/node_pools.tf"];
  EXPECT_NE(tf.find("  gpu_instance                = \"MIG1g\"\n"), std::string::npos) << tf;
  EXPECT_NE(tf.find("  spot_max_price              = 1.25\n"), std::string::npos) << tf;
  EXPECT_NE(tf.find("  gpu_driver                  = \"Install\"\n"), std::string::npos) << tf;  // operator: no driver
  // AKS partitions the GPUs itself (gpu_instance): no nvidia.com/mig.config
  // label for the GPU operator's MIG manager, which is off on AKS; the device
  // plugin still selects its MIG config by label.
  EXPECT_EQ(tf.find("nvidia.com/mig.config"), std::string::npos) << tf;
  EXPECT_NE(tf.find("\"nvidia.com/device-plugin.config\"       = \"all-1g.10gb\""), std::string::npos) << tf;

  files.clear();
  EXPECT_TRUE(EmitInline(WithProfile("3g.40gb"), &files).empty());
  EXPECT_NE(files["terraform/node_pools.tf"].find("= \"MIG3g\"\n"), std::string::npos);

  // 1g.20gb is a real A100 80GB profile, but AKS's MIG1g means 1g.10gb.
  Diagnostics bad = EmitInline(WithProfile("1g.20gb"));
  ASSERT_EQ(bad.error_count(), 1u) << bad.ToString();
  EXPECT_EQ(bad.all()[0].loc.line, 11u);
  EXPECT_NE(bad.all()[0].message.find("AKS cannot create MIG profile \"1g.20gb\""), std::string::npos);
}

TEST(TerraformEmitTest, EksGravitonUsesArmAmi) {
  FileSet files;
  Diagnostics d = EmitInline(
      "[cluster]\nname = \"c\"\nprovider = \"eks\"\nregion = \"us-east-1\"\n"
      "[pools.arm]\ninstance_type = \"m7g.xlarge\"\ncpu = \"4\"\nmemory = \"14Gi\"\nmin_nodes = 1\nmax_nodes = 2\n"
      "taints = [\"dedicated:NoExecute\"]\n",
      &files);
  EXPECT_TRUE(d.empty()) << d.ToString();
  const std::string& tf = files["terraform/node_pools.tf"];
  EXPECT_NE(tf.find("ami_type        = \"AL2023_ARM_64_STANDARD\""), std::string::npos) << tf;
  // A taint without a value leaves `value` out.
  EXPECT_NE(tf.find("  taint {\n    key    = \"dedicated\"\n    effect = \"NO_EXECUTE\"\n  }\n"), std::string::npos)
      << tf;
}

}  // namespace
}  // namespace mlspec

namespace mlspec {
namespace {

// ---- Cloud facts (providers/) ---------------------------------------------

// GKE attaches T4s to N1 machine types: valid, and the node pool asks for
// them in guest_accelerator (https://cloud.google.com/compute/docs/gpus).
TEST(ProviderFactsTest, GkeN1WithT4IsAGpuPoolWithGuestAccelerator) {
  FileSet files;
  Diagnostics d = EmitInline(
      "[cluster]\nname = \"c\"\nprovider = \"gke\"\nregion = \"europe-west4\"\n"
      "[pools.t4]\ninstance_type = \"n1-standard-8\"\ngpu_type = \"t4\"\ngpus_per_node = 2\nmin_nodes = 0\nmax_nodes = "
      "1\n",
      &files);
  ASSERT_TRUE(d.empty()) << d.ToString();
  const std::string block = ResourceBlock(files["terraform/node_pools.tf"], "google_container_node_pool", "t4");
  EXPECT_NE(block.find("    guest_accelerator {\n      type  = \"nvidia-tesla-t4\"\n      count = 2\n"),
            std::string::npos)
      << block;
}

// GKE taints GPU nodes only when the cluster also has a pool without GPUs.
TEST(ProviderFactsTest, GkeGpuTaintOnlyBesideACpuPool) {
  const std::string gpu_pool = "[pools.l4]\ninstance_type = \"g2-standard-8\"\nmin_nodes = 0\nmax_nodes = 1\n";
  const std::string head = "[cluster]\nname = \"c\"\nprovider = \"gke\"\nregion = \"europe-west4\"\n";
  const Taint gke_taint{"nvidia.com/gpu", "present", "NoSchedule", {}};
  for (bool with_cpu : {false, true}) {
    SCOPED_TRACE(with_cpu);
    Diagnostics diags;
    auto model = ResolveSpecText(
        "t.toml",
        head + gpu_pool +
            (with_cpu ? "[pools.cpu]\ninstance_type = \"e2-standard-4\"\nmin_nodes = 1\nmax_nodes = 1\n" : ""),
        diags);
    ASSERT_TRUE(model) << diags.ToString();
    const auto& taints = model->pools.at("l4").effective_taints;
    EXPECT_EQ(std::find(taints.begin(), taints.end(), gke_taint) != taints.end(), with_cpu);
  }
}

// The EKS GPU AMI ships the driver and toolkit: the operator's default off.
TEST(ProviderFactsTest, EksOperatorDriverAndToolkitDefaultOff) {
  Diagnostics diags;
  auto model = ResolveSpecText("t.toml",
                               "[cluster]\nname = \"c\"\nprovider = \"eks\"\nregion = \"us-east-1\"\n"
                               "[pools.gpu]\ninstance_type = \"g5.2xlarge\"\nmin_nodes = 0\nmax_nodes = 1\n"
                               "[gpu_operator]\n",
                               diags);
  ASSERT_TRUE(model) << diags.ToString();
  EXPECT_FALSE(model->gpu_operator->driver);
  EXPECT_FALSE(model->gpu_operator->toolkit);
}

}  // namespace
}  // namespace mlspec
