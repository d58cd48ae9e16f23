#include "validate/jobs.h"

#include <array>
#include <vector>

#include "base/text.h"

#include "validate/container.h"
#include "validate/references.h"

namespace mlspec {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::optional<int> Number(std::string_view s, const std::vector<std::string_view>& names, int first) {
  if (s.empty()) return std::nullopt;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string upper;
    for (char c : s) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == names[i]) return first + static_cast<int>(i);
  }
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || v > 1000) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// One field of a cron schedule: lists of *, N, N-M, each optionally /STEP.
bool CronFieldOk(std::string_view field, int lo, int hi, const std::vector<std::string_view>& names, int first) {
  for (std::string_view item : Split(field, ',')) {
    std::string_view range = item;
    if (size_t slash = item.find('/'); slash != std::string_view::npos) {
      auto step = Number(item.substr(slash + 1), {}, 0);
      if (!step || *step == 0) return false;
      range = item.substr(0, slash);
    }
    if (range == "*") continue;
    size_t dash = range.find('-');
    auto a = Number(range.substr(0, dash), names, first);
    if (!a || *a < lo || *a > hi) return false;
    if (dash != std::string_view::npos) {
      auto b = Number(range.substr(dash + 1), names, first);
      if (!b || *b < *a || *b > hi) return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> CronError(std::string_view schedule) {
  // https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax
  static constexpr std::string_view kMacros[] = {"@yearly", "@annually", "@monthly", "@weekly",
                                                 "@daily",  "@midnight", "@hourly"};
  if (schedule.starts_with("@")) {
    for (std::string_view m : kMacros)
      if (schedule == m) return std::nullopt;
    return "unknown macro; use @yearly, @monthly, @weekly, @daily or @hourly, or five fields";
  }
  if (schedule.starts_with("TZ=") || schedule.starts_with("CRON_TZ="))
    return "a time zone inside the schedule is not supported by Kubernetes CronJobs";
  std::vector<std::string_view> fields;
  for (std::string_view f : Split(schedule, ' '))
    if (!f.empty()) fields.push_back(f);
  if (fields.size() != 5)
    return "a schedule has five fields (minute hour day-of-month month day-of-week), not " +
           std::to_string(fields.size());
  static const std::vector<std::string_view> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                        "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  static const std::vector<std::string_view> kDays = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  struct Field {
    const char* name;
    int lo, hi;
    const std::vector<std::string_view>* names;
    int first;
  };
  static const std::vector<std::string_view> kNone;
  const std::array<Field, 5> spec = {{{"minute", 0, 59, &kNone, 0},
                                      {"hour", 0, 23, &kNone, 0},
                                      {"day of month", 1, 31, &kNone, 1},
                                      {"month", 1, 12, &kMonths, 1},
                                      {"day of week", 0, 7, &kDays, 0}}};
  for (size_t i = 0; i < 5; ++i) {
    std::string_view f = fields[i];
    if (i == 2 || i == 4) {
      if (f == "?") continue;
    }
    if (!CronFieldOk(f, spec[i].lo, spec[i].hi, *spec[i].names, spec[i].first))
      return "field " + std::to_string(i + 1) + " (" + spec[i].name + ") \"" + std::string(f) + "\" is not " +
             std::to_string(spec[i].lo) + "-" + std::to_string(spec[i].hi) + ", *, a range, a list or a step";
  }
  return std::nullopt;
}

void ValidateJobs(const Spec& spec, Diagnostics& diags) {
  for (const auto& [name, st] : spec.storage) {
    const std::string where = "[storage." + name + "]";
    if (!st.namespace_name.empty() && !spec.namespaces.count(st.namespace_name))
      diags.Error(st.locs.At("namespace"),
                  where + " " + Undefined("namespace", st.namespace_name, Keys(spec.namespaces)));
  }
  for (const auto& entry : spec.jobs) {
    const std::string& name = entry.first;
    const Job& job = entry.second;
    const std::string where = "[jobs." + name + "]";
    auto error = [&](std::string_view key, const std::string& msg) {
      diags.Error(job.locs.At(key), where + " " + msg);
    };
    if (!job.namespace_name.empty() && !spec.namespaces.count(job.namespace_name))
      error("namespace", Undefined("namespace", job.namespace_name, Keys(spec.namespaces)) +
                             " (jobs run in a declared [namespaces.*] so that its quota applies)");
    if (!job.profile.empty() && !spec.profiles.count(job.profile))
      error("profile", Undefined("profile", job.profile, Keys(spec.profiles)));
    if (!job.schedule.empty())
      if (auto why = CronError(job.schedule)) error("schedule", "`schedule` \"" + job.schedule + "\": " + *why);
    if (job.trials && job.workers > 1)
      error("trials",
            "`trials` runs independent pods (an Indexed Job) and `workers` one distributed job; use one of them");
    if (!job.framework.empty() && !job.schedule.empty())
      error("framework",
            "`framework` with `schedule`: a CronJob cannot create a PyTorchJob or TFJob; drop `schedule` "
            "and trigger the job from your pipeline, or drop `framework`");
    if (job.workers > 1 && job.framework.empty())
      error("workers", "`workers = " + std::to_string(job.workers) +
                           "` needs `framework = \"pytorch\"` or `\"tensorflow\"`: the Kubeflow training operator "
                           "wires the workers together");
    if (job.parallelism && !job.trials)
      error("parallelism", "`parallelism` applies to `trials` (an Indexed Job); set `trials` or drop `parallelism`");
    if (job.parallelism && job.trials && *job.parallelism > *job.trials)
      error("parallelism", "`parallelism` (" + std::to_string(*job.parallelism) + ") is larger than `trials` (" +
                               std::to_string(*job.trials) + "); at most " + std::to_string(*job.trials) +
                               " pods can run at once");
    if (!job.mlflow_experiment.empty() && !spec.mlflow)
      error("mlflow_experiment",
            "`mlflow_experiment` needs an [mlflow] table: it points the job at the in-cluster "
            "MLflow tracking server");
    CheckContainer(spec, job, where, "the job", job.namespace_name, job.pods_at_once(), diags);
  }
}

}  // namespace mlspec
