#include "base/yaml_writer.h"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace mlspec {
namespace {

bool LooksNumeric(std::string_view s) {
  if (s.empty()) return false;
  size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (i >= s.size()) return false;
  std::string_view rest = s.substr(i);
  // Infinity with a sign ("+.inf"; "-.inf" starts with an indicator anyway).
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") return true;
  bool dot = rest[0] == '.' && rest.size() > 1;
  if (dot) rest.remove_prefix(1);
  // Anything starting with a digit could be an int, float, octal, hex,
  // sexagesimal (1.1's "1:30") or a date; quote them all. PyYAML also takes
  // "._5" for a float.
  return std::isdigit(static_cast<unsigned char>(rest[0])) != 0 || (dot && rest[0] == '_');
}

// Decodes the UTF-8 sequence at s[i] into `cp` and advances `i` past it. An
// invalid byte (stray continuation, overlong form, surrogate, past U+10FFFF,
// truncated) advances `i` by one and returns false.
bool Decode(std::string_view s, size_t& i, char32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) {
    cp = b;
    ++i;
    return true;
  }
  size_t len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  bool ok = len != 0 && i + len <= s.size();
  cp = ok ? (b & (0x7F >> len)) : 0;
  for (size_t k = 1; ok && k < len; ++k) {
    ok = (byte(i + k) & 0xC0) == 0x80;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  ok = ok && !(len == 3 && cp < 0x800) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) &&
       !(cp >= 0xD800 && cp <= 0xDFFF);
  i += ok ? len : 1;
  return ok;
}

// Code points that are not printable, or are line breaks, for some YAML
// reader (1.1 or 1.2): C0 and C1 controls, DEL, NEL, the line and paragraph
// separators and the byte order mark.
bool Unprintable(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
}

// Whether `s` holds an unprintable code point or a byte that is not UTF-8.
bool HasUnprintable(std::string_view s, bool allow_newline_and_tab) {
  char32_t cp;
  for (size_t i = 0; i < s.size();) {
    if (!Decode(s, i, cp)) return true;
    if (allow_newline_and_tab && (cp == '\n' || cp == '\t')) continue;
    if (Unprintable(cp)) return true;
  }
  return false;
}

void AppendDoubleQuoted(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp;
    if (!Decode(s, i, cp)) {
      out += "\xEF\xBF\xBD";  // not UTF-8: the replacement character
      continue;
    }
    switch (cp) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\b':
        out += "\\b";
        continue;
      default:
        break;
    }
    char buf[12];
    if (Unprintable(cp)) {
      std::snprintf(buf, sizeof buf, cp <= 0xFF ? "\\x%02x" : "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  out += '"';
}

// Whether `s` (which has a line break) can be a literal block scalar with the
// same value: printable, no carriage returns, and a first line that does not
// start with white space (its indentation would be taken for the block's).
bool LiteralSafe(std::string_view s) {
  if (HasUnprintable(s, /*allow_newline_and_tab=*/true)) return false;
  size_t first = s.find_first_not_of('\n');
  return first != std::string_view::npos && s[first] != ' ' && s[first] != '\t';
}

// Block-style YAML in the layout the project has always emitted (that of
// yaml-cpp's emitter with two-space indentation, which this replaced: it
// spent a third of a large compile matching every scalar against regular
// expressions that NeedsQuotes had already answered).
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void Document(const Json& v) {
    if (v.is_object() && !v.empty()) Map(v, 0, false);
    else if (v.is_array() && !v.empty()) Seq(v, 0);
    else {
      Scalar(v);
      out_ += '\n';
    }
  }

 private:
  void Indent(int col) { out_.append(static_cast<size_t>(col), ' '); }

  // Entries at column `col`; the first one continues the current line after
  // a sequence dash when `inline_first`.
  void Map(const Json& m, int col, bool inline_first) {
    bool first = true;
    for (const auto& [k, v] : m.items()) {
      if (!(first && inline_first)) Indent(col);
      first = false;
      if (NeedsQuotes(k)) AppendDoubleQuoted(out_, k);
      else out_ += k;
      out_ += ':';
      Nested(v, col);
    }
  }

  void Seq(const Json& s, int col) {
    for (const Json& item : s) {
      Indent(col);
      out_ += '-';
      if (item.is_object() && !item.empty()) {
        out_ += ' ';
        Map(item, col + 2, true);
      } else {
        Nested(item, col);
      }
    }
  }

  // The value after "key:" or "-" whose key or dash is at column `col`.
  void Nested(const Json& v, int col) {
    if (v.is_object() && !v.empty()) {
      out_ += '\n';
      Map(v, col + 2, false);
    } else if (v.is_array() && !v.empty()) {
      out_ += '\n';
      Seq(v, col + 2);
    } else if (v.is_string() && v.get_ref<const std::string&>().find('\n') != std::string::npos &&
               LiteralSafe(v.get_ref<const std::string&>())) {
      Literal(v.get_ref<const std::string&>(), col + 2);
    } else {
      out_ += ' ';
      Scalar(v);
      out_ += '\n';
    }
  }

  // "|" keeps one final line break, "|-" none, "|+" all of them.
  void Literal(std::string_view s, int col) {
    out_ += !s.ends_with('\n') ? " |-\n" : s.ends_with("\n\n") ? " |+\n" : " |\n";
    if (s.ends_with('\n')) s.remove_suffix(1);
    for (;;) {
      size_t nl = s.find('\n');
      std::string_view line = s.substr(0, nl);
      if (!line.empty()) {
        Indent(col);
        out_.append(line);
      }
      out_ += '\n';
      if (nl == std::string_view::npos) break;
      s.remove_prefix(nl + 1);
    }
  }

  void Scalar(const Json& v) {
    switch (v.type()) {
      case Json::value_t::object:
        out_ += "{}";
        break;
      case Json::value_t::array:
        out_ += "[]";
        break;
      case Json::value_t::string: {
        const std::string& s = v.get_ref<const std::string&>();
        if (NeedsQuotes(s)) AppendDoubleQuoted(out_, s);
        else out_ += s;
        break;
      }
      case Json::value_t::boolean:
        out_ += v.get<bool>() ? "true" : "false";
        break;
      case Json::value_t::number_integer:
        out_ += std::to_string(v.get<int64_t>());
        break;
      case Json::value_t::number_unsigned:
        out_ += std::to_string(v.get<uint64_t>());
        break;
      case Json::value_t::number_float: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g", v.get<double>());
        out_ += buf;
        break;
      }
      default:
        out_ += '~';
        break;  // null (and nlohmann's discarded/binary)
    }
  }

  std::string& out_;
};

}  // namespace

bool NeedsQuotes(std::string_view s) {
  if (s.empty()) return true;
  static constexpr std::string_view kReserved[] = {
      "y",    "Y",     "yes",   "Yes",   "YES",  "n",     "N",    "no",   "No",   "NO",  "true", "True",
      "TRUE", "false", "False", "FALSE", "on",   "On",    "ON",   "off",  "Off",  "OFF", "null", "Null",
      "NULL", "~",     ".inf",  ".Inf",  ".INF", "-.inf", ".nan", ".NaN", ".NAN", "<<",  "="};
  for (std::string_view r : kReserved)
    if (s == r) return true;
  if (LooksNumeric(s)) return true;
  if (s.front() == ' ' || s.back() == ' ') return true;
  static constexpr std::string_view kBadStart = "-?:,[]{}#&*!|>'\"%@`";
  if (kBadStart.find(s.front()) != std::string_view::npos) return true;
  if (s.find(": ") != s.npos || s.find(" #") != s.npos || s.back() == ':') return true;
  return HasUnprintable(s, /*allow_newline_and_tab=*/false);
}

std::string ToYaml(const Json& doc) {
  std::string out;
  Writer(out).Document(doc);
  return out;
}

std::string ToYamlStream(const std::vector<Json>& docs, std::string_view header) {
  std::string out(header);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i > 0 || !header.empty()) out += "---\n";
    Writer(out).Document(docs[i]);
  }
  return out;
}

}  // namespace mlspec
