// The install closure (model/platform.h): every component the tree's objects
// need is installed by the tree or declared provided; [platform] and
// [monitoring] say consistent things.
#ifndef MLSPEC_VALIDATE_PLATFORM_H_
#define MLSPEC_VALIDATE_PLATFORM_H_

#include "base/diagnostics.h"
#include "model/model.h"

namespace mlspec {

void ValidatePlatform(const Model& model, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_VALIDATE_PLATFORM_H_
