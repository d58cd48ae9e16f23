// [services.*], and the scaling and canary keys of [inference.*]: what the
// autoscalers, KServe and the Gateway API accept, what a signal needs from
// the cluster, and placement. Capacity against quotas is validate/quota.
#ifndef MLSPEC_VALIDATE_SERVING_H_
#define MLSPEC_VALIDATE_SERVING_H_

#include "base/diagnostics.h"
#include "spec/spec.h"

namespace mlspec {

void ValidateServing(const Spec& spec, Diagnostics& diags);

// `gateway` is NAMESPACE/NAME of a Gateway (also [jupyterhub] and [mlflow]).
bool GatewayRefOk(const std::string& ref);
// A Gateway API hostname: a DNS subdomain, optionally with a leading "*.".
bool HostnameOk(const std::string& h);

}  // namespace mlspec

#endif  // MLSPEC_VALIDATE_SERVING_H_
