// `mlspec catalog gpus|instances`: the built-in catalogs as an aligned table
// or JSON, filtered by provider, in a fixed order; usage errors with "did
// you mean".
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "model/catalog.h"
#include "providers/provider.h"
#include "test_util.h"

namespace mlspec {
namespace {
using testing::RunMlspec;

nlohmann::json Json(const std::vector<std::string>& args) {
  auto r = RunMlspec(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

std::vector<std::string> Field(const nlohmann::json& rows, const char* key) {
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row[key].get<std::string>());
  return out;
}

size_t IndexOf(const std::vector<std::string>& v, const std::string& s) {
  return static_cast<size_t>(std::find(v.begin(), v.end(), s) - v.begin());
}

TEST(CatalogCliTest, GpusListTheWholeCatalogSortedWithWhereEachIsOffered) {
  const Catalog& catalog = BuiltinCatalog();
  nlohmann::json all = Json({"catalog", "gpus", "--format", "json"});
  std::vector<std::string> keys = Field(all, "gpu_type");
  std::vector<std::string> expected;
  for (const auto& [key, _] : catalog.gpus) expected.push_back(key);
  EXPECT_EQ(keys, expected);
  for (const auto& row : all) {
    const GpuType& gpu = catalog.gpus.at(row["gpu_type"].get<std::string>());
    EXPECT_EQ(row["product_name"], gpu.product_name);
    EXPECT_EQ(row["memory"], gpu.memory.Canonical());
    EXPECT_EQ(row["mig_profiles"].get<std::vector<std::string>>(), gpu.mig_profiles);
  }
  // Where a GPU is offered: carried by an instance type (A10G: EKS g5),
  // attachable to GKE's N1 types (P4), or anywhere on provider = kubernetes.
  std::vector<std::string> aks = Field(Json({"catalog", "gpus", "--provider", "aks", "--format", "json"}), "gpu_type");
  std::vector<std::string> eks = Field(Json({"catalog", "gpus", "--provider", "eks", "--format", "json"}), "gpu_type");
  std::vector<std::string> gke = Field(Json({"catalog", "gpus", "--provider", "gke", "--format", "json"}), "gpu_type");
  std::vector<std::string> k8s =
      Field(Json({"catalog", "gpus", "--provider", "kubernetes", "--format", "json"}), "gpu_type");
  EXPECT_LT(IndexOf(aks, "a100-80gb-pcie"), aks.size());
  EXPECT_EQ(IndexOf(aks, "a10g"), aks.size());
  EXPECT_LT(IndexOf(eks, "a10g"), eks.size());
  EXPECT_EQ(IndexOf(eks, "p4"), eks.size());
  EXPECT_LT(IndexOf(gke, "p4"), gke.size());
  EXPECT_EQ(k8s, expected);
  for (const auto& row : all)
    if (row["gpu_type"] == "p4") EXPECT_EQ(row["providers"], nlohmann::json({"gke", "kubernetes"}));
}

TEST(CatalogCliTest, InstancesAreGroupedByProviderInNaturalOrder) {
  const Catalog& catalog = BuiltinCatalog();
  nlohmann::json all = Json({"catalog", "instances", "--format", "json"});
  EXPECT_EQ(all.size(), catalog.instances.size());
  std::vector<std::string> providers = Field(all, "provider");
  std::vector<std::string> order;  // aks rows, then eks, then gke
  for (const std::string& p : providers)
    if (order.empty() || order.back() != p) order.push_back(p);
  EXPECT_EQ(order, (std::vector<std::string>{"aks", "eks", "gke"}));
  std::vector<std::string> names = Field(all, "instance_type");
  EXPECT_LT(IndexOf(names, "g5.2xlarge"), IndexOf(names, "g5.12xlarge"));
  EXPECT_LT(IndexOf(names, "Standard_NC24ads_A100_v4"), IndexOf(names, "Standard_NC96ads_A100_v4"));
  EXPECT_LT(IndexOf(names, "n1-standard-8"), IndexOf(names, "n1-standard-16"));
  for (const auto& row : all) {
    const InstanceType& i = *catalog.FindInstance(row["instance_type"].get<std::string>());
    EXPECT_EQ(row["vcpus"], i.vcpus);
    EXPECT_EQ(row["gpus"], i.gpus);
    EXPECT_EQ(row["gpu_type"], i.gpu_type);
  }
  nlohmann::json eks = Json({"catalog", "instances", "--provider", "eks", "--format", "json"});
  size_t expected_eks = 0;
  for (const auto& [_, i] : catalog.instances) expected_eks += ProviderFor(ProviderKind::kEks).OffersInstance(i);
  EXPECT_EQ(eks.size(), expected_eks);
  for (const auto& row : eks) EXPECT_EQ(row["provider"], "eks");
  // provider = "kubernetes" takes any instance type (for its CPU and memory).
  EXPECT_EQ(Json({"catalog", "instances", "--provider", "kubernetes", "--format", "json"}), all);
}

// Text: one header and one row per entry; left-aligned columns start, and
// right-aligned (numeric) columns end, at the same place on every line.
TEST(CatalogCliTest, TextIsAnAlignedTable) {
  auto r = RunMlspec({"catalog", "instances", "--provider", "aks"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_GT(lines.size(), 2u);
  EXPECT_EQ(lines[0], "INSTANCE_TYPE" + std::string(lines[0].find("PROVIDER") - 13, ' ') +
                          lines[0].substr(lines[0].find("PROVIDER")));
  bool found = false;  // one row, field by field
  for (const std::string& line : lines) {
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string w; words >> w;) fields.push_back(w);
    if (fields.front() != "Standard_NC24ads_A100_v4") continue;
    found = true;
    EXPECT_EQ(fields,
              (std::vector<std::string>{"Standard_NC24ads_A100_v4", "aks", "24", "220Gi", "a100-80gb-pcie", "1"}));
  }
  EXPECT_TRUE(found) << r.out;
  const std::vector<bool> right = {false, false, true, true, false, true};
  std::vector<size_t> edge;
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    EXPECT_NE(line.back(), ' ');
    std::vector<size_t> starts, ends;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] != ' ' && (i == 0 || line[i - 1] == ' ')) starts.push_back(i);
      if (line[i] != ' ' && (i + 1 == line.size() || line[i + 1] == ' ')) ends.push_back(i);
    }
    ASSERT_EQ(starts.size(), right.size());
    std::vector<size_t> here;
    for (size_t c = 0; c < right.size(); ++c) here.push_back(right[c] ? ends[c] : starts[c]);
    if (edge.empty()) edge = here;
    EXPECT_EQ(here, edge);
  }
  EXPECT_EQ(lines.size(), 1 + Json({"catalog", "instances", "--provider", "aks", "--format", "json"}).size());
  EXPECT_EQ(RunMlspec({"catalog", "instances", "--provider", "aks"}).out, r.out);
}

TEST(CatalogCliTest, UsageErrorsSayWhatWouldBeRight) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const Case cases[] = {
      {{"catalog", "gpu"}, "mlspec catalog: error: unknown catalog `gpu`; did you mean `gpus`?\n"},
      {{"catalog", "vms"}, "mlspec catalog: error: unknown catalog `vms`; use gpus or instances\n"},
      {{"catalog", "gpus", "--provider", "ek"}, "mlspec catalog: error: unknown provider `ek`; did you mean `eks`?\n"},
      {{"catalog", "gpus", "--provider", "azure"},
       "mlspec catalog: error: unknown provider `azure`; use aks, eks, gke or kubernetes\n"},
      {{"catalog", "instances", "--format", "jsn"},
       "mlspec catalog: error: unknown --format `jsn`; did you mean `json`?\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args[1]);
    auto r = RunMlspec(c.args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, c.err);
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(RunMlspec({"catalog"}).exit_code, 2);
}

}  // namespace
}  // namespace mlspec
