// YAML output for emitters: documents are built as ordered JSON values (keys
// stay in the order they were written) and printed in block style, quoting
// every string that a YAML 1.1 or 1.2 reader could take for something else
// ("true", "1.0", "null", "0x1F", ...) or could not read plain (control
// characters, line separators, invalid UTF-8). Multi-line strings become
// literal blocks ("|", "|-" or "|+", so the value is exactly the string).
#ifndef MLSPEC_COMMON_YAML_WRITER_H_
#define MLSPEC_COMMON_YAML_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mlspec {

using Json = nlohmann::ordered_json;

// One YAML document, ending in a newline, without a "---" marker.
std::string ToYaml(const Json& doc);

// Several documents separated by "---", after `header` (comment lines, each
// starting with "# ", ending in newlines).
std::string ToYamlStream(const std::vector<Json>& docs, std::string_view header);

// True when `s` must be double-quoted to stay the same string.
bool NeedsQuotes(std::string_view s);

}  // namespace mlspec

#endif  // MLSPEC_COMMON_YAML_WRITER_H_
