// The mlflow chart's container args, as its template builds them from our
// values: exactly one --backend-store-uri, naming the user's Secret. helm is
// not installed here, so this mirrors the branches of
// community-charts/helm-charts charts/mlflow 1.11.5 templates/deployment.yaml
// (shared/charts-src/mlflow/1.11.5), run over every golden
// helm/mlflow.values.yaml (the golden test proves them equal to what
// `mlspec compile` emits).
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "test_util.h"

namespace mlspec {
namespace {

bool Truthy(const YAML::Node& n) {  // Go templates: false, "", 0, nil are false
  if (!n || n.IsNull()) return false;
  if (n.IsScalar()) {
    const std::string s = n.Scalar();
    return !(s.empty() || s == "false" || s == "0");
  }
  return n.size() > 0;
}

// v.a.b.c, or a null node where a key is missing (Go templates read nil).
YAML::Node At(YAML::Node v, std::initializer_list<const char*> path) {
  for (const char* k : path) {
    if (!v.IsMap() || !v[k]) return YAML::Node(YAML::NodeType::Null);
    v.reset(v[k]);  // rebinds; `v = v[k]` would overwrite the node's contents
  }
  return v;
}

std::string KebabCase(const std::string& key) {  // sprig kebabcase on camelCase keys
  std::string out;
  for (char c : key) {
    if (c >= 'A' && c <= 'Z') {
      out += '-';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

// deployment.yaml lines 355-369 (the backend store) and 387-398 (extraArgs
// as --<kebab key>=<value>), with the chart's defaults for absent keys
// (values.yaml: postgres/mysql/mssql disabled, defaultSqlitePath ":memory:";
// the postgresql/mysql subcharts are removed from this copy).
std::vector<std::string> BackendStoreArgs(const YAML::Node& v) {
  std::vector<std::string> args;
  if (Truthy(At(v, {"backendStore", "postgres", "enabled"}))) {
    args.push_back("--backend-store-uri=postgresql://");
  } else if (Truthy(At(v, {"backendStore", "mysql", "enabled"}))) {
    args.push_back("--backend-store-uri=mysql://...");
  } else if (Truthy(At(v, {"backendStore", "mssql", "enabled"}))) {
    if (Truthy(At(v, {"backendStore", "mssql", "existingConnectionUrlSecret", "name"}))) {
      args.push_back("--backend-store-uri=$(MSSQL_CONNECTION_URL)");
    } else if (Truthy(At(v, {"backendStore", "mssql", "connectionUrl"}))) {
      args.push_back("--backend-store-uri=" + At(v, {"backendStore", "mssql", "connectionUrl"}).Scalar());
    } else {
      args.push_back("--backend-store-uri=mssql://...");
    }
  } else {
    args.push_back("--backend-store-uri=sqlite:///:memory:");
  }
  if (const YAML::Node extra = v["extraArgs"]) {
    for (const auto& kv : extra) {
      args.push_back("--" + KebabCase(kv.first.Scalar()) + "=" + kv.second.Scalar());
    }
  }
  return args;
}

TEST(MLflowChart, RendersOneBackendStoreUriFromTheUsersSecret) {
  const std::filesystem::path golden = testing::SourceDir() / "tests/golden";
  int trees = 0;
  for (const auto& tree : std::filesystem::directory_iterator(golden)) {
    const std::filesystem::path values = tree.path() / "helm/mlflow.values.yaml";
    if (!std::filesystem::exists(values)) continue;
    ++trees;
    SCOPED_TRACE(values.string());
    YAML::Node v = YAML::LoadFile(values.string());
    std::vector<std::string> uris;
    for (const std::string& a : BackendStoreArgs(v)) {
      if (a.rfind("--backend-store-uri", 0) == 0) uris.push_back(a);
    }
    ASSERT_EQ(uris.size(), 1u) << ::testing::PrintToString(uris);
    EXPECT_EQ(uris[0], "--backend-store-uri=$(MSSQL_CONNECTION_URL)");
    // Lines 571-577: MSSQL_CONNECTION_URL is a secretKeyRef to these.
    EXPECT_TRUE(Truthy(At(v, {"backendStore", "mssql", "existingConnectionUrlSecret", "name"})));
    EXPECT_TRUE(Truthy(At(v, {"backendStore", "mssql", "existingConnectionUrlSecret", "key"})));
  }
  EXPECT_GE(trees, 2);  // aks-platform and eks-platform run MLflow
}

}  // namespace
}  // namespace mlspec
