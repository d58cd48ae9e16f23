// UnifiedDiffHunks against what GNU `diff -u` prints for the same texts
// (expectations written from diffutils 3.8's output).
#include <string>

#include <gtest/gtest.h>

#include "base/unified_diff.h"

namespace mlspec {
namespace {

struct Case {
  const char* name;
  const char* before;
  const char* after;
  const char* hunks;
};

const Case kCases[] = {
    {"equal", "a\nb\n", "a\nb\n", ""},
    {"both empty", "", "", ""},
    {"new file", "", "a\nb\n", "@@ -0,0 +1,2 @@\n+a\n+b\n"},
    {"removed file", "a\n", "", "@@ -1 +0,0 @@\n-a\n"},
    {"one line changed", "a\nb\nc\n", "a\nB\nc\n", "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
    {"context is three lines", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n",
     "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n"},
    {"far changes are two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "X\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\nY\n",
     "@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+Y\n"},
    {"near changes are one hunk", "1\n2\n3\n4\n5\n6\n7\n8\n", "X\n2\n3\n4\n5\n6\n7\nY\n",
     "@@ -1,8 +1,8 @@\n-1\n+X\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+Y\n"},
    {"insertion in the middle", "a\nb\n", "a\nx\nb\n", "@@ -1,2 +1,3 @@\n a\n+x\n b\n"},
    {"deletion at the end", "a\nb\nc\n", "a\nb\n", "@@ -1,3 +1,2 @@\n a\n b\n-c\n"},
    {"no newline at end", "a\nb", "a\nb\n", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
    {"lcs keeps the common lines", "a\nb\nc\nd\n", "b\nc\nx\nd\n", "@@ -1,4 +1,4 @@\n-a\n b\n c\n+x\n d\n"},
};

TEST(UnifiedDiffTest, MatchesDiffU) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(UnifiedDiffHunks(c.before, c.after), c.hunks);
  }
}

// Beyond the LCS limit the middle becomes one replacement: still a diff that
// turns one text into the other.
TEST(UnifiedDiffTest, LargeInputsStayCorrect) {
  std::string before, after;
  for (int i = 0; i < 3000; ++i) {
    before += "line " + std::to_string(i) + "\n";
    after += "line " + std::to_string(i % 2 ? i : i + 1) + "\n";
  }
  std::string hunks = UnifiedDiffHunks(before, after);
  ASSERT_FALSE(hunks.empty());
  std::string rebuilt_before, rebuilt_after;
  size_t start = hunks.find('\n') + 1;
  EXPECT_TRUE(hunks.starts_with("@@ -1,")) << hunks.substr(0, 40);
  while (start < hunks.size()) {
    size_t nl = hunks.find('\n', start);
    std::string line = hunks.substr(start, nl - start);
    if (line[0] != '+') rebuilt_before += line.substr(1) + "\n";
    if (line[0] != '-') rebuilt_after += line.substr(1) + "\n";
    start = nl + 1;
  }
  EXPECT_EQ(rebuilt_before, before);
  EXPECT_EQ(rebuilt_after, after);
}

}  // namespace
}  // namespace mlspec
