// How the linter tells that a pod asks for GPUs: placeholders, GPU-sharing
// device plugins, DRA claims.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lint/lint.h"
#include "lint/workload.h"

namespace mlspec::lint {
namespace {

TEST(GpuAsk, PlaceholdersAreTemplateTokensNotTypos) {
  for (const char* p :
       {"$GPU_PER_NODE", "${GPUS}", "${GPUS:-1}", "${{ inputs.gpus }}", "$(GPUS)", "{{ .Values.gpus }}",
        "{{.Values.resources.gpu}}", "__GPUS__", "#{GPUS}#", "@GPUS@", "<GPU_COUNT>", "<gpus-per-node>", "  $GPUS  "}) {
    EXPECT_TRUE(IsQuantityPlaceholder(p)) << p;
  }
  for (const char* t : {"one", "1x", "2 GPUs", "$", "$1", "__", "____", "<>", "@@", "{{", "gpu", "$GPU S", "1"}) {
    EXPECT_FALSE(IsQuantityPlaceholder(t)) << t;
  }
}

TEST(GpuAsk, SharingPluginResourcesAreKnownAndCounted) {
  for (const char* r :
       {"nvidia.com/gpumem", "nvidia.com/gpucores", "nvidia.com/gpumem-percentage", "volcano.sh/vgpu-number",
        "volcano.sh/vgpu-memory", "volcano.sh/vgpu-cores", "aliyun.com/gpu-mem", "aliyun.com/gpu-count",
        "tencent.com/vcuda-core", "tencent.com/vcuda-memory", "gpu.intel.com/i915", "gpu.intel.com/xe", "amd.com/gpu",
        "nvidia.com/gpu.shared", "nvidia.com/mig-1g.10gb"}) {
    EXPECT_TRUE(IsGpuResource(r)) << r;
    EXPECT_FALSE(LooksLikeGpuResource(r)) << r;
  }
  EXPECT_FALSE(IsGpuResource("gpu.intel.com/i915_monitoring"));
  EXPECT_FALSE(LooksLikeGpuResource("gpu.intel.com/i915_monitoring"));
  EXPECT_TRUE(LooksLikeGpuResource("nvidia.com/gpu-memory"));  // no plugin offers it
  EXPECT_TRUE(LooksLikeGpuResource("nvidia.com/gpus"));
}

TEST(GpuAsk, DeviceClasses) {
  for (const char* c : {"gpu.nvidia.com", "mig.nvidia.com", "gpu.amd.com", "gpu.intel.com", "my-gpus"}) {
    EXPECT_TRUE(IsGpuDeviceClass(c)) << c;
  }
  for (const char* c :
       {"compute-domain-default-channel.nvidia.com", "dra.net", "sriovnetwork.k8snetworkplumbingwg.io"}) {
    EXPECT_FALSE(IsGpuDeviceClass(c)) << c;
  }
}

// A typo stays an error; a placeholder is a note that says what rules do.
TEST(GpuAsk, TypoIsAnErrorPlaceholderANote) {
  const std::string yaml =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n"
      "    resources:\n      limits:\n        nvidia.com/gpu: one\n        cpu: $CPUS\n"
      "        amd.com/gpu: \"{{ .Values.gpus }}\"\n";
  std::vector<LintInput> in = {{"p.yaml", yaml}};
  LintConfig cfg;
  LintResult r = Lint(in, cfg, nullptr);
  int errors = 0, notes = 0;
  for (const Diagnostic& d : r.problems) {
    if (d.severity == Severity::kError) {
      ++errors;
      EXPECT_NE(d.message.find("nvidia.com/gpu"), std::string::npos) << d.message;
    } else if (d.severity == Severity::kNote) {
      ++notes;
      EXPECT_NE(d.message.find("template placeholder"), std::string::npos) << d.message;
    }
  }
  EXPECT_EQ(errors, 1);
  EXPECT_EQ(notes, 2);
}

}  // namespace
}  // namespace mlspec::lint
