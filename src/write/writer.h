// The one place that touches disk for `compile`: replaces the generated
// files under an output directory atomically, and compares a directory with
// what a FileSet says it should hold (`compile --check`).
//
// Ownership: DIR/.mlspec-generated lists the files mlspec wrote last time.
// Files not listed there are the user's: they are carried over unchanged and
// never overwritten; generated files the spec no longer produces are removed.
#ifndef MLSPEC_WRITE_WRITER_H_
#define MLSPEC_WRITE_WRITER_H_

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/file_set.h"

namespace mlspec {

inline constexpr char kGeneratedListName[] = ".mlspec-generated";

struct WriteReport {
  std::vector<std::string> kept_foreign;  // user files carried over
  std::vector<std::string> removed;       // generated files no longer produced
};

// Builds the new tree beside `dir` (flushed to disk by one syncfs) and
// swaps it in with one atomic rename (renameat2 RENAME_EXCHANGE when `dir`
// exists). Any failure leaves `dir` as it was and reports why; a process
// killed at any point leaves `dir` holding the old tree or the new one.
// Returns false on failure. Testing hook: MLSPEC_WRITE_DELAY_US=N sleeps N µs
// after each staged file (docs/robustness.md).
bool WriteTree(const std::string& dir, const FileSet& files, Diagnostics& diags, WriteReport* report);

struct TreeDiff {
  std::vector<std::string> missing;  // generated, absent on disk
  std::vector<std::string> stale;    // on disk, with other bytes
  std::vector<std::string> extra;    // listed as generated, no longer produced
  bool empty() const { return missing.empty() && stale.empty() && extra.empty(); }
};

// Compares `dir` with `files` (plus the generated list) without writing.
TreeDiff DiffTree(const std::string& dir, const FileSet& files);

// The unified diff that writing `files` to `dir` would make: what a commit
// of the new tree carries, generated list included, files of the user's
// left out. One "--- a/DIR/PATH" / "+++ b/DIR/PATH" section per file that
// would be created (--- /dev/null), changed or removed (+++ /dev/null), in
// path order. Empty when `dir` is up to date. Writes nothing.
std::string DiffTreePatch(const std::string& dir, const FileSet& files);

// Rejects paths that could leave the output directory: absolute, "..",
// empty components, backslashes, NUL. The writer checks every path with it.
bool IsSafeRelativePath(std::string_view path);

// The generated list's content for `files`.
std::string GeneratedList(const FileSet& files);

}  // namespace mlspec

#endif  // MLSPEC_WRITE_WRITER_H_
