// A unified diff of two texts (diff -u), for `compile --diff`.
#ifndef MLSPEC_BASE_UNIFIED_DIFF_H_
#define MLSPEC_BASE_UNIFIED_DIFF_H_

#include <string>
#include <string_view>

namespace mlspec {

// The hunks ("@@ -l,s +l,s @@" and their lines) that turn `before` into
// `after`, with `context` unchanged lines around each change, as GNU
// `diff -u` prints them (a count of 1 is left out; a last line without a
// newline gets "\ No newline at end of file"). Empty when the texts are
// equal. Headers ("--- ", "+++ ") are the caller's.
//
// A longest common subsequence of lines after trimming the common prefix
// and suffix; when what is left is too large for that (over 4M line pairs),
// the middle is shown as one replacement: still a correct diff, only longer.
std::string UnifiedDiffHunks(std::string_view before, std::string_view after, size_t context = 3);

}  // namespace mlspec

#endif  // MLSPEC_BASE_UNIFIED_DIFF_H_
