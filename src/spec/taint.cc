#include "spec/taint.h"

#include <array>

#include "base/text.h"

namespace mlspec {
namespace {
constexpr std::array<std::string_view, 3> kEffects = {"NoSchedule", "PreferNoSchedule", "NoExecute"};
}  // namespace

std::string Taint::ToString() const { return key + (value.empty() ? "" : "=" + value) + ":" + effect; }

std::optional<Taint> ParseTaint(std::string_view text, std::string* error) {
  auto fail = [&](std::string msg) -> std::optional<Taint> {
    if (error) *error = "invalid taint \"" + std::string(text) + "\": " + std::move(msg);
    return std::nullopt;
  };
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos)
    return fail("missing effect; write KEY[=VALUE]:EFFECT, e.g. \"nvidia.com/gpu=true:NoSchedule\"");
  Taint t;
  std::string_view kv = text.substr(0, colon);
  std::string_view effect = text.substr(colon + 1);
  bool known = false;
  for (std::string_view e : kEffects) known = known || e == effect;
  if (!known) {
    std::string msg = "unknown effect \"" + std::string(effect) + "\"";
    if (auto s = DidYouMean(effect, kEffects)) msg += "; did you mean \"" + *s + "\"?";
    else msg += "; use NoSchedule, PreferNoSchedule or NoExecute";
    return fail(msg);
  }
  size_t eq = kv.find('=');
  t.key = std::string(kv.substr(0, eq));
  if (eq != std::string_view::npos) t.value = std::string(kv.substr(eq + 1));
  t.effect = std::string(effect);
  if (t.key.empty()) return fail("empty key; write KEY[=VALUE]:EFFECT");
  if (!IsQualifiedName(t.key))
    return fail("key \"" + t.key +
                "\" is not a valid label key ([prefix/]name, name at most 63 characters of [A-Za-z0-9._-])");
  if (!IsLabelValue(t.value))
    return fail("value \"" + t.value +
                "\" is not a valid label value (at most 63 characters of [A-Za-z0-9._-], alphanumeric at both ends)");
  return t;
}

}  // namespace mlspec
