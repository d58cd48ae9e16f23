// [jobs.*]: training and batch jobs, placed, sized and cleaned up by
// construction (docs/workloads.md).
//   schedule            → batch/v1 CronJob (concurrencyPolicy Forbid)
//   trials              → batch/v1 Job, completionMode Indexed
//   framework + workers → kubeflow.org/v1 PyTorchJob / TFJob
//   otherwise           → batch/v1 Job
// A Job's pod template is immutable and its TTL deletes it after it
// finishes, so each one-shot job gets a folder and an ArgoCD Application of
// its own (manifests/NS/jobs/NAME/): the job is a Sync hook, replaced when a
// sync runs, and a revision ConfigMap next to it makes the Application go
// OutOfSync exactly when the job's definition changes. A job deleted by its
// TTL is not re-created by self-heal (hooks are not compared).
// https://argo-cd.readthedocs.io/en/stable/user-guide/resource_hooks/
// Job fields: https://kubernetes.io/docs/concepts/workloads/controllers/job/
// PyTorchJob/TFJob fields: the kubeflow.org CRDs (training-operator v1).
#include "base/sha256.h"
#include "emit/kubernetes/kubernetes.h"
#include "emit/scheduling.h"

namespace mlspec {
namespace {

// Training images usually run as root; the pods run them as this user.
constexpr int64_t kJobUid = 1000;

Json Container(const Model& spec, const Job& job, const Profile& prof, const std::string& name) {
  Json env = Json::array();
  if (job.trials)
    env.push_back(
        {{"name", "TRIAL_INDEX"},
         {"valueFrom",
          {{"fieldRef", {{"fieldPath", "metadata.annotations['batch.kubernetes.io/job-completion-index']"}}}}}});
  if (!job.mlflow_experiment.empty()) {
    // The chart's Service is named after the release ("mlflow") on port 80.
    env.push_back({{"name", "MLFLOW_TRACKING_URI"},
                   {"value", "http://mlflow." + spec.mlflow->namespace_name + ".svc.cluster.local"}});
    env.push_back({{"name", "MLFLOW_EXPERIMENT_NAME"}, {"value", job.mlflow_experiment}});
  }
  return WorkloadContainer(spec, job, prof, name, kJobUid, WorkloadShmSize(prof, !job.framework.empty()).has_value(),
                           env);
}

// The pod template every replica of the job uses.
Json PodTemplate(const Model& spec, const Job& job, const std::string& container, const std::string& restart) {
  const Profile& prof = spec.profiles.at(job.profile);
  const Pool& pool = spec.pools.at(prof.pool);
  Json pod = Json::object();
  pod["metadata"]["labels"] = {{"app.kubernetes.io/name", job.name}, {"app.kubernetes.io/managed-by", "mlspec"}};
  pod["spec"]["restartPolicy"] = restart;
  pod["spec"]["priorityClassName"] = kBatchPriorityClass;
  pod["spec"]["automountServiceAccountToken"] = false;
  pod["spec"]["nodeSelector"] = PoolNodeSelector(pool);
  Json tolerations = PoolTolerations(pool);
  if (!tolerations.empty()) pod["spec"]["tolerations"] = tolerations;
  pod["spec"]["securityContext"] = PodSecurityContext(kJobUid);
  pod["spec"]["containers"] = Json::array({Container(spec, job, prof, container)});
  Json volumes = WorkloadVolumes(job, WorkloadShmSize(prof, !job.framework.empty()));
  if (!volumes.empty()) pod["spec"]["volumes"] = volumes;
  return pod;
}

Json JobSpec(const Model& spec, const Job& job) {
  Json s = Json::object();
  if (job.trials) {
    s["completionMode"] = "Indexed";
    s["completions"] = *job.trials;
    s["parallelism"] = job.parallelism.value_or(1);
  }
  s["backoffLimit"] = job.retries;
  s["activeDeadlineSeconds"] = job.timeout_seconds;
  s["ttlSecondsAfterFinished"] = job.ttl_seconds;
  s["template"] = PodTemplate(spec, job, "train", "Never");
  return s;
}

Json ReplicaSpec(const Model& spec, const Job& job, int replicas, const std::string& container) {
  return {{"replicas", replicas},
          {"restartPolicy", "OnFailure"},
          {"template", PodTemplate(spec, job, container, "OnFailure")}};
}

Json DistributedJob(const Model& spec, const Job& job) {
  const bool pytorch = job.kind() == Job::Kind::kPyTorchJob;
  const std::string container = pytorch ? "pytorch" : "tensorflow";  // the operator's default container names
  Json obj;
  obj["apiVersion"] = "kubeflow.org/v1";
  obj["kind"] = pytorch ? "PyTorchJob" : "TFJob";
  obj["metadata"] = Metadata(job.name, job.namespace_name, "training");
  Json replicas = Json::object();
  replicas[pytorch ? "Master" : "Chief"] = ReplicaSpec(spec, job, 1, container);
  replicas["Worker"] = ReplicaSpec(spec, job, job.workers - 1, container);
  if (pytorch) {
    const int gpus = spec.profiles.at(job.profile).gpu;
    obj["spec"]["nprocPerNode"] = gpus > 0 ? std::to_string(gpus) : "auto";
  }
  obj["spec"]["runPolicy"] = {{"activeDeadlineSeconds", job.timeout_seconds},
                              {"backoffLimit", job.retries},
                              {"ttlSecondsAfterFinished", job.ttl_seconds},
                              {"cleanPodPolicy", "Running"}};
  obj["spec"][pytorch ? "pytorchReplicaSpecs" : "tfReplicaSpecs"] = replicas;
  return obj;
}

}  // namespace

std::string JobAppFolder(const Job& job) { return job.namespace_name + "/jobs/" + job.name; }

void EmitJobs(const Model& spec, FileSet& out) {
  for (const auto& [name, job] : spec.jobs) {
    if (job.kind() == Job::Kind::kCronJob) {
      Json cron;
      cron["apiVersion"] = "batch/v1";
      cron["kind"] = "CronJob";
      cron["metadata"] = Metadata(name, job.namespace_name, "training");
      cron["spec"]["schedule"] = job.schedule;
      cron["spec"]["concurrencyPolicy"] = "Forbid";
      cron["spec"]["successfulJobsHistoryLimit"] = 3;
      cron["spec"]["failedJobsHistoryLimit"] = 1;
      cron["spec"]["jobTemplate"]["spec"] = JobSpec(spec, job);
      if (!job.queue.empty()) {
        cron["spec"]["jobTemplate"]["metadata"]["labels"][kQueueNameLabel] = job.queue;
        cron["spec"]["jobTemplate"]["spec"]["suspend"] = true;
      }
      AddManifest(spec, out, "manifests/" + job.namespace_name + "/cronjob-" + name + ".yaml", {cron});
      continue;
    }
    Json obj;
    if (job.kind() == Job::Kind::kPyTorchJob || job.kind() == Job::Kind::kTFJob) {
      obj = DistributedJob(spec, job);
    } else {
      obj["apiVersion"] = "batch/v1";
      obj["kind"] = "Job";
      obj["metadata"] = Metadata(name, job.namespace_name, "training");
      obj["spec"] = JobSpec(spec, job);
    }
    if (!job.queue.empty()) {
      // Created suspended; Kueue unsuspends it when the queue admits it.
      obj["metadata"]["labels"][kQueueNameLabel] = job.queue;
      if (obj["kind"] == "Job") obj["spec"]["suspend"] = true;
      else obj["spec"]["runPolicy"]["suspend"] = true;
    }
    obj["metadata"]["annotations"] = {{"argocd.argoproj.io/hook", "Sync"},
                                      {"argocd.argoproj.io/hook-delete-policy", "BeforeHookCreation"}};
    Json revision;
    revision["apiVersion"] = "v1";
    revision["kind"] = "ConfigMap";
    revision["metadata"] = Metadata("job-" + name + "-revision", job.namespace_name, "training");
    revision["data"] = {{"job", name}, {"sha256", Sha256Hex(ToYaml(obj))}};
    const std::string dir = "manifests/" + JobAppFolder(job) + "/";
    AddManifest(spec, out, dir + "revision.yaml", {revision});
    AddManifest(spec, out, dir + "job.yaml", {obj});
  }
}

}  // namespace mlspec
