// hostname, gateway, ingress_class and auth of [jupyterhub] and [mlflow]: how
// each web UI is reached and who may sign in (docs/access.md). What the
// authenticators accept is checked against OAuthenticator 16.3 (what z2jh
// 3.3.8 installs) and the MLflow chart's oauth2-proxy sidecar.
#ifndef MLSPEC_VALIDATE_ACCESS_H_
#define MLSPEC_VALIDATE_ACCESS_H_

#include "base/diagnostics.h"
#include "spec/spec.h"

namespace mlspec {

void ValidateAccess(const Spec& spec, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_VALIDATE_ACCESS_H_
