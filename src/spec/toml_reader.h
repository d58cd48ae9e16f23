// TableReader: typed, located access to one TOML table. Every key it is asked
// for becomes a known key; Finish() reports the keys nobody asked for, with
// "did you mean" suggestions. Type errors are reported at the value.
#ifndef MLSPEC_SPEC_TOML_READER_H_
#define MLSPEC_SPEC_TOML_READER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "base/diagnostics.h"
#include "base/quantity.h"
#include "model/model.h"

namespace mlspec {

SourceLoc LocOf(const toml::source_region& r, const std::string& file);

// Deepest table nesting mlspec accepts. toml++ limits nested arrays and
// inline tables itself, but not dotted keys (`a.b.c… = 1`, `[a.b.c…]`), and
// it builds and frees such tables recursively: 100 000 levels overflow the
// stack. Real specs nest about 4 levels.
inline constexpr size_t kMaxTomlDepth = 128;

// Scans TOML text (without parsing it) for the nesting its keys, headers,
// arrays and inline tables would produce. Reports one located error and
// returns false past kMaxTomlDepth. Call before handing text to toml++.
bool CheckTomlDepth(std::string_view text, const std::string& file, Diagnostics& diags);

// Parses TOML text; a syntax error becomes one located diagnostic.
std::optional<toml::table> ParseToml(std::string_view text, const std::string& file, Diagnostics& diags);

class TableReader {
 public:
  // `where` names the table in messages, e.g. "[pools.ai]".
  TableReader(const toml::table& table, std::string where, const std::string& file, Diagnostics& diags);

  std::optional<std::string> String(std::string_view key, bool required = false);
  std::optional<int64_t> Int(std::string_view key, int64_t min, int64_t max, bool required = false);
  std::optional<double> Number(std::string_view key, double min, double max);
  std::optional<bool> Bool(std::string_view key);
  // A quantity written as a string ("16Gi") or a plain number (4).
  std::optional<Quantity> Qty(std::string_view key, bool required = false);
  // Seconds, from "90s", "10m", "1h30m".
  std::optional<int64_t> Duration(std::string_view key);
  const toml::table* Table(std::string_view key);
  const toml::array* Array(std::string_view key);
  // Marks a key as known without reading it (tables parsed elsewhere).
  void Skip(std::string_view key);

  // Reports unknown keys. Call once after reading every known key.
  void Finish();

  const KeyLocs& locs() const { return locs_; }
  SourceLoc Loc(std::string_view key) const { return locs_.At(key); }
  const std::string& where() const { return where_; }
  const std::string& file() const { return file_; }
  Diagnostics& diags() { return diags_; }

 private:
  const toml::node* Get(std::string_view key, bool required, std::string_view expected);
  void TypeError(std::string_view key, const toml::node& n, std::string_view expected);

  const toml::table& table_;
  std::string where_;
  const std::string& file_;
  Diagnostics& diags_;
  KeyLocs locs_;
  std::vector<std::string_view> known_;
};

// Parses a duration like "90s", "10m", "1h30m" into seconds.
std::optional<int64_t> ParseDuration(std::string_view text);

std::string_view TomlTypeName(const toml::node& n);

}  // namespace mlspec

#endif  // MLSPEC_SPEC_TOML_READER_H_
