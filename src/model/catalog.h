// The GPU and instance catalogs (profiles/gpus.toml, profiles/instances.toml),
// compiled into the binary so that output never depends on the install path.
#ifndef MLSPEC_SPEC_CATALOG_H_
#define MLSPEC_SPEC_CATALOG_H_

#include <map>
#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "model/model.h"

namespace mlspec {

struct Catalog {
  std::map<std::string, GpuType, std::less<>> gpus;
  std::map<std::string, InstanceType, std::less<>> instances;

  const GpuType* FindGpu(std::string_view key) const;
  const InstanceType* FindInstance(std::string_view name) const;
};

// Parses catalog TOML texts; problems go to diags (the built-in catalog is
// checked by a unit test, so they never reach users).
Catalog ParseCatalog(std::string_view gpus_toml, std::string_view instances_toml, Diagnostics& diags);

// The catalog built into this binary.
const Catalog& BuiltinCatalog();

}  // namespace mlspec

#endif  // MLSPEC_SPEC_CATALOG_H_
