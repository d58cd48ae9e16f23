// The YAML writer every emitter prints through: exact layout on small
// documents, and a round trip of seeded random documents (awkward strings
// included) through an independent reader, yaml-cpp, resolving plain scalars
// the way a YAML 1.1 or 1.2 reader might. A string that comes back as
// anything but the same string is a bug.
#include "base/yaml_writer.h"

#include <cmath>
#include <random>
#include <regex>
#include <string>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace mlspec {
namespace {

TEST(YamlWriterTest, BlockLayout) {
  Json doc = Json::parse(R"({
    "a": 1, "m": {"x": "y", "z": {"q": [1, 2]}},
    "s": ["p", {"k": "v", "k2": {"d": 1}, "k3": [1, [2, 3]]}, [4], {}, []],
    "e": {}, "n": null, "b": true, "f": 1.5, "q": "true", "": "0x1F"})");
  EXPECT_EQ(ToYaml(doc),
            "a: 1\n"
            "m:\n"
            "  x: \"y\"\n"
            "  z:\n"
            "    q:\n"
            "      - 1\n"
            "      - 2\n"
            "s:\n"
            "  - p\n"
            "  - k: v\n"
            "    k2:\n"
            "      d: 1\n"
            "    k3:\n"
            "      - 1\n"
            "      -\n"
            "        - 2\n"
            "        - 3\n"
            "  -\n"
            "    - 4\n"
            "  - {}\n"
            "  - []\n"
            "e: {}\n"
            "\"n\": ~\n"
            "b: true\n"
            "f: 1.5\n"
            "q: \"true\"\n"
            "\"\": \"0x1F\"\n");
}

TEST(YamlWriterTest, LiteralBlocksKeepTheExactValue) {
  Json doc = {{"clip", "a\n\nb\n"}, {"strip", "a\nb"}, {"keep", "a\n\n"}, {"lead", "\nx"}};
  doc["in"] = Json::array({Json{{"l", "x\ny\n"}}, "p\nq"});
  EXPECT_EQ(ToYaml(doc),
            "clip: |\n  a\n\n  b\n"
            "strip: |-\n  a\n  b\n"
            "keep: |+\n  a\n\n"
            "lead: |-\n\n  x\n"
            "in:\n"
            "  - l: |\n      x\n      y\n"
            "  - |-\n    p\n    q\n");
  // Not expressible as a literal block: indented first line, carriage return.
  EXPECT_EQ(ToYaml(Json{{"a", "  x\ny"}, {"b", "x\r\ny"}}), "a: \"  x\\ny\"\nb: \"x\\r\\ny\"\n");
}

TEST(YamlWriterTest, UnprintableAndInvalidUtf8AreEscaped) {
  EXPECT_EQ(ToYaml(Json{{"a", "x\x01y\x7f"}}), "a: \"x\\x01y\\x7f\"\n");
  EXPECT_EQ(ToYaml(Json{{"nel", "a\u0085b"}, {"ls", "a\u2028b"}, {"bom", "\ufeffa"}}),
            "nel: \"a\\x85b\"\nls: \"a\\u2028b\"\nbom: \"\\ufeffa\"\n");
  EXPECT_EQ(ToYaml(Json{{"bad", std::string("a\xff"
                                            "b")}}),
            "bad: \"a\xEF\xBF\xBD"
            "b\"\n");
  EXPECT_EQ(ToYaml(Json{{"ok", "h\u00e9llo \u00fc"}}), "ok: h\u00e9llo \u00fc\n");
}

TEST(YamlWriterTest, StreamSeparatesDocuments) {
  EXPECT_EQ(ToYamlStream({Json{{"a", 1}}, Json{{"b", 2}}}, "# head\n"), "# head\n---\na: 1\n---\nb: 2\n");
  EXPECT_EQ(ToYamlStream({Json{{"a", 1}}, Json{{"b", 2}}}, ""), "a: 1\n---\nb: 2\n");
}

// ---- round trip ----

// What a plain scalar means to a reader that knows YAML 1.1's booleans and
// YAML 1.2's core schema (the union is what quoting must avoid).
Json ResolvePlain(const std::string& s) {
  static const std::regex kNull("~|null|Null|NULL|");
  static const std::regex kBool("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const std::regex kInt("[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+|0b[01]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+");
  static const std::regex kFloat(
      "[-+]?(\\.[0-9_]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  if (std::regex_match(s, kNull)) return nullptr;
  if (std::regex_match(s, kBool)) return s == "true" || s == "True" || s == "TRUE";
  if (std::regex_match(s, kInt)) return std::stoll(s.find_first_of("ox:_b") == std::string::npos ? s : "0");
  if (std::regex_match(s, kFloat)) return 0.5;  // a number: never equal to a string
  return s;
}

Json FromYaml(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      Json o = Json::object();
      for (const auto& kv : n) {
        Json key = kv.first.Tag() == "!" ? Json(kv.first.Scalar()) : ResolvePlain(kv.first.Scalar());
        o[key.is_string() ? key.get<std::string>() : "<not a string: " + kv.first.Scalar() + ">"] = FromYaml(kv.second);
      }
      return o;
    }
    case YAML::NodeType::Sequence: {
      Json a = Json::array();
      for (const auto& e : n) a.push_back(FromYaml(e));
      return a;
    }
    case YAML::NodeType::Scalar:
      // Quoted and block scalars carry the non-specific tag "!": strings.
      return n.Tag() == "!" ? Json(n.Scalar()) : ResolvePlain(n.Scalar());
    default:
      return nullptr;
  }
}

// Strings made to hit every quoting rule: reserved words, numbers in many
// notations, indicators, white space at the edges, line breaks, controls,
// Unicode line separators, non-ASCII.
std::string RandomString(std::mt19937& rng) {
  static const std::vector<std::string> kWords = {"true",
                                                  "False",
                                                  "yes",
                                                  "NO",
                                                  "on",
                                                  "null",
                                                  "~",
                                                  "y",
                                                  "n",
                                                  "1",
                                                  "-1",
                                                  "+1",
                                                  "0x1F",
                                                  "0o17",
                                                  "1e3",
                                                  "1.5",
                                                  ".5",
                                                  "._5",
                                                  "+.inf",
                                                  "+.Inf",
                                                  "-.Inf",
                                                  ".NaN",
                                                  "1:30",
                                                  "1_000",
                                                  "2026-11-23",
                                                  "<<",
                                                  "=",
                                                  "-",
                                                  "?",
                                                  ":",
                                                  "#",
                                                  "&a",
                                                  "*a",
                                                  "!tag",
                                                  "|",
                                                  ">",
                                                  "%",
                                                  "@",
                                                  "`",
                                                  "'",
                                                  "\"",
                                                  "[",
                                                  "]",
                                                  "{",
                                                  "}",
                                                  ",",
                                                  "---",
                                                  "...",
                                                  "a: b",
                                                  "a #b",
                                                  "a:",
                                                  "a:b",
                                                  "a#b",
                                                  "nvidia.com/gpu",
                                                  "app.kubernetes.io/name",
                                                  "$(uri)",
                                                  "100Gi",
                                                  "h\u00e9",
                                                  "\u0085",
                                                  "\u2028",
                                                  "\ufeff",
                                                  "\u00a0",
                                                  "\x01",
                                                  "\x7f",
                                                  "\t",
                                                  "\r",
                                                  "\n",
                                                  "\n\n",
                                                  " ",
                                                  "\\",
                                                  "\u00fc\u00e9",
                                                  "\xef\xbf\xbd"};
  std::uniform_int_distribution<size_t> parts(0, 4), word(0, kWords.size() - 1), ch(0, 25);
  std::string s;
  for (size_t i = parts(rng); i > 0; --i) {
    if (rng() % 3 == 0) s += static_cast<char>('a' + ch(rng));
    else s += kWords[word(rng)];
  }
  return s;
}

Json RandomValue(std::mt19937& rng, int depth) {
  switch (rng() % (depth > 3 ? 4 : 7)) {
    case 0:
      return RandomString(rng);
    case 1:
      return static_cast<int64_t>(rng() % 20000) - 10000;
    case 2:
      return rng() % 2 == 0;
    case 3:
      return rng() % 4 == 0 ? Json(nullptr) : Json(RandomString(rng));
    case 4:
    case 5: {
      Json o = Json::object();
      for (size_t i = rng() % 4; i > 0; --i) o[RandomString(rng)] = RandomValue(rng, depth + 1);
      return o;
    }
    default: {
      Json a = Json::array();
      for (size_t i = rng() % 4; i > 0; --i) a.push_back(RandomValue(rng, depth + 1));
      return a;
    }
  }
}

TEST(YamlWriterTest, RandomDocumentsRoundTrip) {
  std::mt19937 rng(20261123);
  for (int i = 0; i < 3000; ++i) {
    Json doc = Json::object();
    for (size_t k = 1 + rng() % 5; k > 0; --k) doc[RandomString(rng)] = RandomValue(rng, 0);
    std::string yaml = ToYaml(doc);
    Json back;
    try {
      back = FromYaml(YAML::Load(yaml));
    } catch (const YAML::Exception& e) {
      FAIL() << "document " << i << " does not parse: " << e.what() << "\n" << yaml;
    }
    ASSERT_EQ(back, doc) << "document " << i << ":\n" << yaml;
  }
}

}  // namespace
}  // namespace mlspec
