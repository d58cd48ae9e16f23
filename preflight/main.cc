// mlspec-preflight: parses arguments, wires the real CUDA device, NVML and
// the operating system into the runner, prints the report. All logic lives
// in mlspec_preflight_core.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cuda/cuda_device.h"
#include "exit_codes.h"
#include "nvml_telemetry.h"
#include "options.h"
#include "report.h"
#include "runner.h"
#include "system_probe.h"

#ifndef MLSPEC_PREFLIGHT_VERSION
#define MLSPEC_PREFLIGHT_VERSION "0.0.0"
#endif

namespace {

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mlspec::preflight;
  std::vector<std::string> args(argv + 1, argv + argc);
  ParseOutcome parsed = ParseArgs(args);
  if (!parsed.error.empty()) {
    std::cerr << "mlspec-preflight: " << parsed.error << "\n(see mlspec-preflight --help)\n";
    return kExitCannotRun;
  }
  const Options& options = parsed.options;
  if (options.help) {
    std::cout << HelpText();
    return kExitPass;
  }
  if (options.version) {
    std::cout << "mlspec-preflight " << MLSPEC_PREFLIGHT_VERSION << " (report " << kReportSchema << ")\n";
    return kExitPass;
  }

  // GPU indices in the report follow PCI bus order, as nvidia-smi's do.
  setenv("CUDA_DEVICE_ORDER", "PCI_BUS_ID", /*overwrite=*/0);

  auto device = MakeCudaDevice();
  auto telemetry = MakeNvmlTelemetry(options.nvml_library);
  auto system = MakeRealSystemProbe(options.kmsg_path);
  Runner runner(options, *device, *telemetry, *system);
  RunReport report = runner.Run();

  const std::string json = ReportJson(report, options, MLSPEC_PREFLIGHT_VERSION);
  std::cout << json << std::flush;
  std::cerr << SummaryText(report) << std::flush;
  if (!options.report_path.empty() && !WriteFile(options.report_path, json))
    std::cerr << "mlspec-preflight: could not write --report " << options.report_path << "\n";
  if (!options.termination_log.empty() && access(options.termination_log.c_str(), W_OK) == 0)
    WriteFile(options.termination_log, TerminationMessage(report));

  const int code = ExitCodeFor(report);
  if (report.watchdog_fired) {
    // A worker may be stuck inside the driver; do not wait for it or run
    // destructors that would touch the GPU.
    std::fflush(nullptr);
    std::_Exit(code);
  }
  return code;
}
