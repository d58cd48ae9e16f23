// A small HCL writer: builds a tree of bodies, blocks and attributes and
// renders it the way `terraform fmt` would — two-space indents, `=` aligned
// across consecutive single-line attributes of one body, a blank line
// around every nested block — so the emitter never concatenates HCL by hand.
//
//   hcl::Body root;
//   hcl::Body& r = root.AddBlock("resource", {"aws_eks_node_group", "gpu"});
//   r.Set("node_group_name", hcl::Str("gpu"));
//   r.Set("labels", hcl::Map({{"a", hcl::Str("b")}}));
//   std::string text = root.Render();
#ifndef MLSPEC_EMIT_TERRAFORM_HCL_WRITER_H_
#define MLSPEC_EMIT_TERRAFORM_HCL_WRITER_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlspec::hcl {

// A string literal's contents escaped for HCL: backslash, quote and control
// characters as escapes, and the template openers "${" and "%{" doubled to
// "$${" and "%%{" so they stay literal. Without the surrounding quotes.
std::string EscapeString(std::string_view s);

// "s" quoted and escaped.
std::string Quote(std::string_view s);

// True when `s` is an HCL identifier (letter or '_' first, then letters,
// digits, '_' or '-'), so it can name a block label-less key or a reference.
bool IsIdentifier(std::string_view s);

// An expression: a literal, a reference, a list, or an object.
class Value {
 public:
  struct Entry;  // one "key = value" of an object

  // Text written as is: numbers, booleans, references (var.x, a.b.id).
  static Value Raw(std::string text);
  static Value List(std::vector<Value> items);
  static Value Object(std::vector<Entry> entries);

  // An object renders on one line (`{}`) only when empty.
  bool multiline() const;
  // Appends the expression, continuing lines at `indent` levels of two spaces.
  void Render(int indent, std::string& out) const;

 private:
  enum class Kind { kRaw, kList, kObject };
  Kind kind_ = Kind::kRaw;
  std::string raw_;
  std::vector<Value> items_;
  std::vector<Entry> entries_;
};

struct Value::Entry {
  std::string key;  // rendered as given: already quoted, or a bare identifier
  Value value;
};

// Shorthands for building values.
Value Str(std::string_view s);  // a quoted, escaped string
Value Int(long long n);
Value Bool(bool b);
Value Number(double d);       // shortest text that reads back as `d`
Value Ref(std::string expr);  // a reference or other expression, unquoted
Value StrList(const std::vector<std::string>& items);
// An object whose keys are strings, quoted: { "a/b" = "c" }.
Value Map(std::vector<std::pair<std::string, Value>> entries);
// An object whose keys are identifiers, bare: { source = "..." }.
Value Object(std::vector<std::pair<std::string, Value>> entries);

// The inside of a block (or of a file): attributes, blocks, comments and
// blank lines, in insertion order.
class Body {
 public:
  Body() = default;
  Body(Body&&) = default;
  Body& operator=(Body&&) = default;
  // Not copyable.
  Body(const Body&) = delete;
  Body& operator=(const Body&) = delete;

  // `name = value`.
  Body& Set(std::string name, Value value);
  // A nested block `type "label" ... { }`; returns its body to fill in.
  Body& AddBlock(std::string type, std::vector<std::string> labels = {});
  // A `# text` line (one per line of `text`).
  Body& Comment(std::string_view text);
  // An explicit blank line, e.g. to split one attribute group in two.
  Body& Blank();

  bool empty() const { return items_.empty(); }

  // The body's lines at `indent` levels; a file is Render(0).
  std::string Render(int indent = 0) const;

 private:
  struct Block {
    std::string type;
    std::vector<std::string> labels;
    std::unique_ptr<Body> body;
  };
  struct Item {
    enum class Kind { kAttribute, kBlock, kComment, kBlank };
    Kind kind;
    std::string name;  // attribute name, or comment text
    Value value;       // attribute value
    Block block;
  };
  std::vector<Item> items_;
};

}  // namespace mlspec::hcl

#endif  // MLSPEC_EMIT_TERRAFORM_HCL_WRITER_H_
