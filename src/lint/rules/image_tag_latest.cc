// Rule `image-tag-latest`: An image without a tag or with `:latest`.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {

namespace {

constexpr RuleInfo kInfo{
    .id = "image-tag-latest",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "An image without a tag or with `:latest`.",
    .rationale =
        "`:latest` (and no tag, which means latest) is mutable: pods of one workload run different code after a "
        "reschedule, rollbacks are impossible, and CUDA/driver compatibility changes silently.",
    .fix = "Pin a version tag or a digest (`image: repo/name:1.2.3` or `@sha256:...`).",
    .bad_example = "image: pytorch/pytorch:latest",
    .good_example = "image: pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime",
    .enabled_by_default = true,
    .needs_spec = false,
};

class ImageTagLatest final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        NodeId in = d.Get(ct.node, "image");
        std::string_view img = d.Text(in);
        if (img.empty() || img.find('@') != std::string_view::npos) continue;
        size_t slash = img.rfind('/');
        size_t colon = img.rfind(':');
        bool tagged = colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash);
        if (tagged && img.substr(colon + 1) != "latest") continue;
        c.out.Report(kInfo, in, ct.path + ".image",
                     c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) + " uses " + Quote(img) +
                         (tagged ? "" : " (no tag means :latest)") + "; pin a version tag or digest");
      }
    }
  }
};

}  // namespace

const Rule& ImageTagLatestRule() {
  static const ImageTagLatest rule;
  return rule;
}

}  // namespace mlspec::lint
