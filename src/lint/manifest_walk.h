// Finds the manifest files (*.yaml, *.yml, *.json) under a directory for
// `mlspec lint`, reading directories on several threads.
//
// A GitOps monorepo is mostly directories (one per app): the 100 000-document
// bench corpus has 48 000 of them for 63 000 files, and reading them one at a
// time was a fifth of a two-thread lint run. The result does not depend on
// the thread count: files come back sorted by path.
#ifndef MLSPEC_CLI_MANIFEST_WALK_H_
#define MLSPEC_CLI_MANIFEST_WALK_H_

#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace mlspec {

struct WalkOptions {
  // Follow symlinks that lead outside `root`, and enter symlinked
  // directories (each real directory once, so loops end). Without it, a
  // symlinked file is kept only when its target lies inside `root`, and
  // symlinked directories are not entered.
  bool follow_symlinks = false;
  unsigned threads = 1;
};

// Manifest files under directory `root`, sorted. Each directory that cannot
// be read is an error naming it; the rest of the walk goes on.
std::vector<std::string> WalkManifests(const std::string& root, const WalkOptions& options, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_CLI_MANIFEST_WALK_H_
