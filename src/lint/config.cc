#include "lint/config.h"

#include <filesystem>
#include <vector>

#include <toml++/toml.h>

#include "base/text.h"
#include "lint/registry.h"
#include "spec/toml_reader.h"

namespace mlspec {

namespace {

SourceLoc LocOf(std::string_view path, const toml::node& n) {
  const toml::source_region& r = n.source();
  return {std::string(path), r.begin.line, r.begin.column};
}

std::optional<Severity> SeverityFromName(std::string_view s) {
  if (s == "error") return Severity::kError;
  if (s == "warning") return Severity::kWarning;
  if (s == "info") return Severity::kInfo;
  return std::nullopt;
}

std::string UnknownRule(std::string_view id) {
  std::vector<std::string_view> ids;
  for (const lint::Rule* r : lint::AllRules()) ids.push_back(r->info().id);
  std::string msg = "unknown lint rule " + Quote(id);
  if (auto s = DidYouMean(id, ids)) msg += "; did you mean " + Quote(*s) + "?";
  return msg;
}

bool CheckRuleId(std::string_view path, const toml::node& n, std::string_view id, Diagnostics& diags) {
  if (lint::FindRule(id)) return true;
  diags.Error(LocOf(path, n), UnknownRule(id));
  return false;
}

}  // namespace

std::string SetRuleEnabled(std::string_view id, bool on, LintConfig* config) {
  if (id == "*") {
    for (const lint::Rule* r : lint::AllRules()) config->enabled[std::string(r->info().id)] = on;
    return {};
  }
  if (!lint::FindRule(id)) return UnknownRule(id);
  config->enabled[std::string(id)] = on;
  return {};
}

bool ParseLintConfig(std::string_view path, std::string_view toml_text, LintConfig* config, Diagnostics& diags) {
  size_t errors_before = diags.error_count();
  toml::table root;
  if (!CheckTomlDepth(toml_text, std::string(path), diags)) return false;
  try {  // toml++ is built with exceptions here; none leave this function.
    root = toml::parse(toml_text, std::string(path));
  } catch (const toml::parse_error& e) {
    diags.Error({std::string(path), e.source().begin.line, e.source().begin.column}, std::string(e.description()));
    return false;
  }
  const toml::table* lint = root["lint"].as_table();
  if (!lint) return true;
  static constexpr std::string_view kKeys[] = {
      "disable",       "enable", "severity", "exclude", "extended_resource_toleration", "inline_suppressions",
      "pod_templates", "jobs"};
  struct RuleId {
    const toml::node* node;
    std::string id;
    bool on;
  };
  std::vector<RuleId> rule_ids;  // applied after `*`, so that ids override it
  for (const auto& [key, value] : *lint) {
    std::string_view k = key.str();
    auto loc = LocOf(path, value);
    if (k == "disable" || k == "enable" || k == "exclude") {
      const toml::array* arr = value.as_array();
      if (!arr) {
        diags.Error(loc, "lint." + std::string(k) + " must be an array of strings");
        continue;
      }
      for (const toml::node& item : *arr) {
        auto s = item.value<std::string>();
        if (!s) {
          diags.Error(LocOf(path, item), "lint." + std::string(k) + " must hold strings");
          continue;
        }
        if (k == "exclude") {
          config->exclude.push_back(*s);
        } else if (*s == "*") {
          SetRuleEnabled(*s, k == "enable", config);
        } else {
          rule_ids.push_back({&item, *s, k == "enable"});
        }
      }
    } else if (k == "severity") {
      const toml::table* t = value.as_table();
      if (!t) {
        diags.Error(loc, "lint.severity must be a table of rule = \"error|warning|info\"");
        continue;
      }
      for (const auto& [rk, rv] : *t) {
        if (!CheckRuleId(path, rv, rk.str(), diags)) continue;
        auto s = rv.value<std::string>();
        auto sev = s ? SeverityFromName(*s) : std::nullopt;
        if (!sev) {
          diags.Error(LocOf(path, rv), "severity must be \"error\", \"warning\" or \"info\"");
          continue;
        }
        config->severity[std::string(rk.str())] = *sev;
      }
    } else if (k == "extended_resource_toleration" || k == "inline_suppressions") {
      auto b = value.value<bool>();
      if (!b) {
        diags.Error(loc, "lint." + std::string(k) + " must be true or false");
        continue;
      }
      (k == "inline_suppressions" ? config->inline_suppressions : config->extended_resource_toleration) = *b;
    } else if (k == "jobs") {
      auto n = value.value<int64_t>();
      if (!n || *n < 0 || *n > 1024) {
        diags.Error(loc, "lint.jobs must be an integer from 0 to 1024");
        continue;
      }
      config->jobs = static_cast<unsigned>(*n);
    } else if (k == "pod_templates") {
      const toml::array* arr = value.as_array();
      if (!arr) {
        diags.Error(loc, "lint.pod_templates must be an array of tables");
        continue;
      }
      for (const toml::node& item : *arr) {
        const toml::table* t = item.as_table();
        TemplatePath tp;
        if (!t) {
          diags.Error(LocOf(path, item), "lint.pod_templates entries must be tables");
          continue;
        }
        bool ok = true;
        for (const auto& [tk, tv] : *t) {
          auto s = tv.value<std::string>();
          std::string_view name = tk.str();
          std::string* field = name == "kind"        ? &tp.kind
                               : name == "api_group" ? &tp.api_group
                               : name == "path"      ? &tp.path
                               : name == "form"      ? &tp.form
                               : name == "replicas"  ? &tp.replicas
                                                     : nullptr;
          if (!field) {
            std::string_view cands[] = {"kind", "api_group", "path", "form", "replicas"};
            std::string msg = "unknown key " + Quote(name) + " in lint.pod_templates";
            if (auto d = DidYouMean(name, cands)) msg += "; did you mean " + Quote(*d) + "?";
            diags.Error(LocOf(path, tv), msg);
            ok = false;
          } else if (!s) {
            diags.Error(LocOf(path, tv), "lint.pod_templates." + std::string(name) + " must be a string");
            ok = false;
          } else {
            *field = *s;
          }
        }
        if (ok && (tp.kind.empty() || tp.path.empty())) {
          diags.Error(LocOf(path, item), "lint.pod_templates entries need `kind` and `path`");
          ok = false;
        }
        if (ok && tp.form != "template" && tp.form != "podspec" && tp.form != "container") {
          diags.Error(LocOf(path, item), "lint.pod_templates form must be \"template\", \"podspec\" or \"container\"");
          ok = false;
        }
        if (ok) config->extra_templates.push_back(std::move(tp));
      }
    } else {
      std::string msg = "unknown key " + Quote(k) + " in [lint]";
      if (auto d = DidYouMean(k, kKeys)) msg += "; did you mean " + Quote(*d) + "?";
      diags.Error(loc, msg);
    }
  }
  for (const RuleId& r : rule_ids) {
    if (std::string err = SetRuleEnabled(r.id, r.on, config); !err.empty()) diags.Error(LocOf(path, *r.node), err);
  }
  return diags.error_count() == errors_before;
}

std::string FindConfigUpward(const std::string& start_dir) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start_dir, ec);
  if (ec) return {};
  for (;;) {
    std::filesystem::path candidate = dir / ".mlspec.toml";
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) return {};
    dir = dir.parent_path();
  }
}

bool GlobMatch(std::string_view pat, std::string_view s) {
  // Iterative matcher with backtracking for `*` (within a segment) and `**`.
  if (pat.empty()) return s.empty();
  if (pat.starts_with("**")) {
    std::string_view rest = pat.substr(2);
    if (rest.starts_with("/")) rest.remove_prefix(1);
    for (size_t i = 0; i <= s.size(); ++i) {
      if (GlobMatch(rest, s.substr(i))) return true;
    }
    return false;
  }
  if (pat.front() == '*') {
    for (size_t i = 0; i <= s.size(); ++i) {
      if (GlobMatch(pat.substr(1), s.substr(i))) return true;
      if (i < s.size() && s[i] == '/') break;
    }
    return false;
  }
  if (s.empty()) return false;
  if (pat.front() == '?' ? s.front() != '/' : pat.front() == s.front()) {
    return GlobMatch(pat.substr(1), s.substr(1));
  }
  return false;
}

}  // namespace mlspec
