// Shared helpers for tests: the source tree, files, and running the binary.
#ifndef MLSPEC_TESTS_TEST_UTIL_H_
#define MLSPEC_TESTS_TEST_UTIL_H_

#include <filesystem>
#include <string>
#include <vector>

namespace mlspec::testing {

// The repository root (MLSPEC_SOURCE_DIR).
std::filesystem::path SourceDir();

std::string ReadFileOrDie(const std::filesystem::path& p);
void WriteFileOrDie(const std::filesystem::path& p, const std::string& data);

// True when UPDATE_GOLDEN=1: golden tests rewrite their expectations.
bool UpdateGolden();

struct RunResult {
  int exit_code = -1;  // -1: killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

// Runs the mlspec binary with `args` in `cwd`, capturing both streams.
RunResult RunMlspec(const std::vector<std::string>& args,
                    const std::filesystem::path& cwd = SourceDir(), const std::string& stdin_data = "");

// A fresh, empty temporary directory, removed at exit.
std::filesystem::path TempDir(const std::string& name);

// Every regular file under `dir` (relative path → bytes).
std::vector<std::pair<std::string, std::string>> SnapshotTree(const std::filesystem::path& dir);

}  // namespace mlspec::testing

#endif  // MLSPEC_TESTS_TEST_UTIL_H_
