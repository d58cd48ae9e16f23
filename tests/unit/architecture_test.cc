// One home per cloud: nothing outside src/providers/ may ask which cloud it
// runs on. Greps src/ and cli/ for the ways code branches on the provider —
// naming a ProviderKind enumerator, switching on one, or comparing a
// provider's name as a string — and fails on any hit outside src/providers/.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;

// Allowed exceptions (file relative to the source root, and why): only
// declarations and default values, no branch.
struct Exception {
  const char* file;
  const char* reason;
};
constexpr Exception kExceptions[] = {
    // The enum itself is declared with its enumerators in the Spec.
    {"src/spec/spec.h", "declares enum class ProviderKind; Cluster's default provider"},
    {"src/model/model.h", "InstanceType's default provider (the catalog sets every one)"},
};

bool IsException(const std::string& rel) {
  for (const Exception& e : kExceptions)
    if (rel == e.file) return true;
  return false;
}

TEST(ArchitectureTest, OnlyProvidersBranchOnTheProvider) {
  const std::regex kBranch(
      R"re(ProviderKind::k|case\s+ProviderKind|==\s*"(aks|eks|gke|kubernetes)"|"(aks|eks|gke|kubernetes)"\s*==|!=\s*"(aks|eks|gke|kubernetes)"|provider\s*==|provider\s*!=)re");
  std::vector<std::string> hits;
  size_t files = 0;
  for (const char* top : {"src", "cli"}) {
    for (const auto& e : fs::recursive_directory_iterator(testing::SourceDir() / top)) {
      if (!e.is_regular_file()) continue;
      const std::string ext = e.path().extension().string();
      if (ext != ".cc" && ext != ".h" && ext != ".in") continue;
      const std::string rel = fs::relative(e.path(), testing::SourceDir()).generic_string();
      if (rel.starts_with("src/providers/") || IsException(rel)) continue;
      ++files;
      std::ifstream in(e.path());
      std::string line;
      for (int n = 1; std::getline(in, line); ++n)
        if (std::regex_search(line, kBranch)) hits.push_back(rel + ":" + std::to_string(n) + ": " + line);
    }
  }
  EXPECT_GT(files, 50u);  // the walk found the tree
  std::string all;
  for (const std::string& h : hits) all += h + "\n";
  EXPECT_TRUE(hits.empty()) << "provider branching outside src/providers/ (move it behind Provider):\n" << all;
}

// The pattern itself catches what it must (so the test above can fail).
TEST(ArchitectureTest, PatternCatchesBranching) {
  const std::regex kBranch(R"re(ProviderKind::k|case\s+ProviderKind|==\s*"(aks|eks|gke|kubernetes)")re");
  EXPECT_TRUE(std::regex_search("if (p == ProviderKind::kGke)", kBranch));
  EXPECT_TRUE(std::regex_search("  case ProviderKind::kAks:", kBranch));
  EXPECT_TRUE(std::regex_search("if (name == \"eks\")", kBranch));
  EXPECT_FALSE(std::regex_search("ProviderFor(spec.cluster.provider)", kBranch));
}

}  // namespace
}  // namespace mlspec
