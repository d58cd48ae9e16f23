// Stage 2: cross-references and capacity — undefined pools, profiles,
// namespaces and GPU types; profiles that do not fit their pool's nodes;
// quotas smaller than one pod; sharing on pools without GPUs; ...
#ifndef MLSPEC_SPEC_VALIDATE_H_
#define MLSPEC_SPEC_VALIDATE_H_

#include "base/diagnostics.h"
#include "model/catalog.h"
#include "model/model.h"
#include "spec/spec.h"

namespace mlspec {

void Validate(const Spec& spec, const Catalog& catalog, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_SPEC_VALIDATE_H_
