// Lint configuration: from a `[lint]` table in the spec, a `.mlspec.toml`
// found upward from the working directory, and command-line flags.
//
//   [lint]
//   disable = ["cpu-limit-missing"]          # rule ids; "*" for every rule (ids win over it)
//   enable = ["cpu-limit-missing"]           # turns on rules that are off by default
//   severity = { image-tag-latest = "error" }
//   exclude = ["charts/**", "*.generated.yaml"]   # glob on the input path
//   extended_resource_toleration = true      # the cluster adds GPU tolerations (GKE)
//   inline_suppressions = true
//   [[lint.pod_templates]]                   # pod templates of other CRDs
//   kind = "MyTrainer"
//   api_group = "example.com"                # optional
//   path = "spec.workers[].template"         # `[]`: every item, `*`: every map value
//   form = "template"                        # template | podspec | container
//   replicas = "replicas"                    # optional, relative to the last `[]`/`*`
#ifndef MLSPEC_POLICIES_CONFIG_H_
#define MLSPEC_POLICIES_CONFIG_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"

namespace mlspec {

struct TemplatePath {
  std::string kind;
  std::string api_group;  // empty: any group
  std::string path;
  std::string form = "template";
  std::string replicas;
};

struct LintConfig {
  std::map<std::string, bool, std::less<>> enabled;  // explicit on/off per rule
  std::map<std::string, Severity, std::less<>> severity;
  std::vector<std::string> exclude;
  std::vector<TemplatePath> extra_templates;
  bool extended_resource_toleration = false;
  bool inline_suppressions = true;
  unsigned jobs = 0;  // 0: hardware concurrency
};

// Reads the `lint` table of TOML text (a spec or a .mlspec.toml) into
// *config. Unknown keys and rule ids are errors (with "did you mean").
// Returns false when an error was reported.
bool ParseLintConfig(std::string_view path, std::string_view toml_text, LintConfig* config, Diagnostics& diags);

// Turns rule `id` on or off in *config; `*` stands for every rule. Returns
// the error for an unknown id ("unknown lint rule `x`; did you mean `y`?"),
// or an empty string.
std::string SetRuleEnabled(std::string_view id, bool on, LintConfig* config);

// The nearest `.mlspec.toml` in `start_dir` or one of its parents; empty
// when there is none.
std::string FindConfigUpward(const std::string& start_dir);

// Glob match for `exclude`: `*` within a path segment, `**` across them, `?`.
bool GlobMatch(std::string_view pattern, std::string_view path);

}  // namespace mlspec

#endif  // MLSPEC_POLICIES_CONFIG_H_
