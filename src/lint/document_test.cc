#include "lint/document.h"

#include <string>

#include <gtest/gtest.h>

namespace mlspec::lint {
namespace {

struct Parsed {
  bool ok;
  ReadError err;
  size_t docs = 0;
};

Parsed Parse(std::string_view text, ReadLimits limits = {}) {
  Parsed p;
  p.ok = ReadDocuments(
      text, limits, [&](const Document&, uint32_t) { ++p.docs; }, &p.err);
  return p;
}

TEST(Document, KeepsLineAndColumn) {
  std::string text = "a:\n  b: [1, 2]\n  c: {d: x}\n";
  bool seen = false;
  ReadError err;
  ASSERT_TRUE(ReadDocuments(
      text, {},
      [&](const Document& d, uint32_t) {
        NodeId b = d.GetPath(d.root(), "a.b");
        ASSERT_TRUE(d.IsSeq(b));
        EXPECT_EQ(d.node(b).line, 2u);
        EXPECT_EQ(d.node(b).col, 6u);
        EXPECT_EQ(d.Text(d.Item(b, 1)), "2");
        EXPECT_EQ(d.node(d.KeyNode(d.Get(d.root(), "a"), "c")).line, 3u);
        EXPECT_EQ(d.Text(d.GetPath(d.root(), "a.c.d")), "x");
        seen = true;
      },
      &err));
  EXPECT_TRUE(seen);
}

TEST(Document, MultiDocumentAndMergeKeys) {
  std::string text = "base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n---\nk: v\n";
  size_t n = 0;
  ReadError err;
  ASSERT_TRUE(ReadDocuments(
      text, {},
      [&](const Document& d, uint32_t) {
        if (n++ == 0) EXPECT_EQ(d.Text(d.GetPath(d.root(), "use.x")), "1");
      },
      &err));
  EXPECT_EQ(n, 2u);
}

struct BadCase {
  const char* text;
  uint32_t line, col;
  const char* message_part;
};

TEST(Document, RejectsBadInputWithLocation) {
  static const BadCase kCases[] = {
      {"a: 1\nb: 2\na: 3\n", 3, 1, "duplicate mapping key \"a\""},
      {"a: [1, 2\n", 2, 1, "did not find expected"},
      {"a: *nope\n", 1, 4, "alias *nope"},
      {"x: &a [*a]\n", 1, 8, "alias *a"},
  };
  for (const BadCase& c : kCases) {
    Parsed p = Parse(c.text);
    EXPECT_FALSE(p.ok) << c.text;
    EXPECT_EQ(p.err.line, c.line) << c.text;
    EXPECT_EQ(p.err.col, c.col) << c.text;
    EXPECT_NE(p.err.message.find(c.message_part), std::string::npos) << p.err.message;
  }
}

TEST(Document, BillionLaughsIsBounded) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 12; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int j = 0; j < 9; ++j) text += ", " + prev;
    text += "]\n";
  }
  Parsed p = Parse(text);
  EXPECT_FALSE(p.ok);
  EXPECT_NE(p.err.message.find("billion laughs"), std::string::npos) << p.err.message;
}

TEST(Document, DeepNestingIsALocatedError) {
  std::string text(100000, '[');
  Parsed p = Parse(text);
  EXPECT_FALSE(p.ok);
  EXPECT_NE(p.err.message.find("nesting deeper than 256"), std::string::npos) << p.err.message;
  EXPECT_EQ(p.err.line, 1u);
  EXPECT_EQ(p.err.col, 257u);
}

}  // namespace
}  // namespace mlspec::lint
