// Stage 3: resolves catalog defaults and gives every pool the labels and
// taints its nodes really carry — the spec's own plus those the cloud and the
// platform add. Requires a spec that passed Validate.
#ifndef MLSPEC_SPEC_NORMALIZE_H_
#define MLSPEC_SPEC_NORMALIZE_H_

#include "spec/catalog.h"
#include "spec/model.h"

namespace mlspec {

Spec Normalize(const Spec& spec, const Catalog& catalog);

}  // namespace mlspec

#endif  // MLSPEC_SPEC_NORMALIZE_H_
