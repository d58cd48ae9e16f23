// The checks [jobs.*] and [services.*] share for what their container runs:
// the environment and the volumes (ContainerSpec).
#ifndef MLSPEC_VALIDATE_CONTAINER_H_
#define MLSPEC_VALIDATE_CONTAINER_H_

#include <string>

#include "base/diagnostics.h"
#include "spec/spec.h"

namespace mlspec {

// `where` names the table ("[jobs.train]"), `what` the workload in messages
// ("the job"), `pods` how many of its pods can run at once (a ReadWriteOnce
// volume cannot be shared by more than one).
void CheckContainer(const Spec& spec, const ContainerSpec& c, const std::string& where, const std::string& what,
                    const std::string& namespace_name, int pods, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_VALIDATE_CONTAINER_H_
