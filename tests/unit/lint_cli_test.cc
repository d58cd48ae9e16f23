// `mlspec lint` as users run it: stdin, formats (text, json, sarif, junit,
// several in one run), suppressions (annotation, inline, config), --fail-on,
// invalid input next to valid input, exit codes.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;
using testing::RunMlspec;
using testing::WriteFileOrDie;

// Line 11 asks for a GPU in requests only: gpu-limit-missing (error).
constexpr char kGpuPod[] =
    "apiVersion: v1\n"                    // 1
    "kind: Pod\n"                         // 2
    "metadata:\n"                         // 3
    "  name: train\n"                     // 4
    "spec:\n"                             // 5
    "  containers:\n"                     // 6
    "  - name: train\n"                   // 7
    "    image: pytorch/pytorch:2.3.0\n"  // 8
    "    resources:\n"                    // 9
    "      requests:\n"                   // 10
    "        nvidia.com/gpu: 1\n";        // 11

std::string WithLine11Comment(const std::string& comment) {
  std::string s = kGpuPod;
  s.insert(s.size() - 1, "  " + comment);
  return s;
}

TEST(LintCliTest, StdinTextFindingPointsAtTheNode) {
  auto r = RunMlspec({"lint", "-"}, testing::SourceDir(), kGpuPod);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("-:11:9: error:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[gpu-limit-missing]"), std::string::npos) << r.out;
}

TEST(LintCliTest, JsonCarriesRuleLocationAndObjectPath) {
  auto r = RunMlspec({"lint", "--format", "json", "-"}, testing::SourceDir(), kGpuPod);
  EXPECT_EQ(r.exit_code, 1);
  auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "gpu-limit-missing") continue;
    found = true;
    EXPECT_EQ(f["line"], 11);
    EXPECT_EQ(f["column"], 9);
    EXPECT_EQ(f["severity"], "error");
    EXPECT_NE(f["path"].get<std::string>().find("spec.containers[0].resources"), std::string::npos) << f.dump();
  }
  EXPECT_TRUE(found) << r.out;
}

TEST(LintCliTest, SarifHasRealRegionsAndRuleHelpAndNothingElseOnStdout) {
  fs::path dir = testing::TempDir("sarif");
  WriteFileOrDie(dir / "pod.yaml", kGpuPod);
  auto r = RunMlspec({"lint", "--format", "sarif", (dir / "pod.yaml").string()});
  EXPECT_EQ(r.exit_code, 1);
  auto j = nlohmann::json::parse(r.out);  // throws on anything but JSON
  EXPECT_EQ(j["version"], "2.1.0");
  const auto& run = j["runs"][0];
  bool rule_has_help = false;
  for (const auto& rule : run["tool"]["driver"]["rules"])
    if (rule["id"] == "gpu-limit-missing") rule_has_help = rule.contains("help") && rule.contains("shortDescription");
  EXPECT_TRUE(rule_has_help);
  bool located = false;
  for (const auto& res : run["results"])
    if (res["ruleId"] == "gpu-limit-missing") {
      const auto& region = res["locations"][0]["physicalLocation"]["region"];
      located = region["startLine"] == 11 && region["startColumn"] == 9;
    }
  EXPECT_TRUE(located) << r.out;
}

TEST(LintCliTest, SeveralFormatsInOneRunAndJunit) {
  fs::path dir = testing::TempDir("formats");
  WriteFileOrDie(dir / "pod.yaml", kGpuPod);
  auto r = RunMlspec({"lint", "--format", "sarif", "--output", (dir / "out.sarif").string(), "--format", "junit",
                      "--output", (dir / "out.xml").string(), "--format", "text", (dir / "pod.yaml").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("[gpu-limit-missing]"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(testing::ReadFileOrDie(dir / "out.sarif"))["version"], "2.1.0");
  std::string xml = testing::ReadFileOrDie(dir / "out.xml");
  EXPECT_NE(xml.find("<testsuite"), std::string::npos);
  EXPECT_NE(xml.find("gpu-limit-missing"), std::string::npos);
  EXPECT_NE(xml.find("<failure"), std::string::npos);
}

TEST(LintCliTest, InlineSuppressionAndStrictMode) {
  std::string pod = WithLine11Comment("# mlspec:ignore gpu-limit-missing the limit is set by a mutating webhook");
  auto r = RunMlspec({"lint", "--format", "json", "-"}, testing::SourceDir(), pod);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  bool suppressed = false;
  for (const auto& f : j["findings"])
    if (f["rule"] == "gpu-limit-missing") suppressed = f["suppressed"] == true;
  EXPECT_TRUE(suppressed) << r.out;
  EXPECT_EQ(RunMlspec({"lint", "--no-inline-suppressions", "-"}, testing::SourceDir(), pod).exit_code, 1);
}

TEST(LintCliTest, AnnotationSuppression) {
  std::string pod = kGpuPod;
  pod.replace(pod.find("  name: train\n"), 14,
              "  name: train\n  annotations:\n    mlspec.io/ignore: gpu-limit-missing\n"
              "    mlspec.io/ignore-reason: webhook sets it\n");
  EXPECT_EQ(RunMlspec({"lint", "-"}, testing::SourceDir(), pod).exit_code, 0);
}

TEST(LintCliTest, ConfigFoundUpwardDisablesARule) {
  fs::path dir = testing::TempDir("config");
  WriteFileOrDie(dir / ".mlspec.toml", "[lint]\ndisable = [\"gpu-limit-missing\"]\n");
  WriteFileOrDie(dir / "sub/pod.yaml", kGpuPod);
  auto r = RunMlspec({"lint", "--format", "json", "pod.yaml"}, dir / "sub");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("gpu-limit-missing\""), std::string::npos) << r.out;
  // A typo in the config is an error, with a suggestion.
  WriteFileOrDie(dir / ".mlspec.toml", "[lint]\ndisable = [\"gpu-limit-mising\"]\n");
  auto bad = RunMlspec({"lint", "pod.yaml"}, dir / "sub");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("gpu-limit-missing"), std::string::npos) << bad.err;
}

TEST(LintCliTest, FailOnThresholds) {
  // A CPU-only pod without limits: warnings only.
  std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n";
  EXPECT_EQ(RunMlspec({"lint", "-"}, testing::SourceDir(), pod).exit_code, 0);
  EXPECT_EQ(RunMlspec({"lint", "--fail-on", "warning", "-"}, testing::SourceDir(), pod).exit_code, 1);
  EXPECT_EQ(RunMlspec({"lint", "--fail-on", "bogus", "-"}, testing::SourceDir(), pod).exit_code, 2);
}

TEST(LintCliTest, InvalidYamlIsLocatedAndOtherFilesAreStillLinted) {
  fs::path dir = testing::TempDir("invalid");
  WriteFileOrDie(dir / "a-broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x\n");
  WriteFileOrDie(dir / "b-dup.yaml", "apiVersion: v1\nkind: Pod\nkind: Service\n");
  WriteFileOrDie(dir / "c-pod.yaml", kGpuPod);
  auto r = RunMlspec({"lint", dir.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("a-broken.yaml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("b-dup.yaml:3:1: error:"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("c-pod.yaml:11:9: error:"), std::string::npos) << r.out;
  // The summary counts the files that failed, next to the findings of the rest.
  EXPECT_NE(r.out.find("\n3 file(s) (2 invalid), 1 object(s): 1 error(s), "), std::string::npos) << r.out;
  auto j = RunMlspec({"lint", "--format", "json", dir.string()});
  EXPECT_EQ(j.exit_code, 2);
  EXPECT_EQ(nlohmann::json::parse(j.out)["summary"]["invalid_files"], 2) << j.out;
}

// Typos in rule ids and option values are usage errors with a suggestion,
// before anything is linted; the same typo in the config file already was.
TEST(LintCliTest, UnknownRuleIdsAndOptionValuesAreUsageErrors) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const Case cases[] = {
      {{"--disable", "gpu-limt-missing"},
       "mlspec: error: --disable: unknown lint rule `gpu-limt-missing`; did you mean `gpu-limit-missing`?\n"},
      {{"--enable", "rwo-volume-sharde"},
       "mlspec: error: --enable: unknown lint rule `rwo-volume-sharde`; did you mean `rwo-volume-shared`?\n"},
      {{"--disable", "no-such-thing"}, "mlspec: error: --disable: unknown lint rule `no-such-thing`\n"},
      {{"--color", "bogus"}, "mlspec: error: unknown --color `bogus`; use auto, always or never\n"},
      {{"--color", "alwys"},
       "mlspec: error: unknown --color `alwys`; use auto, always or never (did you mean `always`?)\n"},
      {{"--format", "jsn"},
       "mlspec: error: unknown --format `jsn`; use text, json, sarif or junit (did you mean `json`?)\n"},
      {{"--fail-on", "bogus"}, "mlspec: error: unknown --fail-on `bogus`; use error, warning or info\n"},
      {{"--fail-on", "warnin"},
       "mlspec: error: unknown --fail-on `warnin`; use error, warning or info (did you mean `warning`?)\n"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"lint"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.push_back("-");
    auto r = RunMlspec(args, testing::SourceDir(), kGpuPod);
    EXPECT_EQ(r.exit_code, 2) << c.args[1];
    EXPECT_EQ(r.err, c.err);
    EXPECT_EQ(r.out, "") << c.args[1];
  }
}

// `*` is every rule in --disable/--enable, the config's lists and inline
// comments; a named rule wins over it.
TEST(LintCliTest, StarStandsForEveryRule) {
  auto rules_of = [](const testing::RunResult& r) {
    std::vector<std::string> out;
    const nlohmann::json report = nlohmann::json::parse(r.out);
    for (const auto& f : report["findings"]) {
      if (!f["suppressed"].get<bool>()) out.push_back(f["rule"]);
    }
    return out;
  };
  auto only = RunMlspec({"lint", "--format", "json", "--disable", "*", "--enable", "gpu-limit-missing", "-"},
                        testing::SourceDir(), kGpuPod);
  EXPECT_EQ(only.exit_code, 1) << only.err;
  EXPECT_EQ(rules_of(only), std::vector<std::string>{"gpu-limit-missing"}) << only.out;
  auto all_but = RunMlspec({"lint", "--format", "json", "--enable", "*", "--disable", "gpu-limit-missing", "-"},
                           testing::SourceDir(), kGpuPod);
  auto rules = rules_of(all_but);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "gpu-limit-missing"), 0) << all_but.out;
  EXPECT_GT(rules.size(), 2u) << all_but.out;  // off-by-default rules joined the usual ones

  fs::path dir = testing::TempDir("star");
  WriteFileOrDie(dir / ".mlspec.toml", "[lint]\nenable = [\"gpu-limit-missing\"]\ndisable = [\"*\"]\n");
  WriteFileOrDie(dir / "pod.yaml", kGpuPod);
  auto cfg = RunMlspec({"lint", "--format", "json", "pod.yaml"}, dir);
  EXPECT_EQ(rules_of(cfg), std::vector<std::string>{"gpu-limit-missing"}) << cfg.out << cfg.err;

  auto inl = RunMlspec({"lint", "-"}, testing::SourceDir(), WithLine11Comment("# mlspec:ignore * set by a webhook"));
  EXPECT_EQ(inl.exit_code, 0) << inl.out;
  EXPECT_EQ(inl.out.find("[gpu-limit-missing]"), std::string::npos) << inl.out;
  EXPECT_NE(inl.out.find(" 0 error(s), "), std::string::npos) << inl.out;
  EXPECT_TRUE(inl.out.ends_with(" 1 suppressed\n")) << inl.out;
}

TEST(LintCliTest, NoPathOrNoManifestsIsAUsageError) {
  auto none = RunMlspec({"lint"}, testing::SourceDir());
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err,
            "mlspec: error: no PATH given; name files, directories or - for stdin (`mlspec lint .` for this "
            "directory)\n");
  fs::path dir = testing::TempDir("empty");
  WriteFileOrDie(dir / "notes.txt", kGpuPod);
  auto empty = RunMlspec({"lint", dir.string()});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_EQ(empty.err, dir.string() + ": error: no manifests (*.yaml, *.yml, *.json) in this directory\n");
  EXPECT_EQ(empty.out, "");
}

TEST(LintCliTest, HelpListsFormatsFailOnAndSuppressions) {
  auto r = RunMlspec({"lint", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* piece :
       {"Formats: text (FILE:LINE:COL: SEVERITY: MESSAGE [rule-id]", "json, sarif (SARIF 2.1.0) and junit",
        "--fail-on (error, warning or info; default error)", "mlspec.io/ignore: \"rule-a,rule-b\"",
        "# mlspec:ignore rule-a,rule-b reason", "`*` for every rule"}) {
    EXPECT_NE(r.out.find(piece), std::string::npos) << piece << "\n" << r.out;
  }
}

// The directory walk reads directories on several threads; what it finds,
// and the order of the report, must not depend on how many.
TEST(LintCliTest, DirectoryWalkIsTheSameOnAnyNumberOfThreads) {
  fs::path root = testing::TempDir("walk");
  fs::path dir = root / "repo", outside = root / "outside";
  std::vector<std::string> expected;
  for (int team = 0; team < 6; ++team) {
    for (int app = 0; app < 8; ++app) {
      // "app-1" sorts before "app/…" as a string: the report keeps string order.
      std::string rel = "team-" + std::to_string(team) + (app % 2 ? "/app-" : "/app/") + std::to_string(app) +
                        (app % 3 ? "/deep/er" : "") + "/pod.yaml";
      WriteFileOrDie(dir / rel, kGpuPod);
      expected.push_back((dir / rel).string());
    }
  }
  WriteFileOrDie(dir / "notes.txt", kGpuPod);  // not a manifest name
  WriteFileOrDie(outside / "pod.yaml", kGpuPod);
  fs::create_symlink(dir / "team-0" / "app" / "0" / "pod.yaml", dir / "link-inside.yaml");
  expected.push_back((dir / "link-inside.yaml").string());
  fs::create_symlink(outside / "pod.yaml", dir / "link-outside.yaml");  // leaves the root: skipped
  fs::create_directory_symlink(dir / "team-1", dir / "team-1-again");   // not entered
  std::sort(expected.begin(), expected.end());

  std::string first;
  for (const char* jobs : {"1", "2", "7"}) {
    auto r = RunMlspec({"lint", "--jobs", jobs, "--format", "json", dir.string()});
    ASSERT_EQ(r.exit_code, 1) << r.err;
    std::vector<std::string> files;
    const nlohmann::json report = nlohmann::json::parse(r.out);
    for (const auto& f : report["findings"]) {
      if (f["rule"] == "gpu-limit-missing") files.push_back(f["file"]);
    }
    EXPECT_EQ(files, expected) << "--jobs " << jobs;
    if (first.empty()) first = r.out;
    EXPECT_EQ(r.out, first) << "--jobs " << jobs << " changed the report";
  }
}

TEST(LintCliTest, GeneratedTreeIsCleanAgainstItsSpec) {
  auto r = RunMlspec(
      {"lint", "--fail-on", "info", "--spec", "examples/aks-platform.toml", "output/manifests", "output/argocd"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace mlspec
