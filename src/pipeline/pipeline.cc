#include "pipeline/pipeline.h"

#include "base/read_file.h"
#include "base/sha256.h"
#include "model/catalog.h"
#include "resolve/resolve.h"
#include "spec/load.h"
#include "validate/access.h"
#include "validate/jobs.h"
#include "validate/platform.h"
#include "validate/queues.h"
#include "validate/quota.h"
#include "validate/serving.h"
#include "validate/validate.h"

namespace mlspec {

std::optional<Model> ResolveSpecText(std::string_view path, std::string_view content, Diagnostics& diags) {
  std::optional<Spec> spec = LoadSpec(path, content, diags);
  if (!spec) return std::nullopt;
  spec->source_sha256 = Sha256Hex(content);
  Validate(*spec, BuiltinCatalog(), diags);
  ValidateJobs(*spec, diags);
  ValidateServing(*spec, diags);
  ValidateAccess(*spec, diags);
  if (diags.has_errors()) return std::nullopt;
  Model model = Resolve(*spec, BuiltinCatalog());
  ValidateQuotas(model, diags);
  ValidateQueues(model, diags);
  ValidatePlatform(model, diags);
  if (diags.has_errors()) return std::nullopt;
  return model;
}

std::optional<Model> LoadResolvedModel(std::string_view path, Diagnostics& diags) {
  std::string text, error;
  if (!ReadInputFile(std::string(path), kMaxSpecBytes, &text, &error)) {
    diags.Error(SourceLoc{std::string(path), 0, 0}, "cannot read spec file: " + error);
    return std::nullopt;
  }
  return ResolveSpecText(path, text, diags);
}

}  // namespace mlspec
