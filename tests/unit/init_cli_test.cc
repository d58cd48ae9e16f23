// `mlspec init --provider P` for every provider: the starter validates,
// compiles (with the self-lint) and lints clean, gives a GPU platform that
// works on that cloud (the GPU operator where nothing else installs a device
// plugin, a System pool on AKS), uses its profiles, and explains itself.
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;
using testing::ReadFileOrDie;
using testing::RunMlspec;

struct Case {
  const char* provider;
  bool gpu_operator;        // the cloud needs it for a device plugin
  bool terraform;           // mlspec creates the node pools
  const char* system_mode;  // the CPU pool's Terraform `mode`; empty: none
};
constexpr Case kCases[] = {
    {"aks", true, true, "System"},
    {"eks", true, true, ""},
    {"gke", false, true, ""},
    {"kubernetes", true, false, ""},
};

TEST(InitCliTest, EveryProviderStarterValidatesCompilesAndLintsClean) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.provider);
    fs::path dir = testing::TempDir(std::string("init-") + c.provider);
    auto init = RunMlspec({"init", "--provider", c.provider}, dir);
    ASSERT_EQ(init.exit_code, 0) << init.err;
    EXPECT_EQ(init.err, "");
    testing::WriteFileOrDie(dir / "platform.toml", init.out);

    auto validate = RunMlspec({"validate", "platform.toml"}, dir);
    EXPECT_EQ(validate.exit_code, 0) << validate.err;
    EXPECT_EQ(validate.out, "platform.toml: ok (2 pools, 2 profiles)\n");
    EXPECT_EQ(validate.err, "");

    auto compile = RunMlspec({"compile", "platform.toml", "-o", "output"}, dir);  // self-lint on
    ASSERT_EQ(compile.exit_code, 0) << compile.err;
    EXPECT_EQ(compile.err.find("warning"), std::string::npos) << compile.err;
    auto lint = RunMlspec({"lint", "--spec", "platform.toml", "--fail-on", "warning", "output/manifests"}, dir);
    EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;

    // A device plugin: the GPU operator where the cloud ships none.
    EXPECT_EQ(fs::exists(dir / "output/helm/gpu-operator.values.yaml"), c.gpu_operator);
    EXPECT_EQ(fs::exists(dir / "output/terraform/node_pools.tf"), c.terraform);
    if (*c.system_mode) {
      std::string tf = ReadFileOrDie(dir / "output/terraform/node_pools.tf");
      std::string block = testing::ResourceBlock(tf, "azurerm_kubernetes_cluster_node_pool", "system");
      EXPECT_TRUE(std::regex_search(block, std::regex(std::string("mode\\s*=\\s*\"") + c.system_mode + "\""))) << block;
    }
    // The profiles are used: JupyterHub offers both, the job runs on the GPU one.
    std::string hub = ReadFileOrDie(dir / "output/helm/jupyterhub.values.yaml");
    EXPECT_NE(hub.find("CPU - small"), std::string::npos);
    EXPECT_NE(hub.find("GPU - PyTorch"), std::string::npos);
    std::string job = ReadFileOrDie(dir / "output/manifests/ml/jobs/gpu-check/job.yaml");
    EXPECT_NE(job.find("nvidia.com/gpu: \"1\""), std::string::npos) << job;
    EXPECT_NE(job.find("nvidia-smi"), std::string::npos) << job;
  }
}

// Commented so that a reader learns the language: every table's paragraph
// says something, and the header points at the reference and the next steps.
TEST(InitCliTest, StarterIsCommented) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.provider);
    std::string text = RunMlspec({"init", "--provider", c.provider}).out;
    EXPECT_TRUE(text.starts_with("# A starter GPU platform on ")) << text;
    EXPECT_NE(text.find("docs/spec.md"), std::string::npos);
    EXPECT_NE(text.find("mlspec compile platform.toml -o output"), std::string::npos);
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!lines[i].starts_with("[")) continue;
      size_t begin = i, end = i;
      while (begin > 0 && !lines[begin - 1].empty()) --begin;
      while (end < lines.size() && !lines[end].empty()) ++end;
      bool commented = false;
      for (size_t j = begin; j < end; ++j) commented |= lines[j].find('#') != std::string::npos;
      EXPECT_TRUE(commented) << lines[i] << " has no comment near it";
    }
  }
}

TEST(InitCliTest, UnknownProviderIsAUsageErrorWithDidYouMean) {
  auto typo = RunMlspec({"init", "--provider", "ekss"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err, "mlspec init: error: unknown provider `ekss`; did you mean `eks`?\n");
  EXPECT_EQ(typo.out, "");
  auto other = RunMlspec({"init", "--provider", "openshift"});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_EQ(other.err, "mlspec init: error: unknown provider `openshift`; use aks, eks, gke or kubernetes\n");
}

}  // namespace
}  // namespace mlspec
