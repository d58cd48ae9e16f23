// Commands a person can guess: `mlspec help [COMMAND]`, two examples at the
// end of every command's --help (each run here as written), "did you mean"
// for a mistyped command and for an explain topic, --version.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;
using testing::RunMlspec;

// The command names listed under "Subcommands:" in `mlspec help`.
std::vector<std::string> ListedCommands(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream in(help);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "Subcommands:") {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (line.empty()) break;
    std::istringstream words(line);
    std::string name;
    words >> name;
    out.push_back(name);
  }
  return out;
}

// The command lines under "Examples:" in a command's --help.
std::vector<std::string> Examples(const std::string& help) {
  std::vector<std::string> out;
  size_t at = help.find("\nExamples:\n");
  if (at == std::string::npos) return out;
  std::istringstream in(help.substr(at + 11));
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("  mlspec ")) out.push_back(line.substr(2));
  return out;
}

TEST(HelpCliTest, HelpListsEveryCommandLikeDashDashHelp) {
  auto help = RunMlspec({"help"});
  ASSERT_EQ(help.exit_code, 0) << help.err;
  EXPECT_EQ(help.err, "");
  EXPECT_EQ(ListedCommands(help.out), (std::vector<std::string>{"init", "validate", "compile", "lint", "rules",
                                                                "explain", "catalog", "help", "version"}));
  EXPECT_NE(help.out.find("Run `mlspec help COMMAND`"), std::string::npos) << help.out;
  auto dash = RunMlspec({"--help"});
  EXPECT_EQ(dash.exit_code, 0);
  EXPECT_EQ(dash.out, help.out);
}

TEST(HelpCliTest, EveryCommandHasTwoExamplesAndHelpCommandMatchesDashDashHelp) {
  for (const std::string& command : ListedCommands(RunMlspec({"help"}).out)) {
    SCOPED_TRACE(command);
    auto help = RunMlspec({"help", command});
    ASSERT_EQ(help.exit_code, 0) << help.err;
    EXPECT_TRUE(help.out.find("Usage: mlspec " + command) != std::string::npos) << help.out;
    auto dash = RunMlspec({command, "--help"});
    EXPECT_EQ(dash.exit_code, 0);
    EXPECT_EQ(dash.out, help.out);
    std::vector<std::string> examples = Examples(help.out);
    ASSERT_EQ(examples.size(), 2u) << help.out;
    for (const std::string& e : examples)
      EXPECT_TRUE(e.starts_with("mlspec " + command + " ") || e == "mlspec " + command ||
                  (command == "version" && e == "mlspec --version"))
          << e;
  }
}

// Every example does what it says, run as written from a directory holding
// the repository's examples/ (in the order `mlspec help` lists the commands,
// so `compile` has written output/ before `lint` reads it).
TEST(HelpCliTest, EveryExampleRunsAsWritten) {
  fs::path dir = testing::TempDir("help-examples");
  fs::create_directories(dir / "examples");
  for (const char* f : {"aks-platform.toml", "eks-platform.toml"})
    testing::WriteFileOrDie(dir / "examples" / f, testing::ReadFileOrDie(testing::SourceDir() / "examples" / f));
  size_t ran = 0;
  for (const std::string& command : ListedCommands(RunMlspec({"help"}).out)) {
    for (const std::string& example : Examples(RunMlspec({"help", command}).out)) {
      SCOPED_TRACE(example);
      std::istringstream words(example);
      std::vector<std::string> args;
      std::string redirect;
      for (std::string w; words >> w;) {
        if (w == ">") words >> redirect;
        else args.push_back(w);
      }
      ASSERT_EQ(args.front(), "mlspec");
      args.erase(args.begin());
      auto r = RunMlspec(args, dir);
      EXPECT_EQ(r.exit_code, 0) << r.err;
      EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
      if (!redirect.empty()) {
        EXPECT_FALSE(r.out.empty());
        testing::WriteFileOrDie(dir / redirect, r.out);
      }
      ++ran;
    }
  }
  EXPECT_EQ(ran, 18u);
  EXPECT_TRUE(fs::exists(dir / "output/README.md"));
  EXPECT_TRUE(fs::exists(dir / "mlspec.sarif"));
  EXPECT_TRUE(fs::exists(dir / "platform.toml"));
}

struct UsageCase {
  std::vector<std::string> args;
  std::string err;
};

TEST(HelpCliTest, UnknownCommandsAreUsageErrorsWithDidYouMean) {
  const UsageCase cases[] = {
      {{"compil"}, "mlspec: error: unknown command `compil`; did you mean `compile`? (see `mlspec help`)\n"},
      {{"vaildate", "x.toml"},
       "mlspec: error: unknown command `vaildate`; did you mean `validate`? (see `mlspec help`)\n"},
      {{"catalogs", "gpus"},
       "mlspec: error: unknown command `catalogs`; did you mean `catalog`? (see `mlspec help`)\n"},
      {{"frobnicate"}, "mlspec: error: unknown command `frobnicate` (see `mlspec help`)\n"},
      {{"help", "compil"}, "mlspec: error: unknown command `compil`; did you mean `compile`? (see `mlspec help`)\n"},
      {{"help", "frobnicate"}, "mlspec: error: unknown command `frobnicate` (see `mlspec help`)\n"},
  };
  for (const UsageCase& c : cases) {
    SCOPED_TRACE(c.args[0]);
    auto r = RunMlspec(c.args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, c.err);
    EXPECT_EQ(r.out, "");
  }
}

TEST(HelpCliTest, NoCommandShowsTheCommandsAndExitsTwo) {
  auto r = RunMlspec({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "mlspec: error: a command is required\n\n" + RunMlspec({"help"}).out);
}

TEST(HelpCliTest, VersionFlagMatchesVersionCommand) {
  auto flag = RunMlspec({"--version"});
  auto command = RunMlspec({"version"});
  EXPECT_EQ(flag.exit_code, 0);
  EXPECT_EQ(command.exit_code, 0);
  EXPECT_TRUE(command.out.starts_with("mlspec ")) << command.out;
  EXPECT_EQ(flag.out, command.out);
}

TEST(HelpCliTest, ExplainSuggestsRulesForATypoOrATopic) {
  const UsageCase cases[] = {
      {{"explain", "shm-mising"},
       "mlspec: error: unknown rule `shm-mising`; did you mean `shm-missing`? (see `mlspec rules`)\n"},
      {{"explain", "shm"},
       "mlspec: error: unknown rule `shm`; did you mean `shm-exceeds-memory-limit`, `shm-missing`, "
       "`shm-size-unbounded` or `shm-via-host`? (see `mlspec rules`)\n"},
      {{"explain", "toleration"},
       "mlspec: error: unknown rule `toleration`; did you mean `gpu-toleration-missing` or "
       "`gpu-toleration-without-gpu`? (see `mlspec rules`)\n"},
      {{"explain", "frobnicate"}, "mlspec: error: unknown rule `frobnicate` (see `mlspec rules`)\n"},
  };
  for (const UsageCase& c : cases) {
    SCOPED_TRACE(c.args[1]);
    auto r = RunMlspec(c.args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, c.err);
  }
  // A word in many ids lists the first few and says how many more.
  auto gpu = RunMlspec({"explain", "gpu"});
  EXPECT_EQ(gpu.exit_code, 2);
  EXPECT_NE(gpu.err.find("did you mean `gpu-count-exceeds-node`, "), std::string::npos) << gpu.err;
  EXPECT_NE(gpu.err.find(" more? (see `mlspec rules`)\n"), std::string::npos) << gpu.err;
}

}  // namespace
}  // namespace mlspec
