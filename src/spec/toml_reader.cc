#include "spec/toml_reader.h"

#include <algorithm>
#include <cmath>

#include "base/text.h"

namespace mlspec {

SourceLoc LocOf(const toml::source_region& r, const std::string& file) {
  return SourceLoc{file, r.begin.line, r.begin.column};
}

namespace {

// One open container while scanning: the top level, a [header], an inline
// table or an array. `parts` counts the components of the key being read.
struct ScanFrame {
  char kind;     // 't' top level, 'h' header, '{' inline table, '[' array
  bool in_key;   // reading a key (before `=`)
  size_t parts;  // components of the current key so far
};

bool IsBareKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

bool CheckTomlDepth(std::string_view text, const std::string& file, Diagnostics& diags) {
  std::vector<ScanFrame> stack{{'t', true, 0}};
  size_t header_parts = 0;  // the table the last [header] opened
  uint32_t line = 1;
  size_t line_start = 0;
  auto depth = [&] {
    if (stack.size() > 1 && stack[1].kind == 'h') return stack[1].parts;
    size_t d = header_parts;
    for (const ScanFrame& f : stack) d += f.parts + (f.kind == 't' ? 0 : 1);
    return d;
  };
  auto key_part = [&] {  // a bare or quoted key component starts here
    ScanFrame& top = stack.back();
    if (top.in_key && top.parts == 0) top.parts = 1;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      if (stack.size() == 1) stack[0] = {'t', true, 0};
      continue;
    }
    if (c == '#') {  // comment to the end of the line
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    if (c == '"' || c == '\'') {  // skip a string, counting its newlines
      key_part();
      bool triple = text.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''");
      size_t j = i + (triple ? 3 : 1);
      for (; j < text.size(); ++j) {
        if (c == '"' && text[j] == '\\') {  // an escape; in a multi-line string, maybe of a newline
          if (j + 1 < text.size() && text[j + 1] == '\n') {
            ++line;
            line_start = j + 2;
          }
          ++j;
          continue;
        }
        if (text[j] == '\n') {
          if (!triple) break;  // unterminated; toml++ reports it
          ++line;
          line_start = j + 1;
        }
        if (text[j] == c && (!triple || text.substr(j, 3) == text.substr(i, 3))) {
          if (triple) j += 2;
          break;
        }
      }
      i = std::min(j, text.size() - 1);
      if (i < text.size() && text[i] == '\n') --i;  // let the loop count it
      continue;
    }
    ScanFrame& top = stack.back();
    if (IsBareKeyChar(c)) {
      key_part();
      continue;
    }
    switch (c) {
      case '.':
        if (top.in_key) ++top.parts;
        break;
      case '=':
        if (top.kind != 'h') top.in_key = false;
        break;
      case ',':
        if (top.kind == '{') top = {'{', true, 0};
        break;
      case '{':
        stack.push_back({'{', true, 0});
        break;
      case '}':
        if (top.kind == '{') stack.pop_back();
        break;
      case '[':
        if (stack.size() == 1 && top.in_key && top.parts == 0) {
          if (i + 1 < text.size() && text[i + 1] == '[') ++i;
          stack.push_back({'h', true, 0});
        } else {
          stack.push_back({'[', false, 0});
        }
        break;
      case ']':
        if (top.kind == 'h') {
          header_parts = top.parts;
          stack.pop_back();
          if (i + 1 < text.size() && text[i + 1] == ']') ++i;
        } else if (top.kind == '[') {
          stack.pop_back();
        }
        break;
      default:
        break;
    }
    if (depth() > kMaxTomlDepth) {
      diags.Error(SourceLoc{file, line, static_cast<uint32_t>(i - line_start + 1)},
                  "tables or arrays nested more than " + std::to_string(kMaxTomlDepth) +
                      " levels deep; mlspec accepts at most " + std::to_string(kMaxTomlDepth));
      return false;
    }
  }
  return true;
}

std::optional<toml::table> ParseToml(std::string_view text, const std::string& file, Diagnostics& diags) {
  if (!CheckTomlDepth(text, file, diags)) return std::nullopt;
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    std::string msg(e.description());
    diags.Error(LocOf(e.source(), file), "invalid TOML: " + msg);
  }
  return std::nullopt;
}

const SourceLoc& KeyLocs::At(std::string_view key) const {
  auto it = keys.find(key);
  return it == keys.end() ? table : it->second;
}

std::string_view TomlTypeName(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

TableReader::TableReader(const toml::table& table, std::string where, const std::string& file, Diagnostics& diags)
    : table_(table), where_(std::move(where)), file_(file), diags_(diags) {
  locs_.table = LocOf(table.source(), file);
  for (const auto& [k, v] : table) locs_.keys.emplace(std::string(k.str()), LocOf(k.source(), file));
}

const toml::node* TableReader::Get(std::string_view key, bool required, std::string_view expected) {
  known_.push_back(key);
  const toml::node* n = table_.get(key);
  if (!n && required)
    diags_.Error(locs_.table, where_ + " is missing required key " + Quote(key) + " (" + std::string(expected) + ")");
  return n;
}

void TableReader::TypeError(std::string_view key, const toml::node& n, std::string_view expected) {
  diags_.Error(LocOf(n.source(), file_), where_ + " " + Quote(key) + " must be " + std::string(expected) + ", not " +
                                             std::string(TomlTypeName(n)));
}

std::optional<std::string> TableReader::String(std::string_view key, bool required) {
  const toml::node* n = Get(key, required, "a string");
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>(); s && n->is_string()) return *s;
  TypeError(key, *n, "a string");
  return std::nullopt;
}

std::optional<int64_t> TableReader::Int(std::string_view key, int64_t min, int64_t max, bool required) {
  const toml::node* n = Get(key, required, "an integer");
  if (!n) return std::nullopt;
  if (!n->is_integer()) {
    TypeError(key, *n, "an integer");
    return std::nullopt;
  }
  int64_t v = n->as_integer()->get();
  if (v < min || v > max) {
    diags_.Error(LocOf(n->source(), file_), where_ + " " + Quote(key) + " must be between " + std::to_string(min) +
                                                " and " + std::to_string(max) + ", not " + std::to_string(v));
    return std::nullopt;
  }
  return v;
}

std::optional<double> TableReader::Number(std::string_view key, double min, double max) {
  const toml::node* n = Get(key, false, "a number");
  if (!n) return std::nullopt;
  double v;
  if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
  else if (n->is_floating_point()) v = n->as_floating_point()->get();
  else {
    TypeError(key, *n, "a number");
    return std::nullopt;
  }
  if (!std::isfinite(v) || v < min || v > max) {
    char buf[96];
    std::snprintf(buf, sizeof buf, " must be between %g and %g, not %g", min, max, v);
    diags_.Error(LocOf(n->source(), file_), where_ + " " + Quote(key) + buf);
    return std::nullopt;
  }
  return v;
}

std::optional<bool> TableReader::Bool(std::string_view key) {
  const toml::node* n = Get(key, false, "a boolean");
  if (!n) return std::nullopt;
  if (n->is_boolean()) return n->as_boolean()->get();
  TypeError(key, *n, "a boolean (true or false)");
  return std::nullopt;
}

std::optional<Quantity> TableReader::Qty(std::string_view key, bool required) {
  const toml::node* n = Get(key, required, "a quantity such as \"4\" or \"16Gi\"");
  if (!n) return std::nullopt;
  std::string text;
  if (n->is_string()) text = n->as_string()->get();
  else if (n->is_integer()) text = std::to_string(n->as_integer()->get());
  else if (n->is_floating_point()) {
    TypeError(key, *n, "a quantity string such as \"1.5\" or \"500m\" (floats lose precision)");
    return std::nullopt;
  } else {
    TypeError(key, *n, "a quantity such as \"4\", \"500m\" or \"16Gi\"");
    return std::nullopt;
  }
  std::string err;
  auto q = Quantity::Parse(text, &err);
  if (!q) {
    diags_.Error(LocOf(n->source(), file_), where_ + " " + Quote(key) + ": " + err);
    return std::nullopt;
  }
  if (q->negative()) {
    diags_.Error(LocOf(n->source(), file_), where_ + " " + Quote(key) + " must not be negative, got \"" + text + "\"");
    return std::nullopt;
  }
  return q;
}

std::optional<int64_t> ParseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    int64_t v = 0;
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      v = v * 10 + (text[i] - '0');
      if (v > 100'000'000) return std::nullopt;
      ++i;
    }
    if (i == start || i == text.size()) return std::nullopt;
    char unit = text[i++];
    switch (unit) {
      case 's':
        total += v;
        break;
      case 'm':
        total += v * 60;
        break;
      case 'h':
        total += v * 3600;
        break;
      case 'd':
        total += v * 86400;
        break;
      default:
        return std::nullopt;
    }
  }
  return total;
}

std::optional<int64_t> TableReader::Duration(std::string_view key) {
  const toml::node* n = Get(key, false, "a duration");
  if (!n) return std::nullopt;
  if (!n->is_string()) {
    TypeError(key, *n, "a duration string such as \"10m\" or \"1h\"");
    return std::nullopt;
  }
  auto d = ParseDuration(n->as_string()->get());
  if (!d || *d <= 0) {
    diags_.Error(LocOf(n->source(), file_), where_ + " " + Quote(key) + ": \"" + n->as_string()->get() +
                                                "\" is not a duration; write e.g. \"90s\", \"10m\", \"1h30m\"");
    return std::nullopt;
  }
  return d;
}

const toml::table* TableReader::Table(std::string_view key) {
  const toml::node* n = Get(key, false, "a table");
  if (!n) return nullptr;
  if (n->is_table()) return n->as_table();
  TypeError(key, *n, "a table");
  return nullptr;
}

const toml::array* TableReader::Array(std::string_view key) {
  const toml::node* n = Get(key, false, "an array");
  if (!n) return nullptr;
  if (n->is_array()) return n->as_array();
  TypeError(key, *n, "an array");
  return nullptr;
}

void TableReader::Skip(std::string_view key) { known_.push_back(key); }

void TableReader::Finish() {
  for (const auto& [k, v] : table_) {
    std::string_view name = k.str();
    if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
    std::string msg = "unknown key " + Quote(name) + " in " + where_;
    if (auto s = DidYouMean(name, known_)) {
      msg += "; did you mean " + Quote(*s) + "?";
    } else {
      std::vector<std::string_view> sorted = known_;
      std::sort(sorted.begin(), sorted.end());
      msg += "; valid keys are";
      for (size_t i = 0; i < sorted.size(); ++i) msg += (i ? ", " : " ") + Quote(sorted[i]);
    }
    diags_.Error(LocOf(k.source(), file_), msg);
  }
}

}  // namespace mlspec
