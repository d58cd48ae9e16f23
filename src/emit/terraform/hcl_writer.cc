#include "emit/terraform/hcl_writer.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace mlspec::hcl {
namespace {

void Indent(int level, std::string& out) { out.append(static_cast<size_t>(level) * 2, ' '); }

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9') || c == '-'; }

// Renders `key = value` lines for a run of entries at `indent`, aligning `=`
// across each maximal run of consecutive single-line values as `terraform
// fmt` does (a value that opens a multi-line bracket ends the run; hclwrite
// format.go, formatCells).
template <typename Entry, typename KeyOf, typename ValueOf>
void RenderAssignments(const std::vector<const Entry*>& run, int indent, KeyOf key_of, ValueOf value_of,
                       std::string& out) {
  size_t width = 0;  // of the keys in the current chain of single-line values
  for (size_t i = 0; i < run.size(); ++i) {
    const std::string& key = key_of(*run[i]);
    const Value& v = value_of(*run[i]);
    if (i == 0 || value_of(*run[i - 1]).multiline()) {
      width = 0;
      for (size_t j = i; j < run.size() && !value_of(*run[j]).multiline(); ++j)
        width = std::max(width, key_of(*run[j]).size());
    }
    Indent(indent, out);
    out += key;
    out.append(v.multiline() ? 1 : width - key.size() + 1, ' ');
    out += "= ";
    v.Render(indent, out);
    out += '\n';
  }
}

}  // namespace

std::string EscapeString(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool brace_next = i + 1 < s.size() && s[i + 1] == '{';
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      // Template sequences: "${" and "%{" would start an interpolation or a
      // directive; "$${" and "%%{" are their literal escapes.
      case '$':
        out += brace_next ? "$$" : "$";
        break;
      case '%':
        out += brace_next ? "%%" : "%";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string Quote(std::string_view s) { return "\"" + EscapeString(s) + "\""; }

bool IsIdentifier(std::string_view s) {
  if (s.empty() || !IsIdentStart(s[0])) return false;
  for (char c : s)
    if (!IsIdentChar(c)) return false;
  return true;
}

Value Value::Raw(std::string text) {
  Value v;
  v.kind_ = Kind::kRaw;
  v.raw_ = std::move(text);
  return v;
}

Value Value::List(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::kList;
  v.items_ = std::move(items);
  return v;
}

Value Value::Object(std::vector<Entry> entries) {
  Value v;
  v.kind_ = Kind::kObject;
  v.entries_ = std::move(entries);
  return v;
}

bool Value::multiline() const {
  switch (kind_) {
    case Kind::kRaw:
      return false;
    case Kind::kObject:
      return !entries_.empty();
    case Kind::kList:
      for (const Value& i : items_)
        if (i.multiline()) return true;
      return false;
  }
  return false;
}

void Value::Render(int indent, std::string& out) const {
  switch (kind_) {
    case Kind::kRaw:
      out += raw_;
      return;
    case Kind::kList:
      // Lists are written on one line; their items are scalars here.
      out += '[';
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i) out += ", ";
        items_[i].Render(indent, out);
      }
      out += ']';
      return;
    case Kind::kObject: {
      if (entries_.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      std::vector<const Entry*> run;
      for (const Entry& e : entries_) run.push_back(&e);
      RenderAssignments(
          run, indent + 1, [](const Entry& e) -> const std::string& { return e.key; },
          [](const Entry& e) -> const Value& { return e.value; }, out);
      Indent(indent, out);
      out += '}';
      return;
    }
  }
}

Value Str(std::string_view s) { return Value::Raw(Quote(s)); }
Value Int(long long n) { return Value::Raw(std::to_string(n)); }
Value Bool(bool b) { return Value::Raw(b ? "true" : "false"); }

Value Number(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc()) return Value::Raw("0");
  return Value::Raw(std::string(buf, end));
}

Value Ref(std::string expr) { return Value::Raw(std::move(expr)); }

Value StrList(const std::vector<std::string>& items) {
  std::vector<Value> v;
  v.reserve(items.size());
  for (const std::string& s : items) v.push_back(Str(s));
  return Value::List(std::move(v));
}

Value Map(std::vector<std::pair<std::string, Value>> entries) {
  std::vector<Value::Entry> e;
  e.reserve(entries.size());
  for (auto& [k, v] : entries) e.push_back({Quote(k), std::move(v)});
  return Value::Object(std::move(e));
}

Value Object(std::vector<std::pair<std::string, Value>> entries) {
  std::vector<Value::Entry> e;
  e.reserve(entries.size());
  for (auto& [k, v] : entries) e.push_back({IsIdentifier(k) ? k : Quote(k), std::move(v)});
  return Value::Object(std::move(e));
}

Body& Body::Set(std::string name, Value value) {
  items_.push_back({Item::Kind::kAttribute, std::move(name), std::move(value), {}});
  return *this;
}

Body& Body::AddBlock(std::string type, std::vector<std::string> labels) {
  Item item{Item::Kind::kBlock, {}, {}, {std::move(type), std::move(labels), std::make_unique<Body>()}};
  items_.push_back(std::move(item));
  return *items_.back().block.body;
}

Body& Body::Comment(std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    items_.push_back({Item::Kind::kComment, std::string(text.substr(start, nl - start)), {}, {}});
    start = nl + 1;
  }
  return *this;
}

Body& Body::Blank() {
  items_.push_back({Item::Kind::kBlank, {}, {}, {}});
  return *this;
}

std::string Body::Render(int indent) const {
  using Kind = Item::Kind;
  std::string out;
  std::vector<const Item*> run;  // consecutive attributes awaiting alignment
  auto flush = [&] {
    RenderAssignments(
        run, indent, [](const Item& i) -> const std::string& { return i.name; },
        [](const Item& i) -> const Value& { return i.value; }, out);
    run.clear();
  };
  const Item* prev = nullptr;
  for (const Item& item : items_) {
    // A blank line around every block; a comment stays attached to the
    // block or attributes that follow it.
    const bool separate = prev && prev->kind != Kind::kBlank &&
                          (prev->kind == Kind::kBlock || (item.kind == Kind::kBlock && prev->kind != Kind::kComment) ||
                           (item.kind == Kind::kComment && prev->kind == Kind::kAttribute));
    if (item.kind != Kind::kAttribute || separate) flush();
    if (separate) out += '\n';
    switch (item.kind) {
      case Kind::kAttribute:
        run.push_back(&item);
        break;
      case Kind::kBlank:
        if (prev && prev->kind != Kind::kBlank) out += '\n';
        break;
      case Kind::kComment:
        Indent(indent, out);
        out += item.name.empty() ? "#" : "# " + item.name;
        out += '\n';
        break;
      case Kind::kBlock: {
        Indent(indent, out);
        out += item.block.type;
        for (const std::string& l : item.block.labels) out += " " + Quote(l);
        if (item.block.body->empty()) {
          out += " {}\n";
        } else {
          out += " {\n";
          out += item.block.body->Render(indent + 1);
          Indent(indent, out);
          out += "}\n";
        }
        break;
      }
    }
    prev = &item;
  }
  flush();
  return out;
}

}  // namespace mlspec::hcl
