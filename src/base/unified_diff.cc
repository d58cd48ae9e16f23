#include "base/unified_diff.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace mlspec {
namespace {

struct Line {
  std::string_view text;  // without its newline
  bool newline = true;    // false only for a last line without one
  bool operator==(const Line& o) const { return text == o.text && newline == o.newline; }
};

std::vector<Line> Lines(std::string_view s) {
  std::vector<Line> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      out.push_back({s.substr(start), false});
      break;
    }
    out.push_back({s.substr(start, nl - start), true});
    start = nl + 1;
  }
  return out;
}

// One step of the edit script: ' ' keeps a[a], '-' deletes a[a], '+' inserts
// b[b]. a and b are also the positions before the step on either side.
struct Op {
  char kind;
  size_t a, b;
};

constexpr size_t kMaxCells = size_t{4} << 20;

std::vector<Op> EditScript(const std::vector<Line>& a, const std::vector<Line>& b) {
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  const size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;

  std::vector<Op> ops;
  for (size_t i = 0; i < prefix; ++i) ops.push_back({' ', i, i});
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxCells) {
    // lcs[i][j]: the LCS length of a[prefix+i..] and b[prefix+j..].
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
        ops.push_back({' ', prefix + i++, prefix + j++});
      } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
        ops.push_back({'-', prefix + i++, prefix + j});
      } else {
        ops.push_back({'+', prefix + i, prefix + j++});
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) ops.push_back({'-', prefix + i, prefix});
    for (size_t j = 0; j < m; ++j) ops.push_back({'+', prefix + n, prefix + j});
  }
  for (size_t k = 0; k < suffix; ++k) ops.push_back({' ', prefix + n + k, prefix + m + k});
  return ops;
}

std::string Range(size_t start, size_t count) {
  // GNU diff: "l,s"; "l" when s is 1; an empty range starts at the line before.
  if (count == 1) return std::to_string(start + 1);
  return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
}

}  // namespace

std::string UnifiedDiffHunks(std::string_view before, std::string_view after, size_t context) {
  const std::vector<Line> a = Lines(before), b = Lines(after);
  const std::vector<Op> ops = EditScript(a, b);
  std::string out;
  const size_t total = ops.size();
  size_t i = 0;
  while (i < total) {
    while (i < total && ops[i].kind == ' ') ++i;
    if (i == total) break;
    // Extend the hunk over changes separated by at most 2 × context kept lines.
    size_t end = i, j = i;
    while (j < total) {
      if (ops[j].kind != ' ') {
        end = ++j;
        continue;
      }
      size_t k = j;
      while (k < total && ops[k].kind == ' ') ++k;
      if (k == total || k - j > 2 * context) break;
      j = k;
    }
    const size_t first = i >= context ? i - context : 0;
    const size_t stop = std::min(total, end + context);
    size_t old_count = 0, new_count = 0;
    for (size_t k = first; k < stop; ++k) {
      old_count += ops[k].kind != '+';
      new_count += ops[k].kind != '-';
    }
    out += "@@ -" + Range(ops[first].a, old_count) + " +" + Range(ops[first].b, new_count) + " @@\n";
    for (size_t k = first; k < stop; ++k) {
      const Line& line = ops[k].kind == '+' ? b[ops[k].b] : a[ops[k].a];
      out += ops[k].kind;
      out += line.text;
      out += '\n';
      if (!line.newline) out += "\\ No newline at end of file\n";
    }
    i = stop;
  }
  return out;
}

}  // namespace mlspec
