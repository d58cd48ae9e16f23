// Runs every fixture under tests/lint/<rule-id>/: the findings of the rules a
// directory is about must be exactly its `# expect:` annotations — every
// finding annotated, every annotation fired; `# ok:` marks deliberate
// negatives. A directory with spec.toml lints against that spec.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "lint/config.h"
#include "lint/lint.h"
#include "lint/registry.h"
#include "pipeline/pipeline.h"

namespace mlspec {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

fs::path FixtureRoot() { return fs::path(MLSPEC_SOURCE_DIR) / "tests" / "lint"; }

using Key = std::tuple<std::string, uint32_t, std::string>;  // file, line, rule

std::vector<std::string> SplitIds(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\r') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      if (c == ' ' && !out.empty()) break;  // text after the ids is a comment
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Collects annotations. A trailing comment points at its own line; a comment
// on a line of its own points at the next line that has content.
void ScanAnnotations(const std::string& file, const std::string& text, std::set<Key>* expect,
                     std::set<Key>* ok) {
  std::vector<std::string> lines;
  std::istringstream ss(text);
  for (std::string l; std::getline(ss, l);) lines.push_back(l);
  std::vector<std::pair<std::string, std::set<Key>*>> kinds = {{"# expect:", expect},
                                                               {"# ok:", ok}};
  for (size_t i = 0; i < lines.size(); ++i) {
    for (auto& [marker, sink] : kinds) {
      size_t pos = lines[i].find(marker);
      if (pos == std::string::npos) continue;
      bool own_line = lines[i].find_first_not_of(" \t") == pos;
      uint32_t target = static_cast<uint32_t>(i + 1);
      if (own_line) {
        size_t j = i + 1;
        while (j < lines.size()) {
          size_t b = lines[j].find_first_not_of(" \t");
          if (b != std::string::npos && lines[j][b] != '#') break;
          ++j;
        }
        target = static_cast<uint32_t>(j + 1);
      }
      std::string rest = lines[i].substr(pos + marker.size());
      rest.erase(0, rest.find_first_not_of(" \t"));
      for (const std::string& id : SplitIds(rest)) sink->insert({file, target, id});
    }
  }
}

std::vector<fs::path> FixtureDirs() {
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(FixtureRoot())) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

TEST(LintFixtures, EveryRuleHasAFixtureDirectory) {
  for (const lint::Rule* r : lint::AllRules()) {
    fs::path dir = FixtureRoot() / std::string(r->info().id);
    EXPECT_TRUE(fs::is_directory(dir)) << "missing fixture directory " << dir;
  }
  for (const fs::path& dir : FixtureDirs()) {
    EXPECT_NE(lint::FindRule(dir.filename().string()), nullptr)
        << "fixture directory for unknown rule " << dir;
  }
}

class FixtureDir : public testing::TestWithParam<std::string> {};

TEST_P(FixtureDir, FindingsMatchAnnotations) {
  const std::string rule = GetParam();
  fs::path dir = FixtureRoot() / rule;
  LintConfig config;
  config.jobs = 2;
  config.enabled[rule] = true;
  Diagnostics diags;
  std::optional<Model> spec;
  if (fs::exists(dir / "spec.toml")) {
    spec = LoadResolvedModel((dir / "spec.toml").string(), diags);
    ASSERT_TRUE(spec.has_value()) << diags.ToString();
    ParseLintConfig("spec.toml", ReadAll(dir / "spec.toml"), &config, diags);
  }
  if (fs::exists(dir / "lint.toml")) {
    ParseLintConfig("lint.toml", ReadAll(dir / "lint.toml"), &config, diags);
  }
  ASSERT_FALSE(diags.has_errors()) << diags.ToString();

  std::vector<LintInput> inputs;
  std::set<Key> expect, ok;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty()) << "no fixtures in " << dir;
  for (const fs::path& f : files) {
    std::string text = ReadAll(f);
    ScanAnnotations(f.filename().string(), text, &expect, &ok);
    inputs.push_back({f.filename().string(), std::move(text)});
  }
  std::set<std::string> rules = {rule};
  for (const Key& k : expect) rules.insert(std::get<2>(k));
  EXPECT_TRUE(std::any_of(expect.begin(), expect.end(),
                          [&](const Key& k) { return std::get<2>(k) == rule; }))
      << rule << ": fixtures need at least one `# expect: " << rule << "`";

  LintResult result = Lint(inputs, config, spec ? &*spec : nullptr);
  for (const Diagnostic& d : result.problems) {
    EXPECT_NE(d.severity, Severity::kError) << FormatDiagnostic(d);
  }
  std::set<Key> actual;
  std::map<Key, std::string> messages;
  for (const Finding& f : result.findings) {
    if (f.suppressed || !rules.count(f.rule)) continue;
    Key k{f.loc.file, f.loc.line, f.rule};
    actual.insert(k);
    messages[k] = f.message;
  }
  for (const Key& k : expect) {
    EXPECT_TRUE(actual.count(k)) << std::get<0>(k) << ":" << std::get<1>(k)
                                 << ": expected finding [" << std::get<2>(k) << "] did not fire";
  }
  for (const Key& k : actual) {
    EXPECT_TRUE(expect.count(k)) << std::get<0>(k) << ":" << std::get<1>(k)
                                 << ": unannotated finding [" << std::get<2>(k)
                                 << "]: " << messages[k];
    EXPECT_FALSE(ok.count(k)) << std::get<0>(k) << ":" << std::get<1>(k) << ": `# ok: "
                              << std::get<2>(k) << "` but it fired";
  }
}

std::vector<std::string> RuleIds() {
  std::vector<std::string> ids;
  for (const fs::path& d : FixtureDirs()) ids.push_back(d.filename().string());
  return ids;
}

std::string Name(const testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
}

INSTANTIATE_TEST_SUITE_P(Rules, FixtureDir, testing::ValuesIn(RuleIds()), Name);

}  // namespace
}  // namespace mlspec
