#include "lint/document.h"

#include <yaml.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>
#include <utility>

namespace mlspec::lint {

bool Document::IsNull(NodeId id) const {
  if (id == kNoNode) return true;
  const Node& n = nodes_[id];
  if (n.kind != NodeKind::kScalar || !n.plain) return false;
  std::string_view t = Text(id);
  return t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL";
}

std::string_view Document::Text(NodeId id) const {
  if (id == kNoNode || nodes_[id].kind != NodeKind::kScalar) return {};
  return std::string_view(text_).substr(nodes_[id].first, nodes_[id].count);
}

std::optional<bool> Document::Bool(NodeId id) const {
  std::string_view t = Text(id);
  if (t == "true" || t == "True" || t == "TRUE") return true;
  if (t == "false" || t == "False" || t == "FALSE") return false;
  return std::nullopt;
}

std::optional<int64_t> Document::Int(NodeId id) const {
  std::string_view t = Text(id);
  if (t.empty()) return std::nullopt;
  if (t.front() == '+') t.remove_prefix(1);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

NodeId Document::Get(NodeId map, std::string_view key) const {
  if (!IsMap(map)) return kNoNode;
  const Node& m = nodes_[map];
  NodeId merge = kNoNode;
  for (uint32_t i = 0; i < m.count; ++i) {
    NodeId k = kids_[m.first + 2 * i];
    if (nodes_[k].kind != NodeKind::kScalar) continue;
    std::string_view t = Text(k);
    if (t == key) return kids_[m.first + 2 * i + 1];
    if (t == "<<" && nodes_[k].plain) merge = kids_[m.first + 2 * i + 1];
  }
  if (merge == kNoNode) return kNoNode;
  // YAML merge key: a map, or a sequence of maps (earlier ones win).
  if (IsMap(merge)) return Get(merge, key);
  if (IsSeq(merge)) {
    for (uint32_t i = 0; i < Size(merge); ++i) {
      NodeId v = Get(Item(merge, i), key);
      if (v != kNoNode) return v;
    }
  }
  return kNoNode;
}

NodeId Document::KeyNode(NodeId map, std::string_view key) const {
  if (!IsMap(map)) return kNoNode;
  for (uint32_t i = 0; i < nodes_[map].count; ++i) {
    NodeId k = KeyAt(map, i);
    if (Text(k) == key) return k;
  }
  return kNoNode;
}

NodeId Document::GetPath(NodeId map, std::string_view dotted) const {
  NodeId cur = map;
  while (!dotted.empty() && cur != kNoNode) {
    size_t dot = dotted.find('.');
    cur = Get(cur, dotted.substr(0, dot));
    if (dot == std::string_view::npos) break;
    dotted.remove_prefix(dot + 1);
  }
  return cur;
}

void Document::Clear() {
  nodes_.clear();
  kids_.clear();
  text_.clear();
  root_ = kNoNode;
}

// Builds one Document from events with an explicit stack.
class Builder {
 public:
  Builder(Document& doc, const ReadLimits& limits) : doc_(doc), limits_(limits) {}

  void Reset() {
    doc_.Clear();
    sizes_.clear();
    open_.clear();
    scratch_.clear();
    anchors_.clear();
  }

  // Each returns false with *err set on a violation.
  bool Scalar(const yaml_event_t& e, ReadError* err) {
    NodeId id = NewNode(NodeKind::kScalar, e.start_mark);
    Node& n = doc_.nodes_[id];
    n.plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    n.first = static_cast<uint32_t>(doc_.text_.size());
    n.count = static_cast<uint32_t>(e.data.scalar.length);
    doc_.text_.append(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
    sizes_.push_back(1);
    Anchor(e.data.scalar.anchor, id);
    return Attach(id, err);
  }

  bool Open(const yaml_event_t& e, NodeKind kind, ReadError* err) {
    if (open_.size() >= limits_.max_depth) {
      *err = {static_cast<uint32_t>(e.start_mark.line + 1), static_cast<uint32_t>(e.start_mark.column + 1),
              "nesting deeper than " + std::to_string(limits_.max_depth) + " levels"};
      return false;
    }
    NodeId id = NewNode(kind, e.start_mark);
    sizes_.push_back(1);
    const yaml_char_t* anchor = kind == NodeKind::kMap ? e.data.mapping_start.anchor : e.data.sequence_start.anchor;
    open_.push_back(
        {id, static_cast<uint32_t>(scratch_.size()), anchor ? std::string(reinterpret_cast<const char*>(anchor)) : ""});
    return true;
  }

  bool Close(ReadError* err) {
    Open_ o = std::move(open_.back());
    open_.pop_back();
    Node& n = doc_.nodes_[o.id];
    size_t nkids = scratch_.size() - o.scratch_start;
    n.first = static_cast<uint32_t>(doc_.kids_.size());
    n.count = static_cast<uint32_t>(n.kind == NodeKind::kMap ? nkids / 2 : nkids);
    uint64_t size = 1;
    for (size_t i = o.scratch_start; i < scratch_.size(); ++i) {
      size += sizes_[scratch_[i]];
    }
    sizes_[o.id] = size;
    doc_.kids_.insert(doc_.kids_.end(), scratch_.begin() + o.scratch_start, scratch_.end());
    scratch_.resize(o.scratch_start);
    if (n.kind == NodeKind::kMap && !CheckDuplicates(o.id, err)) return false;
    if (size > limits_.max_expanded_nodes) {
      const Node& nn = doc_.nodes_[o.id];
      *err = {nn.line, nn.col,
              "document expands to more than " + std::to_string(limits_.max_expanded_nodes) +
                  " nodes through aliases (a \"billion laughs\" input?)"};
      return false;
    }
    if (!o.anchor.empty()) anchors_.emplace_back(std::move(o.anchor), o.id);
    return Attach(o.id, err);
  }

  bool Alias(const yaml_event_t& e, ReadError* err) {
    std::string_view name(reinterpret_cast<const char*>(e.data.alias.anchor));
    for (auto it = anchors_.rbegin(); it != anchors_.rend(); ++it) {
      if (it->first == name) return Attach(it->second, err);
    }
    *err = {static_cast<uint32_t>(e.start_mark.line + 1), static_cast<uint32_t>(e.start_mark.column + 1),
            "alias *" + std::string(name) + " refers to no complete anchored node"};
    return false;
  }

 private:
  struct Open_ {
    NodeId id;
    uint32_t scratch_start;
    std::string anchor;
  };

  NodeId NewNode(NodeKind kind, const yaml_mark_t& mark) {
    Node n;
    n.kind = kind;
    n.line = static_cast<uint32_t>(mark.line + 1);
    n.col = static_cast<uint32_t>(mark.column + 1);
    doc_.nodes_.push_back(n);
    return static_cast<NodeId>(doc_.nodes_.size() - 1);
  }

  void Anchor(const yaml_char_t* anchor, NodeId id) {
    if (anchor) anchors_.emplace_back(reinterpret_cast<const char*>(anchor), id);
  }

  bool Attach(NodeId id, ReadError* err) {
    if (open_.empty()) {
      doc_.root_ = id;
      return true;
    }
    scratch_.push_back(id);  // an alias adds its subtree size again in Close
    (void)err;
    return true;
  }

  bool CheckDuplicates(NodeId map, ReadError* err) {
    const Node& m = doc_.nodes_[map];
    uint32_t n = m.count;
    if (n < 2) return true;
    auto key_text = [&](uint32_t i) { return doc_.Text(doc_.KeyAt(map, i)); };
    auto is_scalar = [&](uint32_t i) { return doc_.IsScalar(doc_.KeyAt(map, i)); };
    auto fail = [&](uint32_t dup, uint32_t orig) {
      const Node& k = doc_.nodes_[doc_.KeyAt(map, dup)];
      const Node& o = doc_.nodes_[doc_.KeyAt(map, orig)];
      *err = {k.line, k.col,
              "duplicate mapping key \"" + std::string(key_text(dup)) + "\" (first defined at line " +
                  std::to_string(o.line) + ")"};
      return false;
    };
    if (n <= 12) {
      for (uint32_t i = 1; i < n; ++i) {
        if (!is_scalar(i)) continue;
        for (uint32_t j = 0; j < i; ++j) {
          if (is_scalar(j) && key_text(i) == key_text(j)) return fail(i, j);
        }
      }
      return true;
    }
    order_.clear();
    for (uint32_t i = 0; i < n; ++i) {
      if (is_scalar(i)) order_.push_back(i);
    }
    std::stable_sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) { return key_text(a) < key_text(b); });
    for (size_t i = 1; i < order_.size(); ++i) {
      if (key_text(order_[i]) == key_text(order_[i - 1])) {
        return fail(std::max(order_[i], order_[i - 1]), std::min(order_[i], order_[i - 1]));
      }
    }
    return true;
  }

  Document& doc_;
  const ReadLimits& limits_;
  std::vector<uint64_t> sizes_;  // expanded subtree size per node
  std::vector<Open_> open_;
  std::vector<NodeId> scratch_;
  std::vector<std::pair<std::string, NodeId>> anchors_;
  std::vector<uint32_t> order_;
};

namespace {

struct ParserDeleter {
  void operator()(yaml_parser_t* p) const {
    yaml_parser_delete(p);
    delete p;
  }
};

}  // namespace

bool ReadDocuments(std::string_view content, const ReadLimits& limits,
                   const std::function<void(const Document&, uint32_t)>& on_doc, ReadError* error) {
  std::unique_ptr<yaml_parser_t, ParserDeleter> parser(new yaml_parser_t);
  if (!yaml_parser_initialize(parser.get())) {
    *error = {0, 0, "cannot initialize the YAML parser"};
    return false;
  }
  yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(content.data()), content.size());
  Document doc;
  Builder builder(doc, limits);
  uint32_t index = 0;
  yaml_event_t event;
  for (;;) {
    if (!yaml_parser_parse(parser.get(), &event)) {
      const yaml_parser_t& p = *parser;
      std::string msg = p.problem ? p.problem : "invalid YAML";
      if (p.context) msg = std::string(p.context) + ": " + msg;
      *error = {static_cast<uint32_t>(p.problem_mark.line + 1), static_cast<uint32_t>(p.problem_mark.column + 1), msg};
      return false;
    }
    bool ok = true;
    bool done = false;
    switch (event.type) {
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      case YAML_DOCUMENT_START_EVENT:
        builder.Reset();
        break;
      case YAML_DOCUMENT_END_EVENT:
        if (!doc.empty()) on_doc(doc, index);
        ++index;
        break;
      case YAML_SCALAR_EVENT:
        ok = builder.Scalar(event, error);
        break;
      case YAML_ALIAS_EVENT:
        ok = builder.Alias(event, error);
        break;
      case YAML_MAPPING_START_EVENT:
        ok = builder.Open(event, NodeKind::kMap, error);
        break;
      case YAML_SEQUENCE_START_EVENT:
        ok = builder.Open(event, NodeKind::kSeq, error);
        break;
      case YAML_MAPPING_END_EVENT:
      case YAML_SEQUENCE_END_EVENT:
        ok = builder.Close(error);
        break;
      default:
        break;
    }
    yaml_event_delete(&event);
    if (!ok) return false;
    if (done) return true;
  }
}

}  // namespace mlspec::lint
