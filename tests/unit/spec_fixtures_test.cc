// Every bad spec under tests/spec/bad/ is rejected with exactly the messages
// in its .golden file (FILE:LINE:COL: error: ...); every example is clean.
// UPDATE_GOLDEN=1 rewrites the .golden files after an intended change.
#include <filesystem>

#include <gtest/gtest.h>

#include "base/diagnostics.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;
using testing::ReadFileOrDie;
using testing::SourceDir;

std::vector<std::string> Files(const std::string& dir, const std::string& ext) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(SourceDir() / dir))
    if (e.path().extension() == ext) out.push_back(dir + "/" + e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SpecFixturesTest, BadSpecsReportExactMessages) {
  std::vector<std::string> specs = Files("tests/spec/bad", ".toml");
  ASSERT_GE(specs.size(), 20u);
  for (const std::string& rel : specs) {
    SCOPED_TRACE(rel);
    Diagnostics diags;
    auto spec = ResolveSpecText(rel, ReadFileOrDie(SourceDir() / rel), diags);
    EXPECT_FALSE(spec.has_value());
    EXPECT_TRUE(diags.has_errors());
    diags.SortByLocation();
    std::string got = diags.ToString();
    fs::path golden = SourceDir() / (rel.substr(0, rel.size() - 5) + ".golden");
    if (testing::UpdateGolden()) testing::WriteFileOrDie(golden, got);
    ASSERT_TRUE(fs::exists(golden)) << "missing " << golden << "; run with UPDATE_GOLDEN=1";
    EXPECT_EQ(got, ReadFileOrDie(golden));
    // Every message is located: FILE:LINE:COL.
    for (const Diagnostic& d : diags.all()) EXPECT_TRUE(d.loc.line > 0 && d.loc.col > 0) << FormatDiagnostic(d);
  }
}

TEST(SpecFixturesTest, ExamplesAreClean) {
  std::vector<std::string> specs = Files("examples", ".toml");
  ASSERT_GE(specs.size(), 3u);
  for (const std::string& rel : specs) {
    Diagnostics diags;
    auto spec = ResolveSpecText(rel, ReadFileOrDie(SourceDir() / rel), diags);
    EXPECT_TRUE(spec.has_value()) << rel;
    EXPECT_TRUE(diags.empty()) << rel << "\n" << diags.ToString();
  }
}

TEST(SpecFixturesTest, BinaryRejectsBadSpecsWithExitTwoAndWritesNothing) {
  fs::path out = testing::TempDir("bad-compile") / "out";
  for (const std::string& rel : Files("tests/spec/bad", ".toml")) {
    SCOPED_TRACE(rel);
    auto v = testing::RunMlspec({"validate", rel});
    EXPECT_EQ(v.exit_code, 2);
    EXPECT_NE(v.err.find(rel + ":"), std::string::npos) << v.err;
    auto c = testing::RunMlspec({"compile", rel, "-o", out.string()});
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_FALSE(fs::exists(out));
  }
}

}  // namespace
}  // namespace mlspec
