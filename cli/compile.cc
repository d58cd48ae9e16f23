// mlspec compile SPEC -o DIR | --check -o DIR | --diff -o DIR | --stdout
// Pipeline: LoadSpec → Validate → Resolve → Emit → (self-lint) → Write.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "base/exit_codes.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "cli/self_lint.h"
#include "emit/components.h"
#include "emit/emit.h"
#include "pipeline/pipeline.h"
#include "write/writer.h"

namespace mlspec {
namespace {

struct CompileOptions {
  std::string spec;
  std::string out_dir;
  bool check = false;
  bool diff = false;
  bool to_stdout = false;
  bool no_lint = false;
};

// Every Kubernetes manifest as one multi-document stream, cluster-scoped
// objects first (the FileSet is sorted and manifests/cluster sorts early
// enough only by luck, so order explicitly).
std::string ManifestStream(const FileSet& files) {
  std::string out;
  auto append = [&](const std::string& text) {
    if (!out.empty()) out += "---\n";
    out += text;
  };
  for (const auto& [path, data] : files)
    if (path.starts_with("manifests/cluster/")) append(data);
  for (const auto& [path, data] : files)
    if (path.starts_with("manifests/") && !path.starts_with("manifests/cluster/") && path.ends_with(".yaml"))
      append(data);
  return out;
}

// What the tree holds, for the line that ends a compile: "4 pools, at most
// 18 GPUs, 9 components".
std::string Contents(const Model& model) {
  long gpus = 0;
  for (const auto& [name, pool] : model.pools) gpus += static_cast<long>(pool.max_nodes) * pool.gpus_per_node;
  return std::to_string(model.pools.size()) + " pool(s), at most " + std::to_string(gpus) + " GPU(s), " +
         std::to_string(Components(model).size()) + " component(s)";
}

// "2 new, 3 changed, 1 removed" from what DiffTree found (the generated list
// is bookkeeping, not counted).
std::string Changes(const TreeDiff& diff) {
  auto count = [](const std::vector<std::string>& v) {
    size_t n = 0;
    for (const auto& f : v) n += f != kGeneratedListName;
    return n;
  };
  return std::to_string(count(diff.missing)) + " new, " + std::to_string(count(diff.stale)) + " changed, " +
         std::to_string(count(diff.extra)) + " removed";
}

// [gitops] path is where the ArgoCD Applications look for the tree in the
// repository; -o is where this compile writes it. They agree when the last
// components of -o are `path` (a relative -o inside the repository, or an
// absolute one ending in it). Anything else is most likely a tree ArgoCD
// never reads, so say so at the spec line.
void CheckGitOpsPath(const Model& model, const std::string& out_dir, Diagnostics& diags) {
  if (!model.gitops || out_dir.empty()) return;
  namespace fs = std::filesystem;
  const fs::path want = fs::path(model.gitops->path).lexically_normal();
  if (want.empty() || want == ".") return;  // the repository root: any directory may be it
  std::vector<std::string> out, path;
  for (const auto& part : fs::path(out_dir).lexically_normal())
    if (!part.empty() && part != ".") out.push_back(part.string());
  for (const auto& part : want)
    if (!part.empty() && part != ".") path.push_back(part.string());
  if (out.size() >= path.size() && std::equal(path.rbegin(), path.rend(), out.rbegin())) return;
  diags.Warning(model.gitops->locs.At("path"),
                "[gitops] `path` is \"" + model.gitops->path + "\", but -o writes to \"" + out_dir +
                    "\": the ArgoCD Applications read the tree from " + model.gitops->path + "/ of " +
                    model.gitops->repo_url + "; compile with -o " + model.gitops->path +
                    " from the repository root, or set path to where this directory is committed");
}

// What --stdout leaves out: the Helm releases, which only a chart render
// turns into manifests.
std::string ReleasesLeftOut(const Model& model) {
  std::string names;
  for (const Component& c : Components(model))
    if (c.kind == Component::Kind::kHelmRelease) names += (names.empty() ? "" : ", ") + c.id;
  return names;
}

int RunCompile(const CompileOptions& opts) {
  Diagnostics diags;
  std::optional<Model> spec = LoadResolvedModel(opts.spec, diags);
  if (!spec) {
    PrintDiagnostics(diags);
    return kExitInvalid;
  }
  FileSet files;
  EmitAll(*spec, files);
  if (!diags.has_errors() && !opts.no_lint) SelfLint(*spec, files, diags);
  CheckGitOpsPath(*spec, opts.out_dir, diags);
  if (diags.has_errors()) {
    PrintDiagnostics(diags);
    return kExitInvalid;
  }
  PrintDiagnostics(diags);  // warnings, if any

  if (opts.to_stdout) {
    std::string stream = ManifestStream(files);
    std::fwrite(stream.data(), 1, stream.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {  // e.g. a full disk behind `>`
      std::fprintf(stderr, "-: error: cannot write the manifests to standard output: %s\n", std::strerror(errno));
      return kExitInvalid;
    }
    if (const std::string left_out = ReleasesLeftOut(*spec); !left_out.empty())
      std::fprintf(stderr,
                   "mlspec: note: --stdout prints the manifests folders only; the Helm releases (%s) are not in "
                   "the stream: install them from their values files (compile -o DIR%s)\n",
                   left_out.c_str(), spec->gitops ? ", whose ArgoCD Applications name each chart" : "");
    return kExitOk;
  }
  if (opts.check) {
    TreeDiff diff = DiffTree(opts.out_dir, files);
    for (const auto& f : diff.missing) std::fprintf(stderr, "%s/%s: missing\n", opts.out_dir.c_str(), f.c_str());
    for (const auto& f : diff.stale) std::fprintf(stderr, "%s/%s: stale\n", opts.out_dir.c_str(), f.c_str());
    for (const auto& f : diff.extra)
      std::fprintf(stderr, "%s/%s: no longer generated\n", opts.out_dir.c_str(), f.c_str());
    if (!diff.empty()) {
      std::fprintf(stderr, "%s is out of date with %s; run `mlspec compile %s -o %s`\n", opts.out_dir.c_str(),
                   opts.spec.c_str(), opts.spec.c_str(), opts.out_dir.c_str());
      return kExitFindings;
    }
    return kExitOk;
  }
  if (opts.diff) {  // the patch a commit of the new tree would carry; exit 1 when there is one
    std::string patch = DiffTreePatch(opts.out_dir, files);
    std::fwrite(patch.data(), 1, patch.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      std::fprintf(stderr, "-: error: cannot write the diff to standard output: %s\n", std::strerror(errno));
      return kExitInvalid;
    }
    if (patch.empty()) return kExitOk;
    std::fprintf(stderr, "mlspec: %s would change: %s\n", opts.out_dir.c_str(),
                 Changes(DiffTree(opts.out_dir, files)).c_str());
    return kExitFindings;
  }
  const TreeDiff before = DiffTree(opts.out_dir, files);
  WriteReport report;
  if (!WriteTree(opts.out_dir, files, diags, &report)) {
    PrintDiagnostics(diags);
    return kExitInvalid;
  }
  for (const auto& f : report.kept_foreign)
    std::fprintf(stderr, "%s/%s: note: not generated by mlspec; kept as is\n", opts.out_dir.c_str(), f.c_str());
  for (const auto& f : report.removed)
    std::fprintf(stderr, "%s/%s: note: no longer generated; removed\n", opts.out_dir.c_str(), f.c_str());
  std::fprintf(stderr, "mlspec: wrote %zu files to %s (%s); %s\n", files.size(), opts.out_dir.c_str(),
               Changes(before).c_str(), Contents(*spec).c_str());
  return kExitOk;
}

}  // namespace

void RegisterCompile(CLI::App& app, Command* selected) {
  auto opts = std::make_shared<CompileOptions>();
  CLI::App* sub = app.add_subcommand(
      "compile", "Compile a spec into a GitOps tree: manifests, Helm values, ArgoCD Applications, Terraform");
  sub->add_option("SPEC", opts->spec, "Spec file (TOML)")->required();
  auto* out = sub->add_option("-o,--output", opts->out_dir,
                              "Output directory, replaced atomically; files mlspec did not generate are kept");
  auto* check = sub->add_flag("--check", opts->check,
                              "Write nothing; exit 1 and list the files when the output directory is out of date");
  auto* diff = sub->add_flag("--diff", opts->diff,
                             "Write nothing; print the unified diff writing would make (a/DIR/PATH, b/DIR/PATH) "
                             "and exit 1 when there is one");
  auto* stdout_flag =
      sub->add_flag("--stdout", opts->to_stdout,
                    "Print the manifests folders as one YAML stream (ArgoCD CMP); Helm releases are not in it "
                    "(a note on stderr names them)");
  sub->add_flag("--no-lint", opts->no_lint, "Skip linting the emitted manifests against the spec");
  stdout_flag->excludes(check)->excludes(out)->excludes(diff);
  check->needs(out);
  diff->needs(out)->excludes(check);
  sub->callback([opts, selected] {
    *selected = [opts] {
      if (!opts->to_stdout && opts->out_dir.empty()) {
        std::fprintf(stderr, "mlspec compile: error: give -o DIR or --stdout\n");
        return static_cast<int>(kExitInvalid);
      }
      return RunCompile(*opts);
    };
  });
}

}  // namespace mlspec
