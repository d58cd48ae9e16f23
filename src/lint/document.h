// A compact YAML document model built straight from libyaml's event parser.
//
// Nodes live in one vector per document and refer to their children by index
// (no per-node heap allocation); scalar text lives in one buffer. Every node
// keeps its 1-based line:col. Aliases share the anchored node (a DAG), and the
// expanded size is bounded so that "billion laughs" inputs fail fast instead
// of exhausting memory or time. Nesting depth is bounded too; the builder
// keeps its own stack, so deep input never overflows the C++ stack.
#ifndef MLSPEC_POLICIES_DOCUMENT_H_
#define MLSPEC_POLICIES_DOCUMENT_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlspec::lint {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = 0xffffffffu;

enum class NodeKind : uint8_t { kScalar, kMap, kSeq };

struct Node {
  NodeKind kind = NodeKind::kScalar;
  bool plain = true;   // scalar written without quotes or block style
  uint32_t line = 0;   // 1-based
  uint32_t col = 0;    // 1-based
  uint32_t first = 0;  // scalar: offset in text; map/seq: offset in kids
  uint32_t count = 0;  // scalar: length; map: pairs; seq: items
};

class Document {
 public:
  const Node& node(NodeId id) const { return nodes_[id]; }
  NodeId root() const { return root_; }
  bool empty() const { return root_ == kNoNode; }

  bool IsMap(NodeId id) const { return id != kNoNode && nodes_[id].kind == NodeKind::kMap; }
  bool IsSeq(NodeId id) const { return id != kNoNode && nodes_[id].kind == NodeKind::kSeq; }
  bool IsScalar(NodeId id) const { return id != kNoNode && nodes_[id].kind == NodeKind::kScalar; }
  // Plain null / ~ / empty scalar, or a missing node.
  bool IsNull(NodeId id) const;

  // Scalar text; empty for non-scalars and kNoNode.
  std::string_view Text(NodeId id) const;
  // YAML 1.1/1.2 booleans the Kubernetes decoder accepts ("true", "false").
  std::optional<bool> Bool(NodeId id) const;
  // A plain or quoted integer.
  std::optional<int64_t> Int(NodeId id) const;

  // Mapping access. Get follows "<<" merge keys after the map's own keys.
  NodeId Get(NodeId map, std::string_view key) const;
  // Get along a dotted path of plain keys ("spec.template.spec").
  NodeId GetPath(NodeId map, std::string_view dotted) const;
  uint32_t Size(NodeId id) const { return id == kNoNode ? 0 : nodes_[id].count; }
  NodeId KeyAt(NodeId map, uint32_t i) const { return kids_[nodes_[map].first + 2 * i]; }
  NodeId ValueAt(NodeId map, uint32_t i) const { return kids_[nodes_[map].first + 2 * i + 1]; }
  NodeId Item(NodeId seq, uint32_t i) const { return kids_[nodes_[seq].first + i]; }
  // Location of the key of `key` in `map`, for pointing at a field.
  NodeId KeyNode(NodeId map, std::string_view key) const;

  // Used by the reader.
  void Clear();

 private:
  friend class Builder;
  std::vector<Node> nodes_;
  std::vector<NodeId> kids_;
  std::string text_;
  NodeId root_ = kNoNode;
};

struct ReadLimits {
  uint32_t max_depth = 256;
  // Nodes a document may have once every alias is expanded.
  uint64_t max_expanded_nodes = 4u << 20;
};

struct ReadError {
  uint32_t line = 0;  // 1-based
  uint32_t col = 0;
  std::string message;
};

// Parses every document of `content` in order and calls on_doc for each
// non-empty one (the Document is reused between calls). Returns false at the
// first syntax error, duplicate key, depth or alias-expansion violation, with
// *error set; documents before it have already been delivered.
bool ReadDocuments(std::string_view content, const ReadLimits& limits,
                   const std::function<void(const Document&, uint32_t index)>& on_doc, ReadError* error);

}  // namespace mlspec::lint

#endif  // MLSPEC_POLICIES_DOCUMENT_H_
