// `mlspec validate` knows everything `mlspec compile` knows: on every bad
// fixture, every fuzz corpus and regression input and every example, the two
// commands agree on the exit code and print the same diagnostics. A spec
// problem found only by compile (by an emitter or by compile's self-lint)
// would make them differ.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;
using testing::SourceDir;

// The FILE:LINE:COL: error|warning: lines of a command's stderr (compile
// also reports what it wrote).
std::string Diagnostics(const std::string& err) {
  std::string out;
  size_t pos = 0;
  while (pos < err.size()) {
    size_t end = err.find('\n', pos);
    if (end == std::string::npos) end = err.size();
    std::string line = err.substr(pos, end - pos);
    if (line.find(": error: ") != std::string::npos || line.find(": warning: ") != std::string::npos)
      out += line + "\n";
    pos = end + 1;
  }
  return out;
}

std::vector<std::string> Inputs() {
  std::vector<std::string> out;
  auto add = [&](const std::string& dir, const std::string& ext) {
    for (const auto& e : fs::directory_iterator(SourceDir() / dir))
      if (e.is_regular_file() && (ext.empty() || e.path().extension() == ext))
        out.push_back(dir + "/" + e.path().filename().string());
  };
  add("tests/spec/bad", ".toml");
  add("tests/fuzz/corpus/spec", "");
  add("tests/fuzz/regressions/spec", "");
  add("examples", ".toml");
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ValidateCompileTest, SameVerdictAndSameDiagnostics) {
  const std::vector<std::string> inputs = Inputs();
  ASSERT_GE(inputs.size(), 50u);
  // "output": the examples' [gitops] path (compile warns when -o disagrees).
  const fs::path out = testing::TempDir("validate-compile") / "output";
  int rejected = 0;
  for (const std::string& rel : inputs) {
    SCOPED_TRACE(rel);
    fs::remove_all(out);
    auto v = testing::RunMlspec({"validate", "--quiet", rel});
    auto c = testing::RunMlspec({"compile", rel, "-o", out.string()});
    ASSERT_EQ(v.signal, 0);
    ASSERT_EQ(c.signal, 0);
    EXPECT_EQ(c.exit_code, v.exit_code) << "validate:\n" << v.err << "compile:\n" << c.err;
    EXPECT_EQ(Diagnostics(c.err), Diagnostics(v.err));
    EXPECT_EQ(Diagnostics(v.err).empty(), v.err.empty()) << "validate printed a line that is no diagnostic:\n" << v.err;
    EXPECT_EQ(c.err.find("internal error"), std::string::npos) << c.err;
    rejected += v.exit_code == 2;
  }
  // The corpus is mostly invalid on purpose; make sure the comparison saw both.
  EXPECT_GT(rejected, 20);
  EXPECT_LT(rejected, static_cast<int>(inputs.size()));
}

}  // namespace
}  // namespace mlspec
