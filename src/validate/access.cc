#include "validate/access.h"

#include "base/text.h"
#include "validate/serving.h"

namespace mlspec {
namespace {

// The keys of `auth` that belong to one type only, and that type.
struct TypedKey {
  std::string_view key;
  AuthSpec::Type type;
  bool set;
};

// One section's access keys: [jupyterhub] (`hub` true) or [mlflow].
void CheckAccess(const WebAccess& w, const KeyLocs& locs, std::string_view section, bool hub,
                 const std::vector<std::string>& admin_users, Diagnostics& diags) {
  const std::string where = "[" + std::string(section) + "]";
  auto error = [&](std::string_view key, const std::string& msg) { diags.Error(locs.At(key), where + " " + msg); };
  const std::string example_host = hub ? "hub.example.com" : "mlflow.example.com";

  if (!w.hostname.empty() && !HostnameOk(w.hostname))
    error("hostname",
          "`hostname` \"" + w.hostname + "\" is not a DNS name (lower-case, e.g. \"" + example_host + "\")");
  if (!w.gateway.empty() && !GatewayRefOk(w.gateway))
    error("gateway",
          "`gateway` must be NAMESPACE/NAME of an existing Gateway, e.g. \"infra/public\", not \"" + w.gateway + "\"");
  if (!w.gateway.empty() && !w.ingress_class.empty())
    error("ingress_class",
          "`ingress_class` and `gateway` both expose it; keep one: `gateway` for an HTTPRoute on a Gateway, "
          "`ingress_class` for an Ingress");
  for (std::string_view key : {"gateway", "ingress_class"})
    if (locs.keys.count(key) && w.hostname.empty())
      error(key, Quote(key) + " needs `hostname`: the name users open, e.g. hostname = \"" + example_host + "\"");
  if (locs.keys.count("tls_secret") && w.ingress_class.empty())
    error("tls_secret", "`tls_secret` applies to an Ingress (`ingress_class`); " +
                            std::string(w.gateway.empty() ? ""
                                                          : "behind `gateway`, TLS is the Gateway listener's "
                                                            "certificate; ") +
                            "remove it");
  if (!hub && !w.hostname.empty() && w.gateway.empty() && w.ingress_class.empty())
    error("hostname",
          "`hostname` needs `gateway` (an HTTPRoute) or `ingress_class` (an Ingress): MLflow's Service is "
          "ClusterIP, reachable from inside the cluster only");

  if (!w.auth) {
    if (w.exposed())
      error("hostname", "`hostname` exposes " + std::string(hub ? "JupyterHub" : "MLflow") +
                            " outside the cluster without a login; add auth = { type = \"github\", client_secret = "
                            "\"" +
                            std::string(section) +
                            "-oauth\", allowed_organizations = [\"my-org\"] } (or another type)");
    if (w.allow_dummy_auth)
      error("allow_dummy_auth", "`allow_dummy_auth` without auth = { type = \"dummy\" } has no effect; remove it");
    return;
  }
  const AuthSpec& a = *w.auth;
  auto auth_error = [&](std::string_view key, const std::string& msg) {
    diags.Error(a.locs.At(key), where + " `auth` " + msg);
  };
  if (!a.type_known) return;  // LoadSpec reported it
  const std::string type(AuthTypeName(a.type));

  if (!a.oauth()) {
    if (!w.allow_dummy_auth)
      auth_error("type",
                 hub ? "type = \"dummy\" lets anyone sign in with any user name and password; use \"github\", "
                       "\"azuread\", \"google\" or \"generic-oauth\", or set allow_dummy_auth = true in " +
                           where + " for a lab that accepts that"
                     : "type = \"dummy\" exposes MLflow without a login; use \"github\", \"azuread\" or \"google\" "
                       "(an oauth2-proxy in front of MLflow), or set allow_dummy_auth = true in " +
                           where + " for a lab that accepts that");
    for (std::string_view key :
         {"client_secret", "allowed_users", "allow_all", "allowed_organizations", "hosted_domain", "allowed_groups",
          "tenant_id", "authorize_url", "token_url", "userdata_url", "username_claim", "scopes"})
      if (a.locs.keys.count(key))
        auth_error(key, Quote(key) + " does not apply to type = \"dummy\", which checks no identity; remove it");
    return;
  }

  if (w.allow_dummy_auth)
    error("allow_dummy_auth", "`allow_dummy_auth` applies to auth type \"dummy\" only; remove it");
  if (a.client_secret.empty() && !a.locs.keys.count("client_secret"))
    diags.Error(a.locs.table, where + " `auth` type = \"" + type +
                                  "\" needs client_secret = \"SECRET-NAME\": the name of an existing Secret in the "
                                  "namespace with the keys client_id and client_secret" +
                                  (hub ? "" : " and cookie_secret") +
                                  " (README.md of the compiled tree shows the command)");
  if (!w.exposed())
    diags.Error(a.locs.table, where + " `auth` type = \"" + type +
                                  "\" needs `hostname`: the provider sends users back to https://HOSTNAME" +
                                  (hub ? "/hub/oauth_callback" : "/oauth2/callback") +
                                  ", which must be registered with the OAuth application");
  else if (hub && w.gateway.empty() && w.ingress_class.empty())
    diags.Error(a.locs.table,
                where + " `auth` type = \"" + type +
                    "\" on the proxy's plain-HTTP LoadBalancer would send the OAuth code and the session cookie "
                    "unencrypted; expose the hub with `gateway` or `ingress_class`, which terminate TLS");

  const TypedKey typed[] = {
      {"allowed_organizations", AuthSpec::Type::kGithub, !a.allowed_organizations.empty()},
      {"tenant_id", AuthSpec::Type::kAzureAd, a.locs.keys.count("tenant_id") > 0},
      {"hosted_domain", AuthSpec::Type::kGoogle, !a.hosted_domain.empty()},
      {"authorize_url", AuthSpec::Type::kGenericOAuth, a.locs.keys.count("authorize_url") > 0},
      {"token_url", AuthSpec::Type::kGenericOAuth, a.locs.keys.count("token_url") > 0},
      {"userdata_url", AuthSpec::Type::kGenericOAuth, a.locs.keys.count("userdata_url") > 0},
      {"username_claim", AuthSpec::Type::kGenericOAuth, a.locs.keys.count("username_claim") > 0},
      {"scopes", AuthSpec::Type::kGenericOAuth, !a.scopes.empty()},
      {"allowed_groups", AuthSpec::Type::kGenericOAuth, !a.allowed_groups.empty()},
  };
  for (const TypedKey& k : typed)
    if (k.set && k.type != a.type)
      auth_error(k.key, Quote(k.key) + " applies to type = \"" + std::string(AuthTypeName(k.type)) + "\" only, not \"" +
                            type + "\"");
  if (a.type == AuthSpec::Type::kAzureAd && a.tenant_id.empty())
    diags.Error(a.locs.table, where +
                                  " `auth` type = \"azuread\" needs `tenant_id`: the Azure tenant (directory) "
                                  "ID the OAuth application is registered in");
  if (a.type == AuthSpec::Type::kGenericOAuth)
    for (std::string_view key : {"authorize_url", "token_url", "userdata_url"})
      if (!a.locs.keys.count(key))
        diags.Error(a.locs.table, where + " `auth` type = \"generic-oauth\" needs " + Quote(key) +
                                      " (an https:// URL of the identity provider)");

  if (hub) {
    // OAuthenticator 16 and later let nobody in unless a rule allows them.
    const bool someone = a.allow_all || !a.allowed_users.empty() || !a.allowed_organizations.empty() ||
                         !a.allowed_groups.empty() || !admin_users.empty();
    if (!someone)
      diags.Error(a.locs.table,
                  where +
                      " `auth` lets nobody sign in: OAuthenticator allows only the users a rule names; add "
                      "allowed_users = [...]" +
                      std::string(a.type == AuthSpec::Type::kGithub ? ", allowed_organizations = [...]" : "") +
                      std::string(a.type == AuthSpec::Type::kGenericOAuth ? ", allowed_groups = [...]" : "") +
                      ", admin_users in " + where + ", or allow_all = true (everyone the provider signs in" +
                      std::string(a.type == AuthSpec::Type::kAzureAd  ? " in the tenant"
                                  : a.type == AuthSpec::Type::kGoogle ? ", limited by hosted_domain"
                                                                      : "") +
                      ")");
    return;
  }

  // [mlflow]: the chart's oauth2-proxy sidecar, whose flags allow fewer rules.
  switch (a.type) {
    case AuthSpec::Type::kGithub:
      if (a.allowed_organizations.size() > 1)
        auth_error("allowed_organizations",
                   "`allowed_organizations` holds one organization (or ORG:TEAM) for MLflow: oauth2-proxy's "
                   "--github-org takes one");
      if (!a.allow_all && a.allowed_users.empty() && a.allowed_organizations.empty())
        diags.Error(a.locs.table, where +
                                      " `auth` lets nobody sign in; add allowed_organizations = [\"my-org\"], "
                                      "allowed_users = [...] (GitHub logins), or allow_all = true (every GitHub "
                                      "user)");
      break;
    case AuthSpec::Type::kAzureAd:
    case AuthSpec::Type::kGoogle:
      if (!a.allowed_users.empty())
        auth_error("allowed_users",
                   "`allowed_users` applies to type = \"github\" on [mlflow]: oauth2-proxy allows Azure AD and "
                   "Google users by tenant or e-mail domain; use allow_all = true" +
                       std::string(a.type == AuthSpec::Type::kGoogle ? " with hosted_domain" : ""));
      else if (!a.allow_all)
        diags.Error(
            a.locs.table,
            where + " `auth` lets nobody sign in; add allow_all = true (everyone the provider signs in" +
                std::string(a.type == AuthSpec::Type::kAzureAd ? " in the tenant" : ", limited by hosted_domain") +
                ")");
      break;
    case AuthSpec::Type::kGenericOAuth:
      auth_error("type",
                 "type = \"generic-oauth\" is not supported for MLflow: its oauth2-proxy sidecar needs an OIDC "
                 "issuer, not the authorize/token/userdata URLs; use \"github\", \"azuread\" or \"google\"");
      break;
    case AuthSpec::Type::kDummy:
      break;
  }
}

}  // namespace

void ValidateAccess(const Spec& spec, Diagnostics& diags) {
  if (spec.jupyterhub)
    CheckAccess(*spec.jupyterhub, spec.jupyterhub->locs, "jupyterhub", true, spec.jupyterhub->admin_users, diags);
  if (spec.mlflow) CheckAccess(*spec.mlflow, spec.mlflow->locs, "mlflow", false, {}, diags);
}

}  // namespace mlspec
