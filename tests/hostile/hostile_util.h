// Running mlspec on hostile input under watch: a wall-clock limit (the child
// is killed past it), its peak memory (getrusage via wait4), optionally as
// an unprivileged user, and checks shared by every hostile test.
#ifndef MLSPEC_TESTS_HOSTILE_UTIL_H_
#define MLSPEC_TESTS_HOSTILE_UTIL_H_

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mlspec::testing {

struct BoundedOptions {
  std::filesystem::path cwd;               // default: a fresh temp dir
  std::chrono::seconds limit{120};         // killed (SIGKILL) past it
  std::map<std::string, std::string> env;  // added to the environment
  bool as_nobody = false;                  // setuid(65534) first, when root
  std::filesystem::path stdin_path;        // default: an empty file
  std::filesystem::path stdout_path;       // default: captured into `out`
};

struct BoundedResult {
  int exit_code = -1;  // -1: killed by a signal
  int signal = 0;
  bool timed_out = false;
  long max_rss_kb = 0;
  double seconds = 0;
  std::string out;  // at most the first 1 MiB
  std::string err;  // at most the first 1 MiB
};

BoundedResult RunBounded(const std::vector<std::string>& args, const BoundedOptions& opts = {});

// The lines of `text` that contain ": error: ".
std::vector<std::string> ErrorLines(const std::string& text);

// Expects a clean exit with `code`, no signal, no timeout, and exactly one
// error line on stderr, starting with "`input`:" and containing `needle`.
void ExpectOneLocatedError(const BoundedResult& r, int code, const std::string& input, const std::string& needle);

// Whether this process runs as root (tests then use other means than mode
// bits to make something unreadable or unwritable).
bool IsRoot();

// Every entry under `dir` (files with their bytes, directories, symlinks with
// their targets), for "the tree is unchanged" checks.
std::vector<std::pair<std::string, std::string>> FullSnapshot(const std::filesystem::path& dir);

}  // namespace mlspec::testing

#endif  // MLSPEC_TESTS_HOSTILE_UTIL_H_
