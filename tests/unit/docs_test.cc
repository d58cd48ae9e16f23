// YAML shown in the docs is the YAML mlspec writes: every fenced block after
// a `<!-- generated: examples/NAME.toml PATH -->` marker must appear verbatim
// in the golden tree of that example (tests/golden/NAME/PATH).
#include <filesystem>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;
using testing::ReadFileOrDie;
using testing::SourceDir;

TEST(DocsTest, GeneratedYamlBlocksMatchTheGoldenTrees) {
  int blocks = 0;
  for (const auto& e : fs::directory_iterator(SourceDir() / "docs")) {
    if (e.path().extension() != ".md") continue;
    std::istringstream in(ReadFileOrDie(e.path()));
    std::string line, marker;
    while (std::getline(in, line)) {
      if (line.starts_with("<!-- generated: ")) {
        marker = line;
        continue;
      }
      if (marker.empty() || !line.starts_with("```")) continue;
      // "<!-- generated: examples/X.toml PATH -->"
      std::istringstream m(marker.substr(16));
      std::string spec, path;
      m >> spec >> path;
      marker.clear();
      std::string block;
      while (std::getline(in, line) && !line.starts_with("```")) block += line + "\n";
      SCOPED_TRACE(e.path().filename().string() + ": " + spec + " " + path);
      ASSERT_TRUE(spec.starts_with("examples/") && spec.ends_with(".toml"));
      const fs::path golden = SourceDir() / "tests/golden" / fs::path(spec).stem() / path;
      ASSERT_TRUE(fs::exists(golden)) << golden;
      EXPECT_NE(ReadFileOrDie(golden).find(block), std::string::npos) << "docs block not in " << golden << ":\n"
                                                                      << block;
      ++blocks;
    }
  }
  EXPECT_GE(blocks, 5);
}

}  // namespace
}  // namespace mlspec
