// libFuzzer target: the linter (YAML bytes in), every rule on, once without
// a spec and once against the AKS example spec (rules that need a spec run
// only then). One thread, so a finding reproduces.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "base/diagnostics.h"
#include "lint/config.h"
#include "lint/lint.h"
#include "lint/registry.h"
#include "lint/report.h"
#include "pipeline/pipeline.h"

namespace {

struct Setup {
  mlspec::LintConfig config;
  std::optional<mlspec::Model> spec;
};

const Setup& GetSetup() {
  static const Setup* setup = [] {
    auto* s = new Setup;
    s->config.jobs = 1;
    for (const mlspec::lint::Rule* r : mlspec::lint::AllRules()) s->config.enabled[std::string(r->info().id)] = true;
    std::ifstream in(MLSPEC_SOURCE_DIR "/examples/aks-platform.toml", std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    mlspec::Diagnostics diags;
    s->spec = mlspec::ResolveSpecText("aks-platform.toml", buf.str(), diags);
    if (!s->spec) {
      std::fprintf(stderr, "fuzz_lint: cannot load the example spec:\n%s", diags.ToString().c_str());
      std::abort();
    }
    return s;
  }();
  return *setup;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Setup& setup = GetSetup();
  mlspec::LintInput input{"fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size)};
  for (const mlspec::Model* spec : {static_cast<const mlspec::Model*>(nullptr), &*setup.spec}) {
    mlspec::LintResult result = mlspec::Lint({&input, 1}, setup.config, spec);
    // The report must cope with whatever the findings hold. (Not SARIF: it
    // repeats every rule's metadata and would cost most of each run.)
    (void)mlspec::FormatJson(result);
  }
  return 0;
}
