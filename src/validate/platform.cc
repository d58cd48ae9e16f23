#include "validate/platform.h"

#include <map>
#include <set>

#include "base/text.h"
#include "model/platform.h"

namespace mlspec {

void ValidatePlatform(const Model& model, Diagnostics& diags) {
  if (model.platform) {
    const Platform& p = *model.platform;
    std::set<std::string> seen;
    for (size_t i = 0; i < p.provided.size(); ++i) {
      const std::string& id = p.provided[i];
      if (!ParsePrerequisite(id)) {
        std::string msg = "[platform] `provided`: unknown component \"" + id + "\"";
        if (auto m = DidYouMean(id, PrerequisiteIds())) msg += "; did you mean \"" + *m + "\"?";
        else {
          msg += "; known:";
          for (std::string_view k : PrerequisiteIds()) msg += " " + std::string(k);
        }
        diags.Error(p.provided_locs[i], msg);
      } else if (!seen.insert(id).second) {
        diags.Error(p.provided_locs[i], "[platform] `provided` lists \"" + id + "\" twice");
      }
    }
  }
  if (model.monitoring) {
    const Monitoring& m = *model.monitoring;
    const bool provided = IsProvided(model, Prerequisite::kPrometheusOperator);
    if (m.install.value_or(false) && provided)
      diags.Error(m.locs.At("install"),
                  "[monitoring] `install = true`, but [platform] provides \"prometheus-operator\"; a second "
                  "Prometheus Operator would fight the first over the same CRDs: drop one");
    if (!m.install.value_or(!provided) && m.prometheus_url.empty())
      diags.Error(m.locs.table,
                  "[monitoring] does not install Prometheus here, so it needs `prometheus_url`: the in-cluster URL "
                  "of the Prometheus that scrapes the DCGM exporter, e.g. "
                  "\"http://prometheus-operated.monitoring.svc:9090\"");
  }
  std::set<std::pair<Prerequisite, std::string>> reported;
  // Installs() looks at every need itself: ask once per prerequisite, not
  // once per need (a 1000-pool spec has thousands).
  std::map<Prerequisite, bool> installed;
  auto installs = [&](Prerequisite p) {
    auto [it, fresh] = installed.try_emplace(p, false);
    if (fresh) it->second = Installs(model, p);
    return it->second;
  };
  for (const Need& n : Needs(model)) {
    if (IsProvided(model, n.what) || installs(n.what)) continue;
    if (!reported.insert({n.what, n.who}).second) continue;
    const std::string id(PrerequisiteId(n.what));
    std::string fix;
    if (n.what == Prerequisite::kPrometheusOperator)
      fix =
          "add a [monitoring] table (mlspec then installs kube-prometheus-stack), or, if the cluster runs it, "
          "declare [platform] provided = [\"" +
          id + "\"]";
    else fix = "mlspec has no pinned chart for it yet: install it and declare [platform] provided = [\"" + id + "\"]";
    diags.Error(n.loc, n.who + " needs " + std::string(PrerequisiteWhat(n.what)) + ": " + n.why +
                           "; nothing installs it: " + fix);
  }
}

}  // namespace mlspec
