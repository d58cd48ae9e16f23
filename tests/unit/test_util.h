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
RunResult RunMlspec(const std::vector<std::string>& args, const std::filesystem::path& cwd = SourceDir(),
                    const std::string& stdin_data = "");

// A fresh, empty temporary directory, removed at exit.
std::filesystem::path TempDir(const std::string& name);

// Every regular file under `dir` (relative path → bytes).
std::vector<std::pair<std::string, std::string>> SnapshotTree(const std::filesystem::path& dir);

}  // namespace mlspec::testing

#include <map>

#include "base/file_set.h"
#include "model/model.h"

namespace mlspec::testing {

// The labels and taints the nodes of `pool` really carry: what the node
// pool declares plus what the cloud adds by itself (the provider's facts,
// not the model's effective_* the workload emitters read).
std::map<std::string, std::string> NodeLabels(const Model& model, const Pool& pool);
std::vector<Taint> NodeTaints(const Model& model, const Pool& pool);

// Every pod spec in `files` (YAML) that selects a pool by mlspec.io/pool:
// one problem line per selector the pool's nodes do not carry, per node
// taint not tolerated, and per unknown pool. `pools_used` collects the pools.
std::vector<std::string> PlacementProblems(const Model& model, const FileSet& files,
                                           std::vector<std::string>* pools_used = nullptr);

// The Terraform resource block `type "name"` of node_pools.tf, and the
// labels map it declares ("labels"/"node_labels").
std::string ResourceBlock(const std::string& tf, const std::string& type, const std::string& name);
std::map<std::string, std::string> DeclaredLabels(const std::string& block);
// Any map attribute of a block, `attribute = { "k" = "v" ... }`.
std::map<std::string, std::string> DeclaredMap(const std::string& block, const std::string& attribute);

}  // namespace mlspec::testing

#endif  // MLSPEC_TESTS_TEST_UTIL_H_
