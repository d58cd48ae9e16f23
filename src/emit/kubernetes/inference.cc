// KServe InferenceServices (serving.kserve.io/v1beta1) and their PDBs.
// Field names from KServe's CRD (config/crd/full/serving.kserve.io_inferenceservices.yaml):
// the predictor inlines a PodSpec (nodeSelector, tolerations, volumes, ...)
// plus minReplicas/maxReplicas; `model` carries modelFormat, storageUri and
// the container fields (resources, securityContext, volumeMounts).
#include "emit/kubernetes/kubernetes.h"
#include "emit/scheduling.h"

namespace mlspec {

void EmitInference(const Model& spec, FileSet& out) {
  for (const auto& [name, inf] : spec.inference) {
    const Profile& prof = spec.profiles.at(inf.profile);  // Validate checked the reference
    const Pool& pool = spec.pools.at(prof.pool);
    std::vector<Json> docs;

    Json model = Json::object();
    model["modelFormat"] = {{"name", inf.model_format}};
    model["storageUri"] = inf.storage_uri;
    model["resources"] = ProfileResources(prof);
    model["securityContext"] = ContainerSecurityContext(false, std::nullopt);
    if (prof.shm) model["volumeMounts"] = Json::array({ShmVolumeMount()});

    Json predictor = Json::object();
    predictor["minReplicas"] = inf.min_replicas;
    predictor["maxReplicas"] = inf.max_replicas;
    const ScaleSignal signal = EffectiveScaleOn(inf.scale_on, prof);
    if (!inf.serverless() && signal != ScaleSignal::kGpu) {
      predictor["scaleMetric"] = std::string(ScaleSignalName(signal));
      predictor["scaleTarget"] = inf.scale_target;
    }
    if (inf.canary_traffic_percent) predictor["canaryTrafficPercent"] = *inf.canary_traffic_percent;
    predictor["priorityClassName"] = kServingPriorityClass;
    predictor["automountServiceAccountToken"] = false;
    predictor["nodeSelector"] = PoolNodeSelector(pool);
    Json tolerations = PoolTolerations(pool);
    if (!tolerations.empty()) predictor["tolerations"] = tolerations;
    predictor["securityContext"] = PodSecurityContext(std::nullopt);
    predictor["model"] = model;
    if (prof.shm) predictor["volumes"] = Json::array({ShmVolume(*prof.shm)});

    Json isvc;
    isvc["apiVersion"] = "serving.kserve.io/v1beta1";
    isvc["kind"] = "InferenceService";
    isvc["metadata"] = Metadata(name, inf.namespace_name, "inference");
    // Always explicit: the chart's and the controller's defaults differ.
    // https://kserve.github.io/website/latest/admin/kubernetes_deployment/
    isvc["metadata"]["annotations"] = {{"serving.kserve.io/deploymentMode", inf.deployment_mode}};
    // RawDeployment: KServe's own HPA scales on CPU or memory only. A GPU
    // server scales on GPU utilisation through a KEDA ScaledObject on the
    // predictor Deployment, and KServe is told to create no HPA ("external",
    // KServe >= 0.11.1, https://github.com/kserve/kserve/pull/3086).
    if (!inf.serverless())
      isvc["metadata"]["annotations"]["serving.kserve.io/autoscalerClass"] =
          signal == ScaleSignal::kGpu ? "external" : "hpa";
    isvc["spec"]["predictor"] = predictor;
    docs.push_back(std::move(isvc));
    if (!inf.serverless() && signal == ScaleSignal::kGpu && inf.max_replicas > inf.min_replicas) {
      // KServe names the predictor Deployment and its pods NAME-predictor.
      const std::string deployment = name + "-predictor";
      docs.push_back(GpuScaledObject(spec, deployment, inf.namespace_name,
                                     {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}}, deployment, deployment,
                                     inf.min_replicas, inf.max_replicas, inf.scale_target, prof.gpu));
    }

    if (inf.min_replicas >= 2) {
      // KServe labels predictor pods with the service name and component.
      Json pdb;
      pdb["apiVersion"] = "policy/v1";
      pdb["kind"] = "PodDisruptionBudget";
      pdb["metadata"] = Metadata(name + "-predictor", inf.namespace_name, "inference");
      pdb["spec"]["maxUnavailable"] = 1;
      pdb["spec"]["selector"]["matchLabels"] = {{"serving.kserve.io/inferenceservice", name},
                                                {"component", "predictor"}};
      docs.push_back(std::move(pdb));
    }
    AddManifest(spec, out, "manifests/" + inf.namespace_name + "/inferenceservice-" + name + ".yaml", docs);
  }
}

}  // namespace mlspec
