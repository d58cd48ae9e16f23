// mlspec lint [PATH...]: check Kubernetes manifests (files, directories, `-`
// for stdin) with the rules of src/lint/; optionally against a spec.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/exit_codes.h"
#include "base/read_file.h"
#include "base/text.h"
#include "base/version.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "lint/config.h"
#include "lint/lint.h"
#include "lint/manifest_walk.h"
#include "lint/report.h"
#include "pipeline/pipeline.h"

namespace mlspec {
namespace {

struct LintOptions {
  std::vector<std::string> paths;
  std::string spec;
  std::string config;
  std::vector<std::string> formats;
  std::vector<std::string> outputs;
  std::string fail_on = "error";
  unsigned jobs = 0;
  bool no_inline = false;
  std::string color = "auto";
  bool show_suppressed = false;
  std::vector<std::string> disable;
  std::vector<std::string> enable;
  bool extended_resource_toleration = false;
  bool follow_symlinks = false;
};

bool ReadFile(const std::string& path, std::string* out) {
  std::string error;
  return ReadInputFile(path, kMaxManifestBytes, out, &error);
}

bool Excluded(const LintConfig& cfg, const std::string& path) {
  std::string p = path.starts_with("./") ? path.substr(2) : path;
  for (const std::string& g : cfg.exclude) {
    if (GlobMatch(g, p)) return true;
  }
  return false;
}

// Expands directories (sorted, recursive) into manifest files.
bool CollectInputs(const std::vector<std::string>& paths, const LintConfig& cfg, bool follow_symlinks,
                   std::vector<LintInput>* inputs, Diagnostics& diags) {
  WalkOptions walk;
  walk.follow_symlinks = follow_symlinks;
  walk.threads = cfg.jobs ? cfg.jobs : std::max(1u, std::thread::hardware_concurrency());
  bool stdin_used = false;
  for (const std::string& p : paths) {
    if (p == "-") {
      if (stdin_used) continue;
      stdin_used = true;
      std::string content, error;
      if (!ReadInputStream(STDIN_FILENO, kMaxManifestBytes, &content, &error)) {
        diags.Error({"-", 0, 0}, "cannot read standard input: " + error);
        continue;
      }
      inputs->push_back({"-", std::move(content)});
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      size_t errors = diags.error_count();
      std::vector<std::string> found = WalkManifests(p, walk, diags);
      if (found.empty() && diags.error_count() == errors) {
        diags.Error({p, 0, 0}, "no manifests (*.yaml, *.yml, *.json) in this directory");
      }
      for (std::string& f : found) {
        if (!Excluded(cfg, f)) inputs->push_back({std::move(f), std::nullopt});
      }
    } else if (std::filesystem::exists(p, ec)) {
      if (!Excluded(cfg, p)) inputs->push_back({p, std::nullopt});
    } else {
      diags.Error({p, 0, 0}, ec ? ec.message() : "no such file or directory");  // ELOOP, EACCES, …
    }
  }
  return !diags.has_errors();
}

std::optional<Severity> ParseSeverity(std::string_view s) {
  if (s == "error") return Severity::kError;
  if (s == "warning") return Severity::kWarning;
  if (s == "info") return Severity::kInfo;
  return std::nullopt;
}

constexpr std::string_view kFormats[] = {"text", "json", "sarif", "junit"};
constexpr std::string_view kSeverities[] = {"error", "warning", "info"};
constexpr std::string_view kColors[] = {"auto", "always", "never"};

// Whether `value` is one of `allowed`; else reports a usage error:
// "unknown --color `bogus`; use auto, always or never (did you mean `always`?)".
bool CheckChoice(std::string_view option, std::string_view value, std::span<const std::string_view> allowed,
                 Diagnostics& diags) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return true;
  std::string msg = "unknown " + std::string(option) + " " + Quote(value) + "; use ";
  for (size_t i = 0; i < allowed.size(); ++i) {
    if (i) msg += i + 1 == allowed.size() ? " or " : ", ";
    msg += allowed[i];
  }
  if (auto d = DidYouMean(value, allowed)) msg += " (did you mean " + Quote(*d) + "?)";
  diags.Error({}, msg);
  return false;
}

int RunLint(const LintOptions& opts) {
  Diagnostics diags;
  LintConfig cfg;
  // Configuration: .mlspec.toml (or --config), then the spec's [lint] table,
  // then flags.
  std::string cfg_path = opts.config.empty() ? FindConfigUpward(".") : opts.config;
  if (!cfg_path.empty()) {
    std::string text;
    std::string error;
    if (!ReadInputFile(cfg_path, kMaxSpecBytes, &text, &error))
      diags.Error({cfg_path, 0, 0}, "cannot read config file: " + error);
    else ParseLintConfig(cfg_path, text, &cfg, diags);
  }
  std::optional<Model> spec;
  if (!opts.spec.empty()) {
    spec = LoadResolvedModel(opts.spec, diags);
    std::string text;
    std::string error;
    if (spec && ReadInputFile(opts.spec, kMaxSpecBytes, &text, &error)) ParseLintConfig(opts.spec, text, &cfg, diags);
  }
  // `*` first, then rule ids, --disable before --enable: `--disable '*' --enable
  // gpu-limit-missing` runs one rule, `--enable '*' --disable image-tag-latest` all but one.
  for (bool wildcard : {true, false}) {
    for (const auto& [list, on] : {std::pair{&opts.disable, false}, std::pair{&opts.enable, true}}) {
      for (const std::string& id : *list) {
        if ((id == "*") != wildcard) continue;
        if (std::string err = SetRuleEnabled(id, on, &cfg); !err.empty()) {
          diags.Error({}, (on ? "--enable: " : "--disable: ") + err);
        }
      }
    }
  }
  if (opts.no_inline) cfg.inline_suppressions = false;
  if (opts.extended_resource_toleration) cfg.extended_resource_toleration = true;
  if (opts.jobs) cfg.jobs = opts.jobs;
  auto fail_on = ParseSeverity(opts.fail_on);
  CheckChoice("--fail-on", opts.fail_on, kSeverities, diags);
  CheckChoice("--color", opts.color, kColors, diags);
  std::vector<std::string> formats = opts.formats;
  if (formats.empty()) formats.push_back("text");
  for (const std::string& f : formats) CheckChoice("--format", f, kFormats, diags);
  if (opts.outputs.size() > formats.size()) {
    diags.Error({}, "more --output than --format options; each --output belongs to a --format");
  }
  std::vector<LintInput> inputs;
  if (opts.paths.empty()) {
    diags.Error({}, "no PATH given; name files, directories or - for stdin (`mlspec lint .` for this directory)");
  }
  if (!diags.has_errors()) CollectInputs(opts.paths, cfg, opts.follow_symlinks, &inputs, diags);
  inputs.shrink_to_fit();  // the file list stays to the end: up to half of it would be slack
  if (diags.has_errors() || (!opts.spec.empty() && !spec)) {
    PrintDiagnostics(diags);
    return kExitInvalid;
  }
  PrintDiagnostics(diags);

  // Findings past 1 MiB (encoded) go to a temporary file: a report is one
  // pass over them, so nothing is gained by holding more in memory.
  LintRun result = LintStreamed(inputs, cfg, spec ? &*spec : nullptr, size_t{1} << 20);
  // Invalid input and notes go to stderr in every format, so that stdout
  // carries nothing but the report (SARIF consumers parse it whole).
  for (const Diagnostic& d : result.problems()) std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
  if (!result.error().empty()) {
    std::fprintf(stderr, "mlspec: error: %s\n", result.error().c_str());
    return kExitInvalid;
  }

  std::map<std::string, std::string> stdin_text;
  for (const LintInput& in : inputs) {
    if (in.path == "-" && in.content) stdin_text["-"] = *in.content;
  }
  // Text output shows the source line of cross-document findings, read again
  // here. Reports are formatted on several threads, each in its own stretch
  // of files: each thread keeps the last file it read (tagged with this run,
  // so that a later run in the same process never sees a stale copy).
  static std::atomic<uint64_t> runs{0};
  const uint64_t run = ++runs;
  SourceLines src = [&stdin_text, run](const std::string& file, uint32_t line) -> std::optional<std::string> {
    struct Cache {
      uint64_t run = 0;
      std::string path;
      std::vector<std::string> lines;
    };
    thread_local Cache cache;
    if (cache.run != run || cache.path != file) {
      cache.run = 0;
      cache.lines.clear();
      std::string text;
      if (auto in = stdin_text.find(file); in != stdin_text.end()) text = in->second;
      else if (!ReadFile(file, &text)) return std::nullopt;
      std::istringstream ss(text);
      for (std::string l; std::getline(ss, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        cache.lines.push_back(std::move(l));
      }
      cache.run = run;
      cache.path = file;
    }
    if (line == 0 || line > cache.lines.size()) return std::nullopt;
    return cache.lines[line - 1];
  };

  // Each report is written while the findings are read back, file by file.
  int rc = kExitOk;
  for (size_t i = 0; i < formats.size(); ++i) {
    const std::string& f = formats[i];
    bool to_file = i < opts.outputs.size() && opts.outputs[i] != "-";
    std::FILE* file = to_file ? std::fopen(opts.outputs[i].c_str(), "wb") : stdout;
    if (file == nullptr) {
      std::fprintf(stderr, "%s: error: cannot write output: %s\n", opts.outputs[i].c_str(), std::strerror(errno));
      rc = kExitInvalid;
      continue;
    }
    bool ok;
    {
      ReportOut out(file);
      if (f == "json") WriteJson(result, out);
      else if (f == "sarif") WriteSarif(result, kVersion, out);
      else if (f == "junit") WriteJunit(result, out);
      else {
        TextOptions to;
        to.color = !to_file && (opts.color == "always" || (opts.color == "auto" && isatty(1)));
        to.show_suppressed = opts.show_suppressed;
        WriteText(result, to, src, out);
      }
      ok = out.Flush();
    }
    if (to_file) {
      // fclose flushes: a full disk shows here, not before.
      if (std::fclose(file) != 0) ok = false;
      if (!ok) {
        std::fprintf(stderr, "%s: error: cannot write output: %s\n", opts.outputs[i].c_str(), std::strerror(errno));
        rc = kExitInvalid;
      }
    } else if (!ok || std::fflush(stdout) != 0 || std::ferror(stdout)) {
      std::fprintf(stderr, "-: error: cannot write the report to standard output: %s\n", std::strerror(errno));
      rc = kExitInvalid;
    }
  }
  // Reading the findings back can fail too (the temporary file): then the
  // reports above are incomplete.
  if (!result.error().empty()) {
    std::fprintf(stderr, "mlspec: error: %s\n", result.error().c_str());
    rc = kExitInvalid;
  }
  if (rc == kExitOk && !result.has_input_errors()) rc = result.CountAtOrAbove(*fail_on) > 0 ? kExitFindings : kExitOk;
  else rc = kExitInvalid;
  // The file list and the run's summaries live until the process exits:
  // freeing them one allocation at a time (a tenth of a second at 100 000
  // documents) would only delay the exit. Like clang's -disable-free, they
  // stay reachable from a global, so leak checkers stay quiet.
  static std::vector<std::unique_ptr<LintRun>>* buried_runs = new std::vector<std::unique_ptr<LintRun>>;
  static std::vector<std::vector<LintInput>>* buried_inputs = new std::vector<std::vector<LintInput>>;
  buried_runs->push_back(std::make_unique<LintRun>(std::move(result)));
  buried_inputs->push_back(std::move(inputs));
  return rc;
}

}  // namespace

void RegisterLint(CLI::App& app, Command* selected) {
  auto opts = std::make_shared<LintOptions>();
  CLI::App* sub = app.add_subcommand("lint",
                                     "Check Kubernetes manifests for GPU, shared-memory, scheduling and hygiene "
                                     "mistakes; with --spec, against the cluster's pools, taints and quotas.");
  sub->add_option("PATH", opts->paths,
                  "Files, directories (recursive *.yaml, *.yml, *.json; . for the working directory) or - for stdin");
  sub->add_option(
      "--spec", opts->spec,
      "mlspec spec (TOML): check against its pools, labels, taints and quotas; its [lint] table configures rules");
  sub->add_option(
      "--config", opts->config,
      "Lint config (TOML with a [lint] table); default: .mlspec.toml found upward from the working directory");
  sub->add_option("-f,--format", opts->formats, "text (default), json, sarif or junit; repeatable")
      ->allow_extra_args(false);
  sub->add_option("-o,--output", opts->outputs,
                  "File for the format given in the same position (- for stdout); repeatable")
      ->allow_extra_args(false);
  sub->add_option("--fail-on", opts->fail_on,
                  "Exit 1 on unsuppressed findings at or above: error (default), warning, info");
  sub->add_option("-j,--jobs", opts->jobs, "Threads (default: hardware concurrency)");
  sub->add_flag("--no-inline-suppressions", opts->no_inline, "Ignore `# mlspec:ignore` comments (strict CI)");
  sub->add_option("--color", opts->color, "auto (default), always, never");
  sub->add_flag("--show-suppressed", opts->show_suppressed, "List suppressed findings in text output");
  sub->add_option("--disable", opts->disable, "Rule ids to turn off (* for all); repeatable")->allow_extra_args(false);
  sub->add_option("--enable", opts->enable, "Rule ids to turn on (also off-by-default ones; * for all); repeatable")
      ->allow_extra_args(false);
  sub->add_flag("--extended-resource-toleration", opts->extended_resource_toleration,
                "The cluster adds GPU tolerations itself (GKE's ExtendedResourceToleration)");
  sub->add_flag("--follow-symlinks", opts->follow_symlinks,
                "In directories, follow symlinks that lead outside them (default: only those that stay inside)");
  sub->footer(
      "Formats: text (FILE:LINE:COL: SEVERITY: MESSAGE [rule-id], the source line and a caret, then a summary), "
      "json, sarif (SARIF 2.1.0) and junit; each --format may have its --output.\n"
      "Exit codes: 0 no finding at or above --fail-on (error, warning or info; default error), 1 such findings, "
      "2 invalid input or usage (a file that does not parse, an unknown rule id or option value).\n"
      "Suppressions: annotation mlspec.io/ignore: \"rule-a,rule-b\" (reason in mlspec.io/ignore-reason) on an "
      "object; comment `# mlspec:ignore rule-a,rule-b reason` on or above the line (off with "
      "--no-inline-suppressions); `*` for every rule, also in --disable and --enable. Rules: `mlspec rules`, "
      "`mlspec explain RULE`.");
  sub->callback([opts, selected] { *selected = [opts] { return RunLint(*opts); }; });
}

}  // namespace mlspec
