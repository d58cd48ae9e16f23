#include "check_result.h"

namespace mlspec::preflight {

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "PASS";
    case Verdict::kFail:
      return "FAIL";
    case Verdict::kSkip:
      return "SKIP";
  }
  return "FAIL";
}

std::string_view FailureName(Failure f) {
  switch (f) {
    case Failure::kNone:
      return "";
    case Failure::kFault:
      return "fault";
    case Failure::kCannotRun:
      return "cannot-run";
    case Failure::kTimeout:
      return "timeout";
  }
  return "fault";
}

namespace {
// The most severe kind wins: timeout > cannot-run > fault.
int Rank(Failure f) {
  switch (f) {
    case Failure::kNone:
      return 0;
    case Failure::kFault:
      return 1;
    case Failure::kCannotRun:
      return 2;
    case Failure::kTimeout:
      return 3;
  }
  return 1;
}
}  // namespace

void CheckResult::Fail(std::string finding, Failure kind) {
  verdict = Verdict::kFail;
  if (Rank(kind) > Rank(failure)) failure = kind;
  findings.push_back("FAIL " + std::move(finding));
}

void CheckResult::Note(std::string finding) { findings.push_back(std::move(finding)); }

void CheckResult::Finish() {
  if (verdict != Verdict::kFail) {
    verdict = Verdict::kPass;
    failure = Failure::kNone;
    return;
  }
  if (!detail.empty()) return;
  for (const auto& f : findings) {
    if (f.rfind("FAIL ", 0) != 0) continue;
    if (!detail.empty()) detail += "; ";
    detail += f.substr(5);
  }
}

CheckResult CheckResult::Skipped(std::string_view id, std::string reason) {
  CheckResult r;
  r.id = std::string(id);
  r.verdict = Verdict::kSkip;
  r.detail = std::move(reason);
  return r;
}

}  // namespace mlspec::preflight
