// Training jobs in a GitOps tree: a one-shot job is an ArgoCD Sync hook next
// to a revision ConfigMap, so changing the job changes exactly that
// ConfigMap (the Application goes OutOfSync and the hook is replaced, never
// patched: a Job's pod template is immutable), and an unchanged job leaves
// the tree unchanged. Storage is never pruned.
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "base/diagnostics.h"
#include "emit/emit.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace mlspec {
namespace {
using testing::ReadFileOrDie;
using testing::SourceDir;

Model LoadWorkloads() {
  Diagnostics diags;
  auto model = ResolveSpecText("ml-workloads.toml", ReadFileOrDie(SourceDir() / "examples/ml-workloads.toml"), diags);
  EXPECT_TRUE(model) << diags.ToString();
  return model ? *model : Model{};
}

YAML::Node Doc(const FileSet& files, const std::string& path) {
  auto it = files.find(path);
  EXPECT_NE(it, files.end()) << path;
  return it == files.end() ? YAML::Node() : YAML::Load(it->second);
}

TEST(JobsTest, OneShotJobsAreSyncHooksWithARevision) {
  const Model model = LoadWorkloads();
  FileSet files;
  EmitAll(model, files);
  int one_shot = 0;
  for (const auto& [name, job] : model.jobs) {
    SCOPED_TRACE(name);
    if (job.kind() == Job::Kind::kCronJob) {
      YAML::Node cron = Doc(files, "manifests/" + job.namespace_name + "/cronjob-" + name + ".yaml");
      EXPECT_EQ(cron["spec"]["concurrencyPolicy"].as<std::string>(), "Forbid");
      continue;
    }
    ++one_shot;
    const std::string dir = "manifests/" + job.namespace_name + "/jobs/" + name + "/";
    YAML::Node obj = Doc(files, dir + "job.yaml");
    EXPECT_EQ(obj["metadata"]["annotations"]["argocd.argoproj.io/hook"].as<std::string>(), "Sync");
    EXPECT_EQ(obj["metadata"]["annotations"]["argocd.argoproj.io/hook-delete-policy"].as<std::string>(),
              "BeforeHookCreation");
    EXPECT_EQ(Doc(files, dir + "revision.yaml")["data"]["job"].as<std::string>(), name);
    // Its own Application, automated, so a changed revision syncs it.
    YAML::Node app = Doc(files, "argocd/job-" + job.namespace_name + "-" + name + ".yaml");
    EXPECT_EQ(app["spec"]["source"]["path"].as<std::string>(),
              model.gitops->path + "/" + dir.substr(0, dir.size() - 1));
    EXPECT_TRUE(app["spec"]["syncPolicy"]["automated"]);
  }
  EXPECT_GE(one_shot, 3);
  for (const auto& [name, st] : model.storage)
    EXPECT_EQ(Doc(files, "manifests/" + st.namespace_name + "/storage-" + name +
                             ".yaml")["metadata"]["annotations"]["argocd.argoproj.io/sync-options"]
                  .as<std::string>(),
              "Prune=false,Delete=false");
}

TEST(JobsTest, ChangingAJobChangesOnlyItsRevisionAndHook) {
  const Model before = LoadWorkloads();
  ASSERT_TRUE(before.jobs.count("gpu-training"));
  Model after = before;
  after.jobs.at("gpu-training").args.push_back("--seed=2");
  FileSet a, b;
  EmitAll(before, a);
  EmitAll(after, b);
  std::set<std::string> changed;
  for (const auto& [path, bytes] : a)
    if (!b.count(path) || b.at(path) != bytes) changed.insert(path);
  for (const auto& [path, bytes] : b)
    if (!a.count(path)) changed.insert(path);
  const std::string dir = "manifests/" + before.jobs.at("gpu-training").namespace_name + "/jobs/gpu-training/";
  // The job, its revision, and the README's tree hash: nothing else.
  EXPECT_EQ(changed, (std::set<std::string>{dir + "job.yaml", dir + "revision.yaml", "README.md"}));
  // Same object name: ArgoCD deletes the old hook and creates the new one.
  EXPECT_EQ(Doc(a, dir + "job.yaml")["metadata"]["name"].as<std::string>(),
            Doc(b, dir + "job.yaml")["metadata"]["name"].as<std::string>());
  EXPECT_NE(Doc(a, dir + "revision.yaml")["data"]["sha256"].as<std::string>(),
            Doc(b, dir + "revision.yaml")["data"]["sha256"].as<std::string>());
}

}  // namespace
}  // namespace mlspec
