// Runs every fixture under tests/lint/<rule-id>/: the findings of the rules a
// directory is about must be exactly its `# expect:` annotations — every
// finding annotated, every annotation fired at its column with its message
// piece; `# ok:` marks deliberate negatives. A directory with spec.toml lints
// against that spec. Syntax: tests/lint/README.md.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
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

// `# expect:` items: the rule, the 1-based column the finding points at, and a
// piece of its message. `# ok:` items name only the rule: no finding of it on
// that line.
struct Expectation {
  std::string file;
  uint32_t line = 0;
  std::string rule;
  uint32_t col = 0;
  std::string text;  // must occur in the message
};

using Key = std::tuple<std::string, uint32_t, std::string>;  // file, line, rule

// Where a malformed annotation is reported.
struct ParseError {
  std::string where;  // file:line
  std::string what;
};

bool IsIdChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// Parses `id:COL "text"` items separated by commas from `s`; anything after
// the last item is a comment. Returns false, with `err` set, on malformed input.
bool ParseExpectItems(std::string_view s, std::vector<Expectation>* out, std::string* err) {
  size_t i = 0;
  auto skip_ws = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) ++i;
  };
  for (;;) {
    skip_ws();
    Expectation e;
    size_t b = i;
    while (i < s.size() && IsIdChar(s[i])) ++i;
    e.rule = std::string(s.substr(b, i - b));
    if (e.rule.empty()) return *err = "expected a rule id", false;
    if (i >= s.size() || s[i] != ':') {
      return *err = "`" + e.rule + "` needs a column and a message piece: " + e.rule + ":COL \"text\"", false;
    }
    ++i;
    b = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') e.col = e.col * 10 + (s[i++] - '0');
    if (i == b || e.col == 0) return *err = "`" + e.rule + ":` needs a column (1-based)", false;
    skip_ws();
    if (i >= s.size() || s[i] != '"') return *err = "`" + e.rule + "` needs a quoted message piece", false;
    for (++i; i < s.size() && s[i] != '"'; ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) ++i;  // \" and \\ escape
      e.text += s[i];
    }
    if (i >= s.size()) return *err = "unterminated message piece", false;
    ++i;
    if (e.text.empty()) return *err = "empty message piece", false;
    out->push_back(std::move(e));
    skip_ws();
    if (i < s.size() && s[i] == ',') {
      ++i;
      continue;
    }
    return true;
  }
}

// `# ok:` items: rule ids separated by commas; text after them is a comment.
std::vector<std::string> ParseOkIds(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  for (;;) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t b = i;
    while (i < s.size() && IsIdChar(s[i])) ++i;
    if (i == b) return out;
    out.emplace_back(s.substr(b, i - b));
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i >= s.size() || s[i] != ',') return out;
    ++i;
  }
}

// Collects annotations. A trailing comment points at its own line; a comment
// on a line of its own points at the next line that has content.
void ScanAnnotations(const std::string& file, const std::string& text, std::vector<Expectation>* expect,
                     std::set<Key>* ok, std::vector<ParseError>* errors) {
  std::vector<std::string> lines;
  std::istringstream ss(text);
  for (std::string l; std::getline(ss, l);) lines.push_back(l);
  for (size_t i = 0; i < lines.size(); ++i) {
    for (std::string_view marker : {"# expect:", "# ok:"}) {
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
      std::string_view rest = std::string_view(lines[i]).substr(pos + marker.size());
      std::string where = file + ":" + std::to_string(i + 1);
      if (marker == "# ok:") {
        std::vector<std::string> ids = ParseOkIds(rest);
        if (ids.empty()) errors->push_back({where, "`# ok:` needs a rule id"});
        for (std::string& id : ids) ok->insert({file, target, std::move(id)});
        continue;
      }
      std::vector<Expectation> items;
      std::string err;
      if (!ParseExpectItems(rest, &items, &err)) {
        errors->push_back({where, err});
        continue;
      }
      for (Expectation& e : items) {
        e.file = file;
        e.line = target;
        expect->push_back(std::move(e));
      }
    }
  }
}

TEST(LintFixtureAnnotations, ParsesItems) {
  std::vector<Expectation> got;
  std::string err;
  ASSERT_TRUE(ParseExpectItems(R"( a-b:13 "no \"x\" here", c:2 "y"  trailing words)", &got, &err)) << err;
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].rule, "a-b");
  EXPECT_EQ(got[0].col, 13u);
  EXPECT_EQ(got[0].text, "no \"x\" here");
  EXPECT_EQ(got[1].rule, "c");
  EXPECT_EQ(got[1].col, 2u);
  EXPECT_EQ(got[1].text, "y");
  static constexpr std::string_view kBad[] = {" a-b",       " a-b:",       " a-b:0 \"x\"",   " a-b:3", " a-b:3 x",
                                              " a-b:3 \"x", " a-b:3 \"\"", " a-b:3 \"x\", ", ""};
  for (std::string_view b : kBad) {
    got.clear();
    EXPECT_FALSE(ParseExpectItems(b, &got, &err)) << "accepted: " << b;
  }
  EXPECT_EQ(ParseOkIds(" a, b-c  because"), (std::vector<std::string>{"a", "b-c"}));
}

TEST(LintFixtureAnnotations, OwnLineCommentPointsAtNextContentLine) {
  std::vector<Expectation> expect;
  std::set<Key> ok;
  std::vector<ParseError> errors;
  ScanAnnotations("f.yaml", "a: 1\n# expect: r:3 \"m\"\n# note\n\nb: 2  # ok: s\nc: 3  # expect: r\n", &expect, &ok,
                  &errors);
  ASSERT_EQ(expect.size(), 1u);
  EXPECT_EQ(expect[0].line, 5u);
  EXPECT_EQ(ok, (std::set<Key>{{"f.yaml", 5, "s"}}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where, "f.yaml:6");
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
    EXPECT_NE(lint::FindRule(dir.filename().string()), nullptr) << "fixture directory for unknown rule " << dir;
  }
}

// The seed guides' manifests (tests/lint/no-pool-matches/seed-guides/), with
// every rule on and their spec: no resource field of a container is reported
// missing by two rules (gpu-cpu-memory-unset names the CPU request and the
// memory limit, so cpu-request-missing and memory-limit-missing must not).
TEST(LintFixtures, SeedGuidesReportEachMissingFieldOnce) {
  fs::path dir = FixtureRoot() / "no-pool-matches" / "seed-guides";
  Diagnostics diags;
  std::optional<Model> spec = LoadResolvedModel((dir / "spec.toml").string(), diags);
  ASSERT_TRUE(spec.has_value()) << diags.ToString();
  LintConfig config;
  ASSERT_EQ(SetRuleEnabled("*", true, &config), "");
  std::vector<LintInput> inputs;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".yaml") inputs.push_back({e.path().filename().string(), ReadAll(e.path())});
  }
  ASSERT_FALSE(inputs.empty());
  LintResult r = Lint(inputs, config, &*spec);
  const std::map<std::string_view, std::vector<std::string_view>> fields = {
      {"cpu-request-missing", {"cpu request"}},
      {"cpu-limit-missing", {"cpu limit"}},
      {"memory-request-missing", {"memory request"}},
      {"memory-limit-missing", {"memory limit"}},
      {"gpu-cpu-memory-unset", {"cpu request", "memory limit"}}};
  std::map<std::tuple<std::string, uint32_t, uint32_t, std::string_view>, std::string> seen;  // -> rule
  size_t counted = 0;
  for (const Finding& f : r.findings) {
    auto it = fields.find(f.rule);
    if (it == fields.end()) continue;
    for (std::string_view field : it->second) {
      ++counted;
      auto [at, fresh] = seen.emplace(std::tuple(f.loc.file, f.loc.line, f.loc.col, field), f.rule);
      EXPECT_TRUE(fresh) << f.loc.file << ":" << f.loc.line << ":" << f.loc.col << ": " << field
                         << " reported missing by both [" << at->second << "] and [" << f.rule << "]";
    }
  }
  EXPECT_GT(counted, 0u) << "the seed guides' manifests leave resource fields unset; a rule stopped reporting";
}

class FixtureDir : public testing::TestWithParam<std::string> {};

std::vector<fs::path> YamlFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// One lint run over the YAML `files` of `dir`, against dir/spec.toml and with
// dir/lint.toml when present; counts the `# expect:` items for `rule`.
void CheckFixtureSet(const std::string& rule, const fs::path& dir, const std::vector<fs::path>& files,
                     size_t* expects_of_rule) {
  SCOPED_TRACE(dir.string());
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
  std::vector<Expectation> expect;
  std::set<Key> ok;
  std::vector<ParseError> errors;
  for (const fs::path& f : files) {
    // Named relative to the rule's folder: "pods.yaml", "gke/pods.yaml".
    std::string name = fs::relative(f, FixtureRoot() / rule).generic_string();
    std::string text = ReadAll(f);
    ScanAnnotations(name, text, &expect, &ok, &errors);
    inputs.push_back({name, std::move(text)});
  }
  for (const ParseError& e : errors) ADD_FAILURE() << e.where << ": malformed annotation: " << e.what;
  std::set<std::string> rules = {rule};
  for (const Expectation& e : expect) rules.insert(e.rule);
  *expects_of_rule += std::count_if(expect.begin(), expect.end(), [&](const Expectation& e) { return e.rule == rule; });

  LintResult result = Lint(inputs, config, spec ? &*spec : nullptr);
  for (const Diagnostic& d : result.problems) {
    EXPECT_NE(d.severity, Severity::kError) << FormatDiagnostic(d);
  }
  std::vector<const Finding*> actual;
  for (const Finding& f : result.findings) {
    if (!f.suppressed && rules.count(f.rule)) actual.push_back(&f);
  }
  // Each expectation consumes one finding of its rule at its line and column
  // whose message contains its text; what is left over on either side fails.
  std::vector<bool> used(actual.size(), false);
  for (const Expectation& e : expect) {
    size_t hit = actual.size();
    std::string near;  // findings on that line, to say what did fire
    for (size_t i = 0; i < actual.size(); ++i) {
      const Finding& f = *actual[i];
      if (used[i] || f.loc.file != e.file || f.loc.line != e.line || f.rule != e.rule) continue;
      if (f.loc.col == e.col && f.message.find(e.text) != std::string::npos) {
        hit = i;
        break;
      }
      near += "\n  fired at column " + std::to_string(f.loc.col) + ": " + f.message;
    }
    if (hit < actual.size()) {
      used[hit] = true;
      continue;
    }
    ADD_FAILURE() << e.file << ":" << e.line << ":" << e.col << ": expected finding [" << e.rule << "] with \""
                  << e.text << "\" did not fire" << near;
  }
  for (size_t i = 0; i < actual.size(); ++i) {
    const Finding& f = *actual[i];
    if (used[i]) {
      EXPECT_FALSE(ok.count({f.loc.file, f.loc.line, f.rule}))
          << f.loc.file << ":" << f.loc.line << ": both `# expect:` and `# ok:` for [" << f.rule << "]";
      continue;
    }
    std::string how =
        ok.count({f.loc.file, f.loc.line, f.rule}) ? "`# ok: " + f.rule + "` but it fired" : "unannotated finding";
    ADD_FAILURE() << f.loc.file << ":" << f.loc.line << ":" << f.loc.col << ": " << how << " [" << f.rule
                  << "]: " << f.message;
  }
}

// A rule's folder holds YAML files linted together, and may hold subfolders,
// each its own run with its own spec.toml / lint.toml — for branches that
// differ by spec (none, or another cloud) or by config.
TEST_P(FixtureDir, FindingsMatchAnnotations) {
  const std::string rule = GetParam();
  fs::path dir = FixtureRoot() / rule;
  std::vector<fs::path> sets;
  if (!YamlFiles(dir).empty()) sets.push_back(dir);
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_directory()) sets.push_back(e.path());
  }
  std::sort(sets.begin(), sets.end());
  size_t expects = 0;
  for (const fs::path& d : sets) {
    std::vector<fs::path> files = YamlFiles(d);
    EXPECT_FALSE(files.empty()) << "no fixtures in " << d;
    CheckFixtureSet(rule, d, files, &expects);
  }
  EXPECT_GT(expects, 0u) << rule << ": fixtures need at least one `# expect: " << rule << ":COL \"message piece\"`";
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
