#include "cli/self_lint.h"

#include <vector>

#include "lint/lint.h"

namespace mlspec {

void SelfLint(const Model& spec, const FileSet& files, Diagnostics& diags) {
  std::vector<LintInput> inputs;
  for (const auto& [path, data] : files)
    if ((path.starts_with("manifests/") || path.starts_with("argocd/")) && path.ends_with(".yaml"))
      inputs.push_back({path, data});
  LintConfig config;  // defaults only: the result must not depend on the cwd
  LintResult result = Lint(inputs, config, &spec);
  for (const Diagnostic& d : result.problems)
    diags.Add({d.severity, d.loc, "in generated output: " + d.message, d.rule});
  for (const Finding& f : result.findings) {
    if (f.suppressed || f.severity == Severity::kInfo) continue;
    // Rules start many messages with the object already; say it once.
    std::string_view message = f.message;
    if (message.starts_with(f.object + ": ")) message.remove_prefix(f.object.size() + 2);
    std::string text = "generated " + f.object + ": " + std::string(message);
    // Validate finds every spec problem, so an error here is mlspec's own.
    if (f.severity == Severity::kError)
      text =
          "internal error: " + text + " (mlspec wrote a tree its own linter rejects; please report this with the spec)";
    diags.Add({f.severity, f.loc, text, f.rule});
  }
}

}  // namespace mlspec
