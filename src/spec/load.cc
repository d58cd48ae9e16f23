#include "spec/load.h"

#include <algorithm>
#include <iterator>

#include <toml++/toml.h>

#include "base/text.h"
#include "preflight/defaults.h"
#include "providers/provider.h"
#include "spec/taint.h"
#include "spec/toml_reader.h"

namespace mlspec {

// Defined in catalog.cc; shared with the built-in catalog's reader.
void ReadGpuType(TableReader& r, GpuType& g);

namespace {

constexpr int kMaxNodes = 5000;  // AKS, EKS and GKE all cap a pool far below this.

class Loader {
 public:
  Loader(std::string_view path, Diagnostics& diags) : file_(path), diags_(diags) {}

  Spec Load(const toml::table& root) {
    Spec spec;
    spec.path = file_;
    TableReader r(root, "the spec", file_, diags_);
    if (const toml::table* t = r.Table("cluster")) ReadCluster(*t, spec.cluster);
    else diags_.Error(SourceLoc{file_, 1, 1}, "the spec has no [cluster] table; add one with `name` and `provider`");
    ForEachTable(r, "gpu_types", [&](const std::string& name, TableReader& tr) {
      GpuType g;
      g.key = name;
      ReadGpuType(tr, g);
      spec.gpu_types.emplace(name, std::move(g));
    });
    ForEachTable(r, "pools", [&](const std::string& name, TableReader& tr) {
      PoolSpec p;
      p.name = name;
      ReadPool(tr, p);
      spec.pools.emplace(name, std::move(p));
    });
    ForEachTable(r, "namespaces", [&](const std::string& name, TableReader& tr) {
      NamespaceSpec ns;
      ns.name = name;
      ReadNamespace(tr, ns);
      spec.namespaces.emplace(name, std::move(ns));
    });
    ForEachTable(r, "profiles", [&](const std::string& name, TableReader& tr) {
      Profile p;
      p.name = name;
      ReadProfile(tr, p);
      spec.profiles.emplace(name, std::move(p));
    });
    if (const toml::table* t = r.Table("jupyterhub")) spec.jupyterhub = ReadJupyterHub(*t);
    if (const toml::table* t = r.Table("mlflow")) spec.mlflow = ReadMLflow(*t);
    ForEachTable(r, "inference", [&](const std::string& name, TableReader& tr) {
      Inference inf;
      inf.name = name;
      ReadInference(tr, inf);
      spec.inference.emplace(name, std::move(inf));
    });
    ForEachTable(r, "storage", [&](const std::string& name, TableReader& tr) {
      Storage st;
      st.name = name;
      ReadStorage(tr, st);
      spec.storage.emplace(name, std::move(st));
    });
    ForEachTable(r, "jobs", [&](const std::string& name, TableReader& tr) {
      Job job;
      job.name = name;
      ReadJob(tr, job);
      spec.jobs.emplace(name, std::move(job));
    });
    ForEachTable(r, "services", [&](const std::string& name, TableReader& tr) {
      Service svc;
      svc.name = name;
      ReadService(tr, svc);
      spec.services.emplace(name, std::move(svc));
    });
    ForEachTable(r, "queues", [&](const std::string& name, TableReader& tr) {
      Queue q;
      q.name = name;
      ReadQueue(tr, q);
      spec.queues.emplace(name, std::move(q));
    });
    if (const toml::table* t = r.Table("monitoring")) spec.monitoring = ReadMonitoring(*t);
    if (const toml::table* t = r.Table("platform")) spec.platform = ReadPlatform(*t);
    if (const toml::table* t = r.Table("gpu_operator")) spec.gpu_operator = ReadGpuOperator(*t);
    if (const toml::table* t = r.Table("preflight")) spec.preflight = ReadPreflight(*t);
    if (const toml::table* t = r.Table("gitops")) spec.gitops = ReadGitOps(*t);
    r.Skip("lint");  // The linter reads [lint] itself (lint/config).
    r.Finish();
    return spec;
  }

 private:
  template <typename Fn>
  void ForEachTable(TableReader& parent, std::string_view key, Fn fn) {
    const toml::table* t = parent.Table(key);
    if (!t) return;
    for (const auto& [k, v] : *t) {
      std::string name(k.str());
      std::string where = "[" + std::string(key) + "." + name + "]";
      if (!v.is_table()) {
        diags_.Error(LocOf(v.source(), file_), where + " must be a table, not " + std::string(TomlTypeName(v)));
        continue;
      }
      CheckName(name, LocOf(k.source(), file_), std::string(key));
      TableReader tr(*v.as_table(), where, file_, diags_);
      fn(name, tr);
    }
  }

  void CheckName(const std::string& name, const SourceLoc& loc, const std::string& what) {
    if (IsDns1123Label(name)) return;
    std::string fixed;
    for (char c : name) {
      char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      fixed += (std::isalnum(static_cast<unsigned char>(l)) ? l : '-');
    }
    while (!fixed.empty() && fixed.front() == '-') fixed.erase(fixed.begin());
    while (!fixed.empty() && fixed.back() == '-') fixed.pop_back();
    if (fixed.size() > 63) fixed.resize(63);
    std::string msg = "invalid name \"" + name + "\" in [" + what +
                      "]: names become Kubernetes names and must be DNS-1123 labels "
                      "(at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit)";
    if (!fixed.empty() && IsDns1123Label(fixed)) msg += "; did you mean \"" + fixed + "\"?";
    diags_.Error(loc, msg);
  }

  // A string field that names a Kubernetes object.
  std::optional<std::string> Name(TableReader& r, std::string_view key, bool required = false) {
    auto v = r.String(key, required);
    if (v && !IsDns1123Label(*v)) {
      diags_.Error(r.Loc(key), r.where() + " " + Quote(key) + ": \"" + *v +
                                   "\" is not a DNS-1123 label (a-z, 0-9 and '-', at most 63 characters)");
      return std::nullopt;
    }
    return v;
  }

  void ReadCluster(const toml::table& t, Cluster& c) {
    TableReader r(t, "[cluster]", file_, diags_);
    c.name = Name(r, "name", true).value_or("");
    if (auto p = r.String("provider", true)) {
      if (auto parsed = ParseProvider(*p)) c.provider = *parsed;
      else {
        std::string msg = "[cluster] `provider`: unknown provider \"" + *p + "\"";
        if (auto s = DidYouMean(*p, ProviderNames())) msg += "; did you mean \"" + *s + "\"?";
        else msg += "; use one of aks, eks, gke, kubernetes";
        diags_.Error(r.Loc("provider"), msg);
      }
      provider_known_ = ParseProvider(*p).has_value();
    }
    c.region = r.String("region").value_or("");
    if (c.region.empty() && provider_known_ && ProviderFor(c.provider).creates_node_pools() &&
        r.locs().keys.count("region") == 0)
      diags_.Error(r.locs().table,
                   "[cluster] is missing required key `region` (required unless provider = \"kubernetes\")");
    c.kubernetes_version = r.String("kubernetes_version").value_or("");
    c.locs = r.locs();
    r.Finish();
  }

  void ReadPool(TableReader& r, PoolSpec& p) {
    p.instance_type = r.String("instance_type").value_or("");
    p.cpu = r.Qty("cpu");
    p.memory = r.Qty("memory");
    p.min_nodes = static_cast<int>(r.Int("min_nodes", 0, kMaxNodes, true).value_or(0));
    p.max_nodes = static_cast<int>(r.Int("max_nodes", 0, kMaxNodes, true).value_or(0));
    p.spot = r.Bool("spot").value_or(false);
    p.spot_max_price = r.Number("spot_max_price", -1, 1e6);
    if (auto mode = r.String("mode")) {
      if (*mode == "system") p.system = true;
      else if (*mode != "user")
        diags_.Error(r.Loc("mode"), r.where() + " `mode` must be \"system\" or \"user\", not \"" + *mode + "\"");
    }
    p.gpu_type = r.String("gpu_type").value_or("");
    if (auto n = r.Int("gpus_per_node", 0, 64)) p.gpus_per_node_set = static_cast<int>(*n);
    if (const toml::table* labels = r.Table("labels")) {
      for (const auto& [k, v] : *labels) {
        std::string key(k.str());
        SourceLoc loc = LocOf(k.source(), file_);
        if (!IsQualifiedName(key))
          diags_.Error(loc, r.where() + " label key \"" + key +
                                "\" is invalid: write [prefix/]name, name at most 63 characters of [A-Za-z0-9._-]");
        if (!v.is_string()) {
          diags_.Error(LocOf(v.source(), file_),
                       r.where() + " label \"" + key + "\" must be a string, not " + std::string(TomlTypeName(v)));
          continue;
        }
        std::string value = v.as_string()->get();
        if (!IsLabelValue(value))
          diags_.Error(LocOf(v.source(), file_),
                       r.where() + " label \"" + key + "\" has invalid value \"" + value +
                           "\" (at most 63 characters of [A-Za-z0-9._-], alphanumeric at both ends)");
        p.labels.emplace(key, value);
        p.label_locs.emplace(key, loc);
      }
    }
    if (const toml::array* taints = r.Array("taints")) {
      for (const toml::node& n : *taints) {
        SourceLoc loc = LocOf(n.source(), file_);
        if (!n.is_string()) {
          diags_.Error(loc, r.where() + " taints must be strings like \"nvidia.com/gpu=true:NoSchedule\", not " +
                                std::string(TomlTypeName(n)));
          continue;
        }
        std::string err;
        if (auto t = ParseTaint(n.as_string()->get(), &err)) {
          t->loc = loc;
          p.taints.push_back(*t);
        } else {
          diags_.Error(loc, r.where() + " " + err);
        }
      }
    }
    if (const toml::table* s = r.Table("gpu_sharing")) p.gpu_sharing = ReadSharing(*s, r.where());
    p.locs = r.locs();
    r.Finish();
  }

  GpuSharing ReadSharing(const toml::table& t, const std::string& pool_where) {
    TableReader r(t, pool_where + " `gpu_sharing`", file_, diags_);
    GpuSharing g;
    std::string strategy = r.String("strategy", true).value_or("");
    if (strategy == "time-slicing") {
      g.strategy = GpuSharing::Strategy::kTimeSlicing;
      g.replicas = static_cast<int>(r.Int("replicas", 2, 128, true).value_or(2));
      r.Skip("profile");
      if (t.contains("profile"))
        diags_.Error(r.Loc("profile"), r.where() + ": `profile` applies to strategy = \"mig\" only");
    } else if (strategy == "mig") {
      g.strategy = GpuSharing::Strategy::kMig;
      g.mig_profile = r.String("profile", true).value_or("");
      r.Skip("replicas");
      if (t.contains("replicas"))
        diags_.Error(r.Loc("replicas"), r.where() + ": `replicas` applies to strategy = \"time-slicing\" only");
    } else {
      r.Skip("replicas");
      r.Skip("profile");
      if (!strategy.empty() || t.contains("strategy"))
        diags_.Error(r.Loc("strategy"),
                     r.where() + " `strategy` must be \"time-slicing\" or \"mig\", not \"" + strategy + "\"");
    }
    g.locs = r.locs();
    r.Finish();
    return g;
  }

  ResourcePair ReadPair(const toml::table& t, std::string where) {
    TableReader r(t, std::move(where), file_, diags_);
    ResourcePair p;
    p.cpu = r.Qty("cpu");
    p.memory = r.Qty("memory");
    p.locs = r.locs();
    r.Finish();
    return p;
  }

  void ReadNamespace(TableReader& r, NamespaceSpec& ns) {
    if (const toml::table* q = r.Table("quota")) {
      TableReader qr(*q, r.where() + " `quota`", file_, diags_);
      QuotaSpec quota;
      quota.gpu = qr.Int("gpu", 0, 1'000'000);
      quota.cpu = qr.Qty("cpu");
      quota.memory = qr.Qty("memory");
      quota.pods = qr.Int("pods", 0, 1'000'000);
      quota.locs = qr.locs();
      qr.Finish();
      ns.quota = quota;
    }
    if (const toml::table* t = r.Table("default_request"))
      ns.default_request = ReadPair(*t, r.where() + " `default_request`");
    if (const toml::table* t = r.Table("default_limit"))
      ns.default_limit = ReadPair(*t, r.where() + " `default_limit`");
    ns.isolation = r.Bool("isolation").value_or(true);
    ns.locs = r.locs();
    r.Finish();
  }

  void ReadProfile(TableReader& r, Profile& p) {
    p.display_name = r.String("display_name").value_or(p.name);
    p.description = r.String("description").value_or("");
    p.image = r.String("image", true).value_or("");
    p.pool = r.String("pool", true).value_or("");
    p.gpu = static_cast<int>(r.Int("gpu", 0, 64).value_or(0));
    p.cpu = r.Qty("cpu", true).value_or(Quantity{});
    p.memory = r.Qty("memory", true).value_or(Quantity{});
    p.cpu_limit_set = r.Qty("cpu_limit");
    p.memory_limit_set = r.Qty("memory_limit");
    p.shm = r.Qty("shm");
    p.locs = r.locs();
    r.Finish();
  }

  JupyterHub ReadJupyterHub(const toml::table& t) {
    TableReader r(t, "[jupyterhub]", file_, diags_);
    JupyterHub j;
    j.namespace_name = Name(r, "namespace", true).value_or("");
    j.chart_version = r.String("chart_version").value_or("");
    if (const toml::array* a = r.Array("profiles")) {
      for (const toml::node& n : *a) {
        if (auto s = n.value<std::string>(); s && n.is_string()) {
          j.profiles.push_back(*s);
          j.profile_locs.push_back(LocOf(n.source(), file_));
        } else {
          diags_.Error(LocOf(n.source(), file_), "[jupyterhub] `profiles` must hold profile names (strings)");
        }
      }
    } else {
      diags_.Error(r.locs().table, "[jupyterhub] is missing required key `profiles` (names of [profiles.*] to offer)");
    }
    j.default_profile = r.String("default_profile").value_or("");
    j.storage = r.Qty("storage").value_or(Quantity::FromUnits(10LL << 30, Quantity::Format::kBinarySI));
    j.cull_idle_seconds = r.Duration("cull_idle").value_or(3600);
    j.hub_secret = Name(r, "hub_secret").value_or("jupyterhub-hub-secrets");
    ReadWebAccess(r, j);
    j.admin_users = Strings(r, "admin_users");
    j.locs = r.locs();
    r.Finish();
    return j;
  }

  MLflow ReadMLflow(const toml::table& t) {
    TableReader r(t, "[mlflow]", file_, diags_);
    MLflow m;
    m.namespace_name = Name(r, "namespace", true).value_or("");
    m.chart_version = r.String("chart_version").value_or("");
    m.backend_store_secret = Name(r, "backend_store_secret", true).value_or("");
    m.backend_store_secret_key = r.String("backend_store_secret_key").value_or("uri");
    m.artifact_root = r.String("artifact_root", true).value_or("");
    ReadWebAccess(r, m);
    m.locs = r.locs();
    r.Finish();
    return m;
  }

  // hostname, gateway, ingress_class, auth, allow_dummy_auth: the keys
  // [jupyterhub] and [mlflow] share. What they must agree on is checked in
  // validate/access.cc; here only what each key is on its own.
  void ReadWebAccess(TableReader& r, WebAccess& w) {
    w.hostname = r.String("hostname").value_or("");
    w.gateway = r.String("gateway").value_or("");
    w.ingress_class = r.String("ingress_class").value_or("");
    if (!w.ingress_class.empty() && !IsDns1123Subdomain(w.ingress_class))
      diags_.Error(r.Loc("ingress_class"), r.where() + " `ingress_class` \"" + w.ingress_class +
                                               "\" is not an IngressClass name (a DNS subdomain, e.g. \"nginx\")");
    w.tls_secret = Name(r, "tls_secret").value_or("");
    w.allow_dummy_auth = r.Bool("allow_dummy_auth").value_or(false);
    if (const toml::table* t = r.Table("auth")) w.auth = ReadAuth(*t, r.where() + " `auth`");
  }

  AuthSpec ReadAuth(const toml::table& t, std::string where) {
    TableReader r(t, std::move(where), file_, diags_);
    AuthSpec a;
    static constexpr std::string_view kTypes[] = {"github", "azuread", "google", "generic-oauth", "dummy"};
    static constexpr AuthSpec::Type kKinds[] = {AuthSpec::Type::kGithub, AuthSpec::Type::kAzureAd,
                                                AuthSpec::Type::kGoogle, AuthSpec::Type::kGenericOAuth,
                                                AuthSpec::Type::kDummy};
    bool type_known = false;
    if (auto type = r.String("type", true)) {
      for (size_t i = 0; i < std::size(kTypes); ++i)
        if (*type == kTypes[i]) a.type = kKinds[i], type_known = true;
      a.type_known = type_known;
      if (!type_known) {
        std::string msg = r.where() + " `type` \"" + *type +
                          "\" is not an authenticator; use \"github\", \"azuread\", \"google\", \"generic-oauth\" "
                          "or \"dummy\"";
        if (auto m = DidYouMean(*type, std::vector<std::string_view>(std::begin(kTypes), std::end(kTypes))))
          msg += " (did you mean \"" + std::string(*m) + "\"?)";
        diags_.Error(r.Loc("type"), msg);
      }
    }
    if (auto secret = r.String("client_secret")) {
      if (!IsDns1123Subdomain(*secret))
        diags_.Error(r.Loc("client_secret"),
                     r.where() +
                         " `client_secret` must name an existing Secret (a DNS subdomain such as "
                         "\"jupyterhub-oauth\"), never hold the secret itself");
      else a.client_secret = *secret;
    }
    a.allowed_users = Strings(r, "allowed_users");
    a.allow_all = r.Bool("allow_all").value_or(false);
    a.allowed_organizations = Strings(r, "allowed_organizations");
    a.hosted_domain = Strings(r, "hosted_domain");
    a.allowed_groups = Strings(r, "allowed_groups");
    a.tenant_id = r.String("tenant_id").value_or("");
    a.authorize_url = r.String("authorize_url").value_or("");
    a.token_url = r.String("token_url").value_or("");
    a.userdata_url = r.String("userdata_url").value_or("");
    a.username_claim = r.String("username_claim").value_or("");
    a.scopes = Strings(r, "scopes");
    for (std::string_view key : {"authorize_url", "token_url", "userdata_url"}) {
      auto v = t[key].value<std::string>();
      if (v && !v->starts_with("https://"))
        diags_.Error(r.Loc(key), r.where() + " " + Quote(key) + " must be an https:// URL, not \"" + *v + "\"");
    }
    a.locs = r.locs();
    r.Finish();
    return a;
  }

  void ReadInference(TableReader& r, Inference& inf) {
    inf.namespace_name = Name(r, "namespace", true).value_or("");
    inf.model_format = r.String("model_format", true).value_or("");
    inf.storage_uri = r.String("storage_uri", true).value_or("");
    inf.profile = r.String("profile", true).value_or("");
    inf.min_replicas = static_cast<int>(r.Int("min_replicas", 0, 10000).value_or(1));
    inf.max_replicas = static_cast<int>(r.Int("max_replicas", 1, 10000).value_or(std::max(inf.min_replicas, 1)));
    inf.deployment_mode = r.String("deployment_mode").value_or("RawDeployment");
    if (inf.deployment_mode != "RawDeployment" && inf.deployment_mode != "Serverless")
      diags_.Error(r.Loc("deployment_mode"),
                   r.where() + " `deployment_mode` must be \"RawDeployment\" or \"Serverless\", not \"" +
                       inf.deployment_mode + "\"");
    if (auto c = r.Int("canary_traffic_percent", 0, 100)) inf.canary_traffic_percent = static_cast<int>(*c);
    inf.scale_on = ReadScaleOn(r);
    inf.scale_target = static_cast<int>(r.Int("scale_target", 1, 100).value_or(70));
    inf.locs = r.locs();
    r.Finish();
  }

  void ReadStorage(TableReader& r, Storage& st) {
    st.namespace_name = Name(r, "namespace", true).value_or("");
    if (auto size = r.Qty("size", true)) {
      if (size->Value() <= 0) diags_.Error(r.Loc("size"), r.where() + " `size` must be larger than 0, e.g. \"100Gi\"");
      st.size = *size;
    }
    if (auto mode = r.String("access_mode")) {
      static constexpr std::string_view kModes[] = {"ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany",
                                                    "ReadWriteOncePod"};
      if (std::find(std::begin(kModes), std::end(kModes), *mode) == std::end(kModes)) {
        std::string msg =
            r.where() + " `access_mode` \"" + *mode +
            "\" is not a Kubernetes access mode; use ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod";
        if (auto s = DidYouMean(*mode, std::vector<std::string_view>(std::begin(kModes), std::end(kModes))))
          msg += " (did you mean \"" + std::string(*s) + "\"?)";
        diags_.Error(r.Loc("access_mode"), msg);
      } else {
        st.access_mode = *mode;
      }
    }
    st.storage_class = r.String("storage_class").value_or("");
    st.locs = r.locs();
    r.Finish();
  }

  // An array of strings; a non-string element is an error at the element.
  // With `locs`, each string's source location too.
  std::vector<std::string> Strings(TableReader& r, std::string_view key, std::vector<SourceLoc>* locs = nullptr) {
    std::vector<std::string> out;
    const toml::array* a = r.Array(key);
    if (!a) return out;
    for (const toml::node& n : *a) {
      if (n.is_string()) {
        out.push_back(n.as_string()->get());
        if (locs) locs->push_back(LocOf(n.source(), file_));
      } else {
        diags_.Error(LocOf(n.source(), file_),
                     r.where() + " " + Quote(key) + " must hold strings, not " + std::string(TomlTypeName(n)));
      }
    }
    return out;
  }

  // image, command, args, env, volumes: the keys jobs and services share.
  void ReadContainer(TableReader& r, ContainerSpec& c) {
    c.image = r.String("image").value_or("");
    c.command = Strings(r, "command");
    c.args = Strings(r, "args");
    if (const toml::table* env = r.Table("env")) {
      TableReader er(*env, r.where() + " `env`", file_, diags_);
      for (const auto& [k, v] : *env) {
        std::string key(k.str());
        if (auto value = er.String(key)) c.env.emplace(key, *value);
      }
      c.env_locs = er.locs();
    }
    if (const toml::table* vols = r.Table("volumes")) {
      TableReader vr(*vols, r.where() + " `volumes`", file_, diags_);
      for (const auto& [k, v] : *vols) {
        std::string path(k.str());
        if (auto storage = vr.String(path)) c.volumes.push_back({path, *storage, vr.Loc(path)});
      }
    }
  }

  std::optional<ScaleSignal> ReadScaleOn(TableReader& r) {
    auto s = r.String("scale_on");
    if (!s) return std::nullopt;
    if (*s == "gpu") return ScaleSignal::kGpu;
    if (*s == "cpu") return ScaleSignal::kCpu;
    if (*s == "memory") return ScaleSignal::kMemory;
    std::string msg = r.where() + " `scale_on` must be \"gpu\", \"cpu\" or \"memory\", not \"" + *s + "\"";
    if (auto m = DidYouMean(*s, std::vector<std::string_view>{"gpu", "cpu", "memory"}))
      msg += " (did you mean \"" + std::string(*m) + "\"?)";
    diags_.Error(r.Loc("scale_on"), msg);
    return std::nullopt;
  }

  void ReadService(TableReader& r, Service& svc) {
    svc.namespace_name = Name(r, "namespace", true).value_or("");
    svc.profile = r.String("profile", true).value_or("");
    ReadContainer(r, svc);
    svc.port = static_cast<int>(r.Int("port", 1, 65535, true).value_or(0));
    if (auto h = r.String("health_path")) {
      if (h->empty() || (*h)[0] != '/')
        diags_.Error(
            r.Loc("health_path"),
            r.where() + " `health_path` must be an absolute HTTP path such as \"/health\", not \"" + *h + "\"");
      else svc.health_path = *h;
    }
    svc.startup_timeout_seconds = r.Duration("startup_timeout");
    svc.min_replicas = static_cast<int>(r.Int("min_replicas", 0, 10000).value_or(1));
    svc.max_replicas = static_cast<int>(r.Int("max_replicas", 1, 10000).value_or(std::max(svc.min_replicas, 1)));
    svc.scale_on = ReadScaleOn(r);
    svc.scale_target = static_cast<int>(r.Int("scale_target", 1, 100).value_or(70));
    if (const toml::table* t = r.Table("canary")) {
      TableReader cr(*t, r.where() + " `canary`", file_, diags_);
      Canary c;
      c.image = cr.String("image", true).value_or("");
      c.weight = static_cast<int>(cr.Int("weight", 0, 100, true).value_or(0));
      if (auto h = cr.String("header")) {
        size_t eq = h->find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == h->size() || !IsHttpHeaderName(h->substr(0, eq)))
          diags_.Error(cr.Loc("header"), cr.where() + " `header` must be NAME=VALUE with an HTTP header name, e.g. " +
                                             "\"X-Model-Version=v2\", not \"" + *h + "\"");
        else c.header_name = h->substr(0, eq), c.header_value = h->substr(eq + 1);
      }
      c.locs = cr.locs();
      cr.Finish();
      svc.canary = std::move(c);
    }
    svc.hostname = r.String("hostname").value_or("");
    svc.gateway = r.String("gateway").value_or("");
    svc.queue = r.String("queue").value_or("");
    svc.locs = r.locs();
    r.Finish();
  }

  Platform ReadPlatform(const toml::table& t) {
    TableReader r(t, "[platform]", file_, diags_);
    Platform p;
    p.provided = Strings(r, "provided", &p.provided_locs);
    p.locs = r.locs();
    r.Finish();
    return p;
  }

  Monitoring ReadMonitoring(const toml::table& t) {
    TableReader r(t, "[monitoring]", file_, diags_);
    Monitoring m;
    m.namespace_name = Name(r, "namespace").value_or("monitoring");
    m.install = r.Bool("install");
    m.prometheus_url = r.String("prometheus_url").value_or("");
    if (!m.prometheus_url.empty() && !m.prometheus_url.starts_with("http://") &&
        !m.prometheus_url.starts_with("https://"))
      diags_.Error(r.Loc("prometheus_url"), "[monitoring] `prometheus_url` must be an http:// or https:// URL, not \"" +
                                                m.prometheus_url + "\"");
    if (auto d = r.Duration("gpu_idle_alert")) {
      if (*d < 60)
        diags_.Error(r.Loc("gpu_idle_alert"),
                     "[monitoring] `gpu_idle_alert` must be at least one minute (\"1m\"): shorter flags every GPU "
                     "between two batches as idle");
      else m.gpu_idle_alert_seconds = *d;
    }
    m.locs = r.locs();
    r.Finish();
    return m;
  }

  void ReadQueue(TableReader& r, Queue& q) {
    q.namespaces = Strings(r, "namespaces", &q.namespace_locs);
    if (!r.locs().keys.count("namespaces"))
      diags_.Error(r.locs().table,
                   r.where() +
                       " is missing required key `namespaces` (an array of the namespaces whose jobs and "
                       "services use the queue, e.g. [\"ml-training\"])");
    else if (q.namespaces.empty())
      diags_.Error(r.Loc("namespaces"), r.where() + " `namespaces` is empty; name at least one namespace");
    q.gpus = static_cast<int>(r.Int("gpus", 1, 1000000, true).value_or(0));
    q.pools = Strings(r, "pools", &q.pool_locs);
    if (auto c = Name(r, "cohort")) q.cohort = *c;
    q.locs = r.locs();
    r.Finish();
  }

  void ReadJob(TableReader& r, Job& job) {
    job.namespace_name = Name(r, "namespace", true).value_or("");
    job.profile = r.String("profile", true).value_or("");
    ReadContainer(r, job);
    job.retries = static_cast<int>(r.Int("retries", 0, 1000).value_or(3));
    job.timeout_seconds = r.Duration("timeout").value_or(24 * 3600);
    job.ttl_seconds = r.Duration("ttl").value_or(3600);
    job.schedule = r.String("schedule").value_or("");
    if (auto t = r.Int("trials", 1, 100000)) job.trials = static_cast<int>(*t);
    if (auto p = r.Int("parallelism", 1, 100000)) job.parallelism = static_cast<int>(*p);
    if (auto f = r.String("framework")) {
      if (*f == "pytorch" || *f == "tensorflow") job.framework = *f;
      else
        diags_.Error(r.Loc("framework"),
                     r.where() + " `framework` must be \"pytorch\" or \"tensorflow\", not \"" + *f + "\"");
    }
    job.workers = static_cast<int>(r.Int("workers", 1, 10000).value_or(1));
    job.mlflow_experiment = r.String("mlflow_experiment").value_or("");
    job.queue = r.String("queue").value_or("");
    job.locs = r.locs();
    r.Finish();
  }

  GpuOperatorSpec ReadGpuOperator(const toml::table& t) {
    TableReader r(t, "[gpu_operator]", file_, diags_);
    GpuOperatorSpec g;
    g.namespace_name = Name(r, "namespace").value_or("gpu-operator");
    g.chart_version = r.String("chart_version").value_or("");
    g.driver = r.Bool("driver");
    g.toolkit = r.Bool("toolkit");
    g.dcgm_exporter = r.Bool("dcgm_exporter").value_or(true);
    g.service_monitor = r.Bool("service_monitor");
    g.locs = r.locs();
    r.Finish();
    return g;
  }

  Preflight ReadPreflight(const toml::table& t) {
    TableReader r(t, "[preflight]", file_, diags_);
    Preflight p;
    p.namespace_name = Name(r, "namespace").value_or("mlspec-preflight");
    p.image = r.String("image", true).value_or("");
    p.min_memory_bandwidth = r.Number("min_memory_bandwidth", 0, 1).value_or(preflight::defaults::kMinMemoryBandwidth);
    p.min_gemm = r.Number("min_gemm", 0, 1).value_or(preflight::defaults::kMinGemm);
    p.timeout_seconds = r.Duration("timeout").value_or(600);
    p.label_nodes = r.Bool("label_nodes").value_or(false);
    if (auto n = r.Int("nodes", 1, kMaxNodes)) p.nodes = static_cast<int>(*n);
    p.locs = r.locs();
    r.Finish();
    return p;
  }

  GitOps ReadGitOps(const toml::table& t) {
    TableReader r(t, "[gitops]", file_, diags_);
    GitOps g;
    g.repo_url = r.String("repo_url", true).value_or("");
    g.revision = r.String("revision").value_or("HEAD");
    g.path = r.String("path").value_or("output");
    g.argocd_namespace = Name(r, "argocd_namespace").value_or("argocd");
    g.project = Name(r, "project").value_or("default");
    g.locs = r.locs();
    r.Finish();
    return g;
  }

  std::string file_;
  Diagnostics& diags_;
  bool provider_known_ = false;
};

}  // namespace

std::string_view AuthTypeName(AuthSpec::Type t) {
  switch (t) {
    case AuthSpec::Type::kGithub:
      return "github";
    case AuthSpec::Type::kAzureAd:
      return "azuread";
    case AuthSpec::Type::kGoogle:
      return "google";
    case AuthSpec::Type::kGenericOAuth:
      return "generic-oauth";
    case AuthSpec::Type::kDummy:
      return "dummy";
  }
  return "dummy";
}

std::optional<Spec> LoadSpec(std::string_view path, std::string_view content, Diagnostics& diags) {
  std::string file(path);
  std::optional<toml::table> root = ParseToml(content, file, diags);
  if (!root) return std::nullopt;
  Loader loader(path, diags);
  return loader.Load(*root);
}

}  // namespace mlspec
