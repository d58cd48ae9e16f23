// The Helm values emitter: unit conversions KubeSpawner depends on, every
// profile landing on its pool (selector, tolerations, GPU, /dev/shm), the hub
// and services off the GPU pools, the GPU operator reaching every GPU node,
// no credentials in MLflow's values, and byte-identical output.
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "base/diagnostics.h"
#include "emit/emit.h"
#include "emit/helm/helm_values.h"
#include "emit/names.h"
#include "emit/scheduling.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace mlspec {
namespace {

using helm_internal::ChartMajor;
using helm_internal::KubeSpawnerBytes;
using helm_internal::KubeSpawnerCpu;

Model LoadExample(const std::string& name) {
  const std::string rel = "examples/" + name + ".toml";
  Diagnostics diags;
  auto spec = ResolveSpecText(rel, testing::ReadFileOrDie(testing::SourceDir() / rel), diags);
  EXPECT_TRUE(spec.has_value()) << diags.ToString();
  return spec ? *spec : Model{};
}

Quantity Q(const std::string& text) {
  std::string err;
  auto q = Quantity::Parse(text, &err);
  EXPECT_TRUE(q.has_value()) << text << ": " << err;
  return q.value_or(Quantity{});
}

Json Tol(const std::string& key, const std::string& value, const std::string& effect) {
  Json t = Json::object();
  t["key"] = key;
  if (value.empty()) {
    t["operator"] = "Exists";
  } else {
    t["operator"] = "Equal";
    t["value"] = value;
  }
  t["effect"] = effect;
  return t;
}

bool Contains(const Json& list, const Json& item) {
  for (const Json& x : list)
    if (x == item) return true;
  return false;
}

const Json& ProfileBySlug(const Json& values, const std::string& slug) {
  for (const Json& p : values["singleuser"]["profileList"])
    if (p["slug"] == slug) return p;
  ADD_FAILURE() << "no profile " << slug;
  static const Json kNull;
  return kNull;
}

// ---- conversions ---------------------------------------------------------------

TEST(HelmTest, MemoryBecomesAByteSpecificationKubeSpawnerAccepts) {
  // ByteSpecification: K/M/G/T are powers of 1024; "16Gi" would raise.
  static const struct {
    const char* quantity;
    const char* want;
  } kCases[] = {
      {"16Gi", "16G"},  {"1Ti", "1T"}, {"1536Mi", "1536M"}, {"1.5Gi", "1536M"}, {"512Mi", "512M"}, {"4G", "3906250K"},
      {"1000", "1000"}, {"1Ki", "1K"}, {"1025", "1025"},    {"2048Gi", "2T"},   {"100m", "1"},
  };
  for (const auto& c : kCases) EXPECT_EQ(KubeSpawnerBytes(Q(c.quantity)), c.want) << c.quantity;
}

TEST(HelmTest, CpuBecomesAFloatTraitNumber) {
  static const struct {
    const char* quantity;
    Json want;
  } kCases[] = {{"500m", 0.5}, {"4", 4}, {"1.5", 1.5}, {"250m", 0.25}, {"100", 100}};
  for (const auto& c : kCases) {
    Json got = KubeSpawnerCpu(Q(c.quantity));
    EXPECT_EQ(got, c.want) << c.quantity;
    EXPECT_TRUE(got.is_number()) << c.quantity;
  }
}

TEST(HelmTest, ChartMajorReadsPlainAndVPrefixedVersions) {
  EXPECT_EQ(ChartMajor("3.3.8"), 3);
  EXPECT_EQ(ChartMajor("4.0.0"), 4);
  EXPECT_EQ(ChartMajor("v24.9.2"), 24);
  EXPECT_EQ(ChartMajor("latest"), std::nullopt);
  EXPECT_EQ(ChartMajor(""), std::nullopt);
}

// ---- JupyterHub -------------------------------------------------------------------

// KubeSpawner/Spawner traits mlspec may set in kubespawner_override
// (kubespawner/spawner.py, jupyterhub/spawner.py; see jupyterhub.cc).
const std::set<std::string> kAllowedOverrideKeys = {"image",
                                                    "cpu_guarantee",
                                                    "cpu_limit",
                                                    "mem_guarantee",
                                                    "mem_limit",
                                                    "node_selector",
                                                    "tolerations",
                                                    "volumes",
                                                    "volume_mounts",
                                                    "extra_resource_limits",
                                                    "extra_resource_guarantees"};

TEST(HelmTest, KubeSpawnerOverrideKeysAreSnakeCaseTraits) {
  for (const char* example : {"aks-platform", "gke-platform"}) {
    Model spec = LoadExample(example);
    Json v = JupyterHubValues(spec);
    ASSERT_FALSE(v["singleuser"]["profileList"].empty());
    for (const Json& p : v["singleuser"]["profileList"]) {
      for (const auto& [key, value] : p["kubespawner_override"].items()) {
        EXPECT_TRUE(std::regex_match(key, std::regex("[a-z][a-z_]*"))) << example << ": " << key;
        EXPECT_TRUE(kAllowedOverrideKeys.count(key)) << example << ": " << key;
      }
    }
  }
}

TEST(HelmTest, GpuProfileLandsOnItsPoolWithGpuTolerationsAndShm) {
  Model spec = LoadExample("aks-platform");
  Json v = JupyterHubValues(spec);
  const Json& gpu = ProfileBySlug(v, "gpu-pytorch");
  const Json& o = gpu["kubespawner_override"];
  EXPECT_EQ(gpu["display_name"], "GPU - PyTorch");
  EXPECT_EQ(o["image"], "pytorch/pytorch:2.0.0-cuda11.7-cudnn8-runtime");
  EXPECT_EQ(o["cpu_guarantee"], 4);
  EXPECT_EQ(o["cpu_limit"], 8);
  EXPECT_EQ(o["mem_guarantee"], "16G");
  EXPECT_EQ(o["mem_limit"], "16G");
  EXPECT_EQ(o["extra_resource_limits"], Json({{"nvidia.com/gpu", "1"}}));
  EXPECT_EQ(o["extra_resource_guarantees"], Json({{"nvidia.com/gpu", "1"}}));
  EXPECT_EQ(o["node_selector"], Json({{"mlspec.io/pool", "ai"}}));
  // The ai pool's own taint and AKS's spot taint.
  EXPECT_TRUE(Contains(o["tolerations"], Tol("nvidia.com/gpu", "true", "NoSchedule"))) << o["tolerations"];
  EXPECT_TRUE(Contains(o["tolerations"], Tol("kubernetes.azure.com/scalesetpriority", "spot", "NoSchedule")))
      << o["tolerations"];
  EXPECT_EQ(o["tolerations"], PoolTolerations(spec.pools.at("ai")));
  // Chart 3.3.8 (KubeSpawner 6.2.0): lists, so the home volume is repeated.
  ASSERT_TRUE(o["volumes"].is_array());
  EXPECT_TRUE(Contains(o["volumes"], ShmVolume(Q("2Gi"))));
  EXPECT_TRUE(
      Contains(o["volumes"], Json({{"name", "volume-{username}{servername}"},
                                   {"persistentVolumeClaim", {{"claimName", "claim-{username}{servername}"}}}})));
  EXPECT_EQ(o["volume_mounts"], Json::array({{{"mountPath", "/home/jovyan"}, {"name", "volume-{username}{servername}"}},
                                             {{"name", "dshm"}, {"mountPath", "/dev/shm"}}}));
  EXPECT_EQ(ShmVolume(Q("2Gi"))["emptyDir"], Json({{"medium", "Memory"}, {"sizeLimit", "2Gi"}}));
}

TEST(HelmTest, CpuProfileHasNoGpuNoShmAndIsTheDefault) {
  Model spec = LoadExample("aks-platform");
  Json v = JupyterHubValues(spec);
  const Json& cpu = ProfileBySlug(v, "cpu-small");
  EXPECT_EQ(cpu["default"], true);
  EXPECT_FALSE(ProfileBySlug(v, "gpu-pytorch").contains("default"));
  const Json& o = cpu["kubespawner_override"];
  EXPECT_FALSE(o.contains("extra_resource_limits"));
  EXPECT_FALSE(o.contains("volumes"));
  EXPECT_EQ(o["cpu_guarantee"], 1);
  EXPECT_EQ(o["cpu_limit"], 2);
  EXPECT_EQ(o["mem_limit"], "4G");
  EXPECT_EQ(o["node_selector"], Json({{"mlspec.io/pool", "user"}}));
}

TEST(HelmTest, ChartFourMergesShmAsDictsBesideTheHomeVolume) {
  Model spec = LoadExample("aks-platform");
  spec.jupyterhub->chart_version = "4.0.0";
  const Json v = JupyterHubValues(spec);
  const Json& o = ProfileBySlug(v, "gpu-pytorch")["kubespawner_override"];
  EXPECT_EQ(o["volumes"], Json({{"dshm", ShmVolume(Q("2Gi"))}}));
  EXPECT_EQ(o["volume_mounts"], Json({{"dshm", ShmVolumeMount()}}));
}

TEST(HelmTest, GkeProfilesTolerateGkeGpuTaint) {
  Model spec = LoadExample("gke-platform");
  Json v = JupyterHubValues(spec);
  const Json& o = ProfileBySlug(v, "a100-train")["kubespawner_override"];
  EXPECT_TRUE(Contains(o["tolerations"], Tol("nvidia.com/gpu", "present", "NoSchedule"))) << o["tolerations"];
  EXPECT_EQ(o["node_selector"], Json({{"mlspec.io/pool", "a100-spot"}}));
  EXPECT_EQ(o["mem_guarantee"], "120G");
  EXPECT_EQ(ProfileBySlug(v, "cpu")["default"], true);
}

TEST(HelmTest, HubProxyAndSchedulerStayOnTheServicePool) {
  for (const char* example : {"aks-platform", "gke-platform"}) {
    SCOPED_TRACE(example);
    Model spec = LoadExample(example);
    const Pool* svc = ServicePool(spec);
    ASSERT_NE(svc, nullptr);
    ASSERT_FALSE(svc->has_gpu());
    Diagnostics diags;
    Json v = JupyterHubValues(spec);
    EXPECT_TRUE(diags.empty()) << diags.ToString();
    const Json want = PoolNodeSelector(*svc);
    EXPECT_EQ(v["hub"]["nodeSelector"], want);
    EXPECT_EQ(v["proxy"]["chp"]["nodeSelector"], want);
    EXPECT_EQ(v["proxy"]["traefik"]["nodeSelector"], want);
    EXPECT_EQ(v["scheduling"]["userScheduler"]["nodeSelector"], want);
    EXPECT_EQ(v["hub"]["tolerations"], PoolTolerations(*svc));
    for (const auto& [name, pool] : spec.pools)
      if (pool.has_gpu()) EXPECT_NE(v["hub"]["nodeSelector"], PoolNodeSelector(pool)) << name;
  }
  EXPECT_EQ(LoadExample("aks-platform").pools.count("user"), 1u);
  EXPECT_EQ(ServicePool(LoadExample("aks-platform"))->name, "user");
}

TEST(HelmTest, HubSecretsComeFromTheExistingSecretAndSecurityIsRestricted) {
  Model spec = LoadExample("aks-platform");
  Json v = JupyterHubValues(spec);
  EXPECT_EQ(v["hub"]["existingSecret"], spec.jupyterhub->hub_secret);
  EXPECT_FALSE(v["proxy"].contains("secretToken"));
  EXPECT_FALSE(v["hub"].contains("cookieSecret"));
  EXPECT_FALSE(v["hub"]["config"].contains("CryptKeeper"));
  EXPECT_EQ(v["singleuser"]["uid"], 1000);
  EXPECT_EQ(v["singleuser"]["allowPrivilegeEscalation"], false);
  EXPECT_EQ(v["singleuser"]["cloudMetadata"]["blockWithIptables"], false);
  const Json& csc = v["hub"]["config"]["KubeSpawner"]["container_security_context"];
  EXPECT_EQ(csc["runAsNonRoot"], true);
  EXPECT_EQ(csc["capabilities"]["drop"], Json::array({"ALL"}));
  EXPECT_EQ(csc["seccompProfile"]["type"], "RuntimeDefault");
  EXPECT_EQ(v["singleuser"]["storage"]["capacity"], "10Gi");
  EXPECT_EQ(v["cull"], Json({{"enabled", true}, {"timeout", 3600}, {"every", 600}}));
}

// ---- GPU operator -------------------------------------------------------------------

TEST(HelmTest, GpuOperatorToleratesEveryGpuPoolTaint) {
  for (const char* example : {"aks-platform", "eks-platform", "gke-platform"}) {
    SCOPED_TRACE(example);
    Model spec = LoadExample(example);
    Json v = GpuOperatorValues(spec);
    const Json& ds = v["daemonsets"]["tolerations"];
    const Json& nfd = v["node-feature-discovery"]["worker"]["tolerations"];
    int gpu_pools = 0;
    for (const auto& [name, pool] : spec.pools) {
      if (!pool.has_gpu()) continue;
      ++gpu_pools;
      for (const Json& t : PoolTolerations(pool)) {
        EXPECT_TRUE(Contains(ds, t)) << name << " " << t;
        EXPECT_TRUE(Contains(nfd, t)) << name << " " << t;
      }
    }
    EXPECT_GE(gpu_pools, 2);
    const Pool* svc = ServicePool(spec);
    ASSERT_NE(svc, nullptr);
    EXPECT_EQ(v["operator"]["nodeSelector"], PoolNodeSelector(*svc));
    EXPECT_EQ(v["node-feature-discovery"]["master"]["nodeSelector"], PoolNodeSelector(*svc));
    EXPECT_EQ(v["mig"]["strategy"], "single");
  }
  // The AKS spot GPU pool's taint, which the chart's default toleration misses.
  Json ds = GpuOperatorValues(LoadExample("aks-platform"))["daemonsets"]["tolerations"];
  EXPECT_TRUE(Contains(ds, Tol("kubernetes.azure.com/scalesetpriority", "spot", "NoSchedule"))) << ds;
}

TEST(HelmTest, GpuOperatorFollowsTheSpec) {
  static const struct {
    const char* example;
    bool driver, toolkit, device_plugin, sharing_config;
  } kCases[] = {
      {"aks-platform", true, true, true, true},  // infer pool time-slices
      {"eks-platform", false, false, true, false},
      {"gke-platform", false, true, false, false},  // GKE's own device plugin shares
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.example);
    Json v = GpuOperatorValues(LoadExample(c.example));
    EXPECT_EQ(v["driver"]["enabled"], c.driver);
    EXPECT_EQ(v["toolkit"]["enabled"], c.toolkit);
    EXPECT_EQ(v["devicePlugin"]["enabled"], c.device_plugin);
    EXPECT_EQ(v["devicePlugin"].contains("config"), c.sharing_config);
    if (c.sharing_config)
      EXPECT_EQ(v["devicePlugin"]["config"], Json({{"name", kDevicePluginConfigMap}, {"default", ""}}));
    EXPECT_FALSE(v["migManager"].contains("config"));
    // The ServiceMonitor labels every GPU series with its node, which the
    // alerts and the dashboard join to the node's pool.
    EXPECT_EQ(v["dcgmExporter"],
              Json({{"enabled", true},
                    {"serviceMonitor",
                     {{"enabled", true},
                      {"relabelings", Json::array({{{"action", "replace"},
                                                    {"sourceLabels", Json::array({"__meta_kubernetes_pod_node_name"})},
                                                    {"targetLabel", "node"}}})}}}}));
  }
  Json gke = GpuOperatorValues(LoadExample("gke-platform"));
  EXPECT_EQ(gke["hostPaths"]["driverInstallDir"], "/home/kubernetes/bin/nvidia");
  EXPECT_EQ(gke["toolkit"]["installDir"], "/home/kubernetes/bin/nvidia");
  EXPECT_EQ(gke["cdi"], Json({{"enabled", true}, {"default", true}}));
  EXPECT_EQ(gke["migManager"]["enabled"], false);
  EXPECT_FALSE(GpuOperatorValues(LoadExample("aks-platform")).contains("cdi"));
}

TEST(HelmTest, MigPoolsSelectTheMigManagerConfig) {
  GpuSharing mig;
  mig.strategy = GpuSharing::Strategy::kMig;
  mig.mig_profile = "1g.10gb";
  // EKS: the operator's MIG manager partitions the GPUs from mlspec-mig-config.
  Model eks = LoadExample("eks-platform");
  for (auto& [name, pool] : eks.pools)
    if (pool.has_gpu()) pool.gpu_sharing = mig;
  eks.gpu_operator->dcgm_exporter = false;
  Json v = GpuOperatorValues(eks);
  EXPECT_EQ(v["migManager"],
            Json({{"enabled", true}, {"config", {{"name", kMigConfigMap}, {"default", "all-disabled"}}}}));
  EXPECT_EQ(v["devicePlugin"]["config"]["name"], kDevicePluginConfigMap);
  EXPECT_EQ(v["dcgmExporter"], Json({{"enabled", false}, {"serviceMonitor", {{"enabled", false}}}}));
  // AKS partitions MIG pools itself (gpu_instance): the MIG manager is off and
  // names no ConfigMap (this test used to pin mlspec-mig-config there, which
  // mlspec never wrote on AKS). The device plugin still reads its config.
  Model aks = LoadExample("aks-platform");
  aks.pools.at("ai").gpu_sharing = mig;
  v = GpuOperatorValues(aks);
  EXPECT_EQ(v["migManager"], Json({{"enabled", false}}));
  EXPECT_EQ(v["devicePlugin"]["config"]["name"], kDevicePluginConfigMap);
}

// ---- MLflow ---------------------------------------------------------------------------

// True when any key that holds a credential in the mlflow chart has a value.
void ExpectNoCredentials(const Json& j, const std::string& path) {
  static const std::regex kCredentialKey(
      ".*(password|secretkey|accesskey|connectionstring|connectionurl|clientsecret|cookiesecret|awsaccesskeyid).*",
      std::regex::icase);
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      // existing*Secret keys name a Secret; they hold no credential.
      if (std::regex_match(k, kCredentialKey) && k.rfind("existing", 0) != 0 && k != "secretKeyRef" &&
          path.find("/existing") == std::string::npos)  // under existing*: the Secret's key names
        ADD_FAILURE() << "credential key " << path << "/" << k;
      ExpectNoCredentials(v, path + "/" + k);
    }
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) ExpectNoCredentials(j[i], path + "/" + std::to_string(i));
  } else if (j.is_string()) {
    // No URI with user:password@.
    EXPECT_FALSE(std::regex_search(j.get<std::string>(), std::regex("://[^/@]+:[^/@]+@"))) << path;
  }
}

TEST(HelmTest, MLflowTakesItsDatabaseFromTheSecretAndHoldsNoCredential) {
  for (const char* example : {"aks-platform", "eks-platform"}) {
    SCOPED_TRACE(example);
    Model spec = LoadExample(example);
    Diagnostics diags;
    Json v = MLflowValues(spec);
    EXPECT_TRUE(diags.empty()) << diags.ToString();
    ExpectNoCredentials(v, "");
    // The one --backend-store-uri comes from the Secret (mlflow_chart_test.cc).
    EXPECT_EQ(
        v["backendStore"],
        Json({{"mssql",
               {{"enabled", true},
                {"existingConnectionUrlSecret",
                 {{"name", spec.mlflow->backend_store_secret}, {"key", spec.mlflow->backend_store_secret_key}}}}}}));
    EXPECT_FALSE(v.contains("extraArgs"));
    EXPECT_FALSE(v.contains("extraSecretNamesForEnvFrom"));
    const Pool* svc = ServicePool(spec);
    ASSERT_NE(svc, nullptr);
    EXPECT_EQ(v["nodeSelector"], PoolNodeSelector(*svc));
    EXPECT_EQ(v["tolerations"], PoolTolerations(*svc));
    for (const Json& t : v["tolerations"]) EXPECT_NE(t["key"], "nvidia.com/gpu");
    EXPECT_EQ(v["securityContext"]["runAsNonRoot"], true);
    EXPECT_EQ(v["securityContext"]["allowPrivilegeEscalation"], false);
    EXPECT_EQ(v["serviceAccount"]["automount"], false);
  }
  Model aks = LoadExample("aks-platform");
  EXPECT_EQ(MLflowValues(aks)["artifactRoot"],
            Json({{"s3", {{"enabled", true}, {"bucket", "ml-artifacts"}, {"path", "mlflow"}}}}));
}

TEST(HelmTest, MLflowArtifactRootUsesTheChartKeysPerScheme) {
  static const struct {
    const char* uri;
    Json want;
  } kCases[] = {
      {"s3://b/p/q", {{"s3", {{"enabled", true}, {"bucket", "b"}, {"path", "p/q"}}}}},
      {"s3://b", {{"s3", {{"enabled", true}, {"bucket", "b"}, {"path", ""}}}}},
      {"gs://models/mlflow", {{"gcs", {{"enabled", true}, {"bucket", "models"}, {"path", "mlflow"}}}}},
      {"wasbs://art@acct.blob.core.windows.net/ml",
       {{"azureBlob", {{"enabled", true}, {"container", "art"}, {"storageAccount", "acct"}, {"path", "ml"}}}}},
      {"wasbs://art@elsewhere.example/ml", {{"defaultArtifactRoot", "wasbs://art@elsewhere.example/ml"}}},
      {"file:///mnt/mlruns", {{"defaultArtifactRoot", "file:///mnt/mlruns"}}},
  };
  Model spec = LoadExample("eks-platform");
  for (const auto& c : kCases) {
    spec.mlflow->artifact_root = c.uri;
    EXPECT_EQ(MLflowValues(spec)["artifactRoot"], c.want) << c.uri;
  }
}

// ---- the files -------------------------------------------------------------------------

// [jupyterhub] hostname/gateway/auth (docs/access.md): the authenticator and
// its config under OAuthenticator's names, the OAuth client only through
// secretKeyRef, and proxy-public a LoadBalancer only when nothing else
// exposes the hub.
TEST(HelmTest, HubLoginAndExposureComeFromTheSpec) {
  Model aks = LoadExample("aks-platform");
  Json v = JupyterHubValues(aks);
  const Json& config = v["hub"]["config"];
  EXPECT_EQ(config["JupyterHub"]["authenticator_class"], "azuread");
  EXPECT_EQ(config["AzureAdOAuthenticator"], Json({{"oauth_callback_url", "https://hub.example.com/hub/oauth_callback"},
                                                   {"allow_all", true},
                                                   {"tenant_id", "00000000-0000-0000-0000-000000000000"},
                                                   {"username_claim", "preferred_username"}}));
  EXPECT_EQ(config["Authenticator"]["admin_users"], Json::array({"alice@example.com"}));
  auto ref = [](const char* key) {
    return Json{{"valueFrom", {{"secretKeyRef", {{"name", "jupyterhub-oauth"}, {"key", key}}}}}};
  };
  EXPECT_EQ(v["hub"]["extraEnv"],
            Json({{"OAUTH_CLIENT_ID", ref("client_id")}, {"OAUTH_CLIENT_SECRET", ref("client_secret")}}));
  EXPECT_EQ(v["proxy"]["service"]["type"], "ClusterIP");  // the HTTPRoute reaches it
  EXPECT_FALSE(v.contains("ingress"));
  ExpectNoCredentials(v, "");

  Json lab = JupyterHubValues(LoadExample("gke-platform"));
  EXPECT_EQ(lab["hub"]["config"]["JupyterHub"]["authenticator_class"], "dummy");
  EXPECT_EQ(lab["hub"]["config"]["Authenticator"]["admin_users"], Json::array({"admin"}));
  EXPECT_FALSE(lab["hub"].contains("extraEnv"));
  EXPECT_EQ(lab["proxy"]["service"]["type"], "LoadBalancer");
}

// [mlflow] auth: the chart's oauth2-proxy sidecar, its client from the
// existing Secret, the Ingress from ingress_class.
TEST(HelmTest, MLflowLoginIsTheChartsOAuth2ProxyWithTheExistingSecret) {
  Json v = MLflowValues(LoadExample("eks-platform"));
  EXPECT_EQ(v["oauth2Proxy"]["enabled"], true);
  EXPECT_EQ(v["oauth2Proxy"]["existingSecret"], Json({{"name", "mlflow-oauth"},
                                                      {"clientIDKey", "client_id"},
                                                      {"clientSecretKey", "client_secret"},
                                                      {"cookieSecretKey", "cookie_secret"}}));
  EXPECT_EQ(v["oauth2Proxy"]["provider"],
            Json({{"name", "github"}, {"redirectURL", "https://mlflow.example.com/oauth2/callback"}}));
  EXPECT_TRUE(Contains(v["oauth2Proxy"]["extraArgs"], "--github-org=example-org"));
  EXPECT_TRUE(Contains(v["oauth2Proxy"]["extraArgs"], "--cookie-secure=true"));
  EXPECT_FALSE(v["oauth2Proxy"].contains("createSecret"));
  EXPECT_EQ(v["ingress"]["className"], "nginx");
  EXPECT_EQ(v["ingress"]["tls"], Json::parse(R"([{"hosts": ["mlflow.example.com"], "secretName": "mlflow-tls"}])"));
  EXPECT_EQ(v["serverAllowedHosts"], Json::array({"mlflow.mlflow.svc.cluster.local"}));
  ExpectNoCredentials(v, "");
}

TEST(HelmTest, EmitsOneFilePerComponentWithHeaderAndSameBytesTwice) {
  static const struct {
    const char* example;
    std::set<std::string> files;
  } kCases[] = {
      // cert-manager for KServe, KEDA for GPU-scaled servers, kube-prometheus-stack for [monitoring].
      {"aks-platform",
       {"helm/cert-manager.values.yaml", "helm/gpu-operator.values.yaml", "helm/jupyterhub.values.yaml",
        "helm/keda.values.yaml", "helm/kube-prometheus-stack.values.yaml", "helm/mlflow.values.yaml"}},
      {"eks-platform",
       {"helm/cert-manager.values.yaml", "helm/cluster-autoscaler.values.yaml", "helm/gpu-operator.values.yaml",
        "helm/keda.values.yaml", "helm/kube-prometheus-stack.values.yaml", "helm/kueue.values.yaml",
        "helm/mlflow.values.yaml"}},
      // Serverless inference at min 0: no KEDA.
      {"gke-platform",
       {"helm/cert-manager.values.yaml", "helm/gpu-operator.values.yaml", "helm/jupyterhub.values.yaml",
        "helm/kube-prometheus-stack.values.yaml"}},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.example);
    FileSet first, second;
    EmitHelm(LoadExample(c.example), first);
    EmitHelm(LoadExample(c.example), second);
    EXPECT_EQ(first, second);
    std::set<std::string> names;
    for (const auto& [path, bytes] : first) {
      names.insert(path);
      EXPECT_EQ(bytes.rfind(GeneratedHeader(LoadExample(c.example), "# "), 0), 0u) << path;
      EXPECT_EQ(bytes.back(), '\n') << path;
      EXPECT_EQ(bytes.find('\t'), std::string::npos) << path;
    }
    EXPECT_EQ(names, c.files);
  }
}

}  // namespace
}  // namespace mlspec
