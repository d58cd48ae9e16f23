#include "nvml_telemetry.h"

#include <dlfcn.h>

#include <mutex>

namespace mlspec::preflight {
namespace {

// --- NVML declarations, written from the NVML API reference (no nvml.h). ---
// nvmlReturn_t values.
constexpr int kNvmlSuccess = 0;
constexpr int kNvmlErrorNotSupported = 3;
constexpr int kNvmlErrorInsufficientSize = 7;
using nvmlReturn_t = int;
using nvmlDevice_t = struct NvmlDeviceOpaque*;
using nvmlEnableState_t = int;  // NVML_FEATURE_DISABLED 0, NVML_FEATURE_ENABLED 1
// nvmlMemoryErrorType_t: CORRECTED 0, UNCORRECTED 1.
constexpr int kCorrected = 0, kUncorrected = 1;
// nvmlEccCounterType_t: VOLATILE 0, AGGREGATE 1.
constexpr int kVolatile = 0, kAggregate = 1;
// nvmlMemoryLocation_t: L1 0, L2 1, DRAM/DEVICE_MEMORY 2, REGISTER_FILE 3,
// TEXTURE_MEMORY 4, TEXTURE_SHM 5, CBU 6, SRAM 7.
constexpr int kLocationSram = 7;
// nvmlPageRetirementCause_t (nvml.h order; some Python bindings swap them):
// MULTIPLE_SINGLE_BIT_ECC_ERRORS 0, DOUBLE_BIT_ECC_ERROR 1.
constexpr int kRetiredSbe = 0, kRetiredDbe = 1;
// nvmlNvLinkErrorCounter_t: DL_REPLAY 0, DL_RECOVERY 1, DL_CRC_FLIT 2, DL_CRC_DATA 3.
constexpr int kNvLinkReplay = 0, kNvLinkRecovery = 1, kNvLinkCrcFlit = 2, kNvLinkCrcData = 3;
constexpr unsigned kNvLinkMaxLinks = 18;  // NVML_NVLINK_MAX_LINKS
// nvmlTemperatureSensors_t: NVML_TEMPERATURE_GPU 0.
constexpr int kTemperatureGpu = 0;

struct nvmlMemory_t {
  unsigned long long total, free, used;
};

struct Api {
  nvmlReturn_t (*Init)() = nullptr;                                        // nvmlInit_v2
  nvmlReturn_t (*Shutdown)() = nullptr;                                    // nvmlShutdown
  const char* (*ErrorString)(nvmlReturn_t) = nullptr;                      // nvmlErrorString
  nvmlReturn_t (*HandleByPciBusId)(const char*, nvmlDevice_t*) = nullptr;  // nvmlDeviceGetHandleByPciBusId_v2
  nvmlReturn_t (*DriverVersion)(char*, unsigned) = nullptr;                // nvmlSystemGetDriverVersion
  nvmlReturn_t (*MemoryInfo)(nvmlDevice_t, nvmlMemory_t*) = nullptr;       // nvmlDeviceGetMemoryInfo
  nvmlReturn_t (*EccMode)(nvmlDevice_t, nvmlEnableState_t*, nvmlEnableState_t*) = nullptr;  // nvmlDeviceGetEccMode
  nvmlReturn_t (*PersistenceMode)(nvmlDevice_t, nvmlEnableState_t*) = nullptr;  // nvmlDeviceGetPersistenceMode
  nvmlReturn_t (*MigMode)(nvmlDevice_t, unsigned*, unsigned*) = nullptr;        // nvmlDeviceGetMigMode
  nvmlReturn_t (*ComputeProcesses)(nvmlDevice_t, unsigned*,
                                   void*) = nullptr;  // nvmlDeviceGetComputeRunningProcesses_v3
  nvmlReturn_t (*RetiredPages)(nvmlDevice_t, int, unsigned*,
                               unsigned long long*) = nullptr;                 // nvmlDeviceGetRetiredPages
  nvmlReturn_t (*RetiredPending)(nvmlDevice_t, nvmlEnableState_t*) = nullptr;  // nvmlDeviceGetRetiredPagesPendingStatus
  nvmlReturn_t (*RemappedRows)(nvmlDevice_t, unsigned*, unsigned*, unsigned*,
                               unsigned*) = nullptr;                                // nvmlDeviceGetRemappedRows
  nvmlReturn_t (*TotalEcc)(nvmlDevice_t, int, int, unsigned long long*) = nullptr;  // nvmlDeviceGetTotalEccErrors
  nvmlReturn_t (*MemoryErrorCounter)(nvmlDevice_t, int, int, int,
                                     unsigned long long*) = nullptr;  // nvmlDeviceGetMemoryErrorCounter
  nvmlReturn_t (*ValidateInforom)(nvmlDevice_t) = nullptr;            // nvmlDeviceValidateInforom
  nvmlReturn_t (*CurrPcieGen)(nvmlDevice_t, unsigned*) = nullptr;     // nvmlDeviceGetCurrPcieLinkGeneration
  nvmlReturn_t (*MaxPcieGen)(nvmlDevice_t, unsigned*) = nullptr;      // nvmlDeviceGetMaxPcieLinkGeneration
  nvmlReturn_t (*CurrPcieWidth)(nvmlDevice_t, unsigned*) = nullptr;   // nvmlDeviceGetCurrPcieLinkWidth
  nvmlReturn_t (*MaxPcieWidth)(nvmlDevice_t, unsigned*) = nullptr;    // nvmlDeviceGetMaxPcieLinkWidth
  nvmlReturn_t (*PcieReplay)(nvmlDevice_t, unsigned*) = nullptr;      // nvmlDeviceGetPcieReplayCounter
  nvmlReturn_t (*NvLinkState)(nvmlDevice_t, unsigned, nvmlEnableState_t*) = nullptr;  // nvmlDeviceGetNvLinkState
  nvmlReturn_t (*NvLinkErrorCounter)(nvmlDevice_t, unsigned, int,
                                     unsigned long long*) = nullptr;  // nvmlDeviceGetNvLinkErrorCounter
  nvmlReturn_t (*ClocksEventReasons)(nvmlDevice_t, unsigned long long*) =
      nullptr;  // nvmlDeviceGetCurrentClocksEventReasons (or ...ThrottleReasons)
  nvmlReturn_t (*Temperature)(nvmlDevice_t, int, unsigned*) = nullptr;  // nvmlDeviceGetTemperature
  nvmlReturn_t (*PowerUsage)(nvmlDevice_t, unsigned*) = nullptr;        // nvmlDeviceGetPowerUsage (mW)
};

template <class F>
void Bind(void* lib, F*& fn, const char* name, const char* fallback = nullptr) {
  void* sym = dlsym(lib, name);
  if (sym == nullptr && fallback != nullptr) sym = dlsym(lib, fallback);
  fn = reinterpret_cast<F*>(sym);
}

class NvmlTelemetry : public Telemetry {
 public:
  explicit NvmlTelemetry(std::string library) : library_(std::move(library)) {}
  ~NvmlTelemetry() override {
    if (initialized_ && api_.Shutdown) api_.Shutdown();
    if (handle_ != nullptr) dlclose(handle_);
  }
  // Not copyable.
  NvmlTelemetry(const NvmlTelemetry&) = delete;
  NvmlTelemetry& operator=(const NvmlTelemetry&) = delete;

  Expected<bool> Available() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!loaded_) Load();
    if (!initialized_) return load_error_;
    return true;
  }

  Expected<ManagementInfo> Info(const std::string& pci) override {
    auto dev = Handle(pci);
    if (!dev.ok()) return dev.error();
    nvmlDevice_t d = dev.value();
    ManagementInfo m;
    char version[96] = {};
    if (api_.DriverVersion && api_.DriverVersion(version, sizeof version) == kNvmlSuccess) m.driver_version = version;
    nvmlMemory_t mem{};
    if (api_.MemoryInfo && api_.MemoryInfo(d, &mem) == kNvmlSuccess) m.memory_total_bytes = mem.total;
    nvmlEnableState_t cur = 0, pend = 0;
    if (api_.EccMode && api_.EccMode(d, &cur, &pend) == kNvmlSuccess)
      m.ecc_enabled = cur != 0, m.ecc_pending = pend != 0;
    if (api_.PersistenceMode && api_.PersistenceMode(d, &cur) == kNvmlSuccess) m.persistence_mode = cur != 0;
    unsigned mc = 0, mp = 0;
    if (api_.MigMode && api_.MigMode(d, &mc, &mp) == kNvmlSuccess) m.mig_enabled = mc != 0, m.mig_pending = mp != 0;
    if (api_.ComputeProcesses) {
      // Asking with room for zero entries returns SUCCESS (none running) or
      // INSUFFICIENT_SIZE with the count; no process-info layout needed.
      unsigned count = 0;
      nvmlReturn_t rc = api_.ComputeProcesses(d, &count, nullptr);
      if (rc == kNvmlSuccess) m.compute_processes = 0;
      else if (rc == kNvmlErrorInsufficientSize) m.compute_processes = count;
    }
    return m;
  }

  Expected<HealthSnapshot> Health(const std::string& pci) override {
    auto dev = Handle(pci);
    if (!dev.ok()) return dev.error();
    nvmlDevice_t d = dev.value();
    HealthSnapshot h;
    unsigned count = 0;
    if (api_.RetiredPages) {
      count = 0;
      if (api_.RetiredPages(d, kRetiredSbe, &count, nullptr) == kNvmlSuccess) h.retired_pages_sbe = count;
      count = 0;
      if (api_.RetiredPages(d, kRetiredDbe, &count, nullptr) == kNvmlSuccess) h.retired_pages_dbe = count;
    }
    nvmlEnableState_t st = 0;
    if (api_.RetiredPending && api_.RetiredPending(d, &st) == kNvmlSuccess) h.retirement_pending = st != 0;
    unsigned corr = 0, unc = 0, pending = 0, failure = 0;
    if (api_.RemappedRows && api_.RemappedRows(d, &corr, &unc, &pending, &failure) == kNvmlSuccess) {
      h.remapped_rows_correctable = corr;
      h.remapped_rows_uncorrectable = unc;
      h.remap_pending = pending != 0;
      h.remap_failure = failure != 0;
    }
    unsigned long long v = 0;
    if (api_.TotalEcc) {
      if (api_.TotalEcc(d, kUncorrected, kVolatile, &v) == kNvmlSuccess) h.ecc_volatile_uncorrected = v;
      if (api_.TotalEcc(d, kCorrected, kVolatile, &v) == kNvmlSuccess) h.ecc_volatile_corrected = v;
    }
    if (api_.MemoryErrorCounter) {
      if (api_.MemoryErrorCounter(d, kUncorrected, kVolatile, kLocationSram, &v) == kNvmlSuccess)
        h.sram_uncorrected_volatile = v;
      if (api_.MemoryErrorCounter(d, kUncorrected, kAggregate, kLocationSram, &v) == kNvmlSuccess)
        h.sram_uncorrected_aggregate = v;
      if (api_.MemoryErrorCounter(d, kCorrected, kAggregate, kLocationSram, &v) == kNvmlSuccess)
        h.sram_corrected_aggregate = v;
    }
    if (api_.ValidateInforom) {
      nvmlReturn_t rc = api_.ValidateInforom(d);
      if (rc == kNvmlSuccess) h.inforom_valid = true;
      else if (rc != kNvmlErrorNotSupported) h.inforom_valid = false;  // NVML_ERROR_CORRUPTED_INFOROM and friends
    }
    unsigned u = 0;
    if (api_.CurrPcieGen && api_.CurrPcieGen(d, &u) == kNvmlSuccess) h.pcie_gen_current = u;
    if (api_.MaxPcieGen && api_.MaxPcieGen(d, &u) == kNvmlSuccess) h.pcie_gen_max = u;
    if (api_.CurrPcieWidth && api_.CurrPcieWidth(d, &u) == kNvmlSuccess) h.pcie_width_current = u;
    if (api_.MaxPcieWidth && api_.MaxPcieWidth(d, &u) == kNvmlSuccess) h.pcie_width_max = u;
    if (api_.PcieReplay && api_.PcieReplay(d, &u) == kNvmlSuccess) h.pcie_replay_counter = u;
    if (api_.NvLinkState) {
      for (unsigned link = 0; link < kNvLinkMaxLinks; ++link) {
        nvmlEnableState_t active = 0;
        if (api_.NvLinkState(d, link, &active) != kNvmlSuccess) continue;
        NvLinkCounters c;
        c.link = link;
        c.active = active != 0;
        if (api_.NvLinkErrorCounter) {
          if (api_.NvLinkErrorCounter(d, link, kNvLinkReplay, &v) == kNvmlSuccess) c.replay = v;
          if (api_.NvLinkErrorCounter(d, link, kNvLinkRecovery, &v) == kNvmlSuccess) c.recovery = v;
          if (api_.NvLinkErrorCounter(d, link, kNvLinkCrcFlit, &v) == kNvmlSuccess) c.crc_flit = v;
          if (api_.NvLinkErrorCounter(d, link, kNvLinkCrcData, &v) == kNvmlSuccess) c.crc_data = v;
        }
        h.nvlinks.push_back(c);
      }
    }
    return h;
  }

  Expected<ClockSample> Clocks(const std::string& pci) override {
    auto dev = Handle(pci);
    if (!dev.ok()) return dev.error();
    ClockSample s;
    unsigned long long reasons = 0;
    if (api_.ClocksEventReasons && api_.ClocksEventReasons(dev.value(), &reasons) == kNvmlSuccess)
      s.event_reasons = reasons;
    unsigned u = 0;
    if (api_.Temperature && api_.Temperature(dev.value(), kTemperatureGpu, &u) == kNvmlSuccess) s.temperature_c = u;
    if (api_.PowerUsage && api_.PowerUsage(dev.value(), &u) == kNvmlSuccess) s.power_mw = u;
    return s;
  }

 private:
  void Load() {
    loaded_ = true;
    handle_ = dlopen(library_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) {
      const char* why = dlerror();
      load_error_ = Error{"nvml-not-found", "cannot load " + library_ + ": " + (why ? why : "unknown error"), ""};
      return;
    }
    Bind(handle_, api_.Init, "nvmlInit_v2", "nvmlInit");
    Bind(handle_, api_.Shutdown, "nvmlShutdown");
    Bind(handle_, api_.ErrorString, "nvmlErrorString");
    Bind(handle_, api_.HandleByPciBusId, "nvmlDeviceGetHandleByPciBusId_v2", "nvmlDeviceGetHandleByPciBusId");
    Bind(handle_, api_.DriverVersion, "nvmlSystemGetDriverVersion");
    Bind(handle_, api_.MemoryInfo, "nvmlDeviceGetMemoryInfo");
    Bind(handle_, api_.EccMode, "nvmlDeviceGetEccMode");
    Bind(handle_, api_.PersistenceMode, "nvmlDeviceGetPersistenceMode");
    Bind(handle_, api_.MigMode, "nvmlDeviceGetMigMode");
    Bind(handle_, api_.ComputeProcesses, "nvmlDeviceGetComputeRunningProcesses_v3",
         "nvmlDeviceGetComputeRunningProcesses_v2");
    Bind(handle_, api_.RetiredPages, "nvmlDeviceGetRetiredPages");
    Bind(handle_, api_.RetiredPending, "nvmlDeviceGetRetiredPagesPendingStatus");
    Bind(handle_, api_.RemappedRows, "nvmlDeviceGetRemappedRows");
    Bind(handle_, api_.TotalEcc, "nvmlDeviceGetTotalEccErrors");
    Bind(handle_, api_.MemoryErrorCounter, "nvmlDeviceGetMemoryErrorCounter");
    Bind(handle_, api_.ValidateInforom, "nvmlDeviceValidateInforom");
    Bind(handle_, api_.CurrPcieGen, "nvmlDeviceGetCurrPcieLinkGeneration");
    Bind(handle_, api_.MaxPcieGen, "nvmlDeviceGetMaxPcieLinkGeneration");
    Bind(handle_, api_.CurrPcieWidth, "nvmlDeviceGetCurrPcieLinkWidth");
    Bind(handle_, api_.MaxPcieWidth, "nvmlDeviceGetMaxPcieLinkWidth");
    Bind(handle_, api_.PcieReplay, "nvmlDeviceGetPcieReplayCounter");
    Bind(handle_, api_.NvLinkState, "nvmlDeviceGetNvLinkState");
    Bind(handle_, api_.NvLinkErrorCounter, "nvmlDeviceGetNvLinkErrorCounter");
    Bind(handle_, api_.ClocksEventReasons, "nvmlDeviceGetCurrentClocksEventReasons",
         "nvmlDeviceGetCurrentClocksThrottleReasons");
    Bind(handle_, api_.Temperature, "nvmlDeviceGetTemperature");
    Bind(handle_, api_.PowerUsage, "nvmlDeviceGetPowerUsage");
    if (api_.Init == nullptr || api_.HandleByPciBusId == nullptr) {
      load_error_ = Error{"nvml-incomplete", library_ + " lacks nvmlInit_v2 or nvmlDeviceGetHandleByPciBusId_v2", ""};
      return;
    }
    nvmlReturn_t rc = api_.Init();
    if (rc != kNvmlSuccess) {
      load_error_ = Error{NvmlReturnName(rc), "nvmlInit_v2 failed: " + Describe(rc), ""};
      return;
    }
    initialized_ = true;
  }

  Expected<nvmlDevice_t> Handle(const std::string& pci) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!loaded_) Load();
      if (!initialized_) return load_error_;
    }
    nvmlDevice_t d = nullptr;
    nvmlReturn_t rc = api_.HandleByPciBusId(pci.c_str(), &d);
    if (rc != kNvmlSuccess)
      return Error{NvmlReturnName(rc), "nvmlDeviceGetHandleByPciBusId_v2(" + pci + "): " + Describe(rc), ""};
    return d;
  }

  std::string Describe(nvmlReturn_t rc) const {
    if (api_.ErrorString != nullptr) {
      const char* s = api_.ErrorString(rc);
      if (s != nullptr) return s;
    }
    return NvmlReturnName(rc);
  }

  std::string library_;
  std::mutex mu_;
  bool loaded_ = false;
  bool initialized_ = false;
  void* handle_ = nullptr;
  Api api_;
  Error load_error_{"nvml-not-loaded", "NVML not loaded", ""};
};

}  // namespace

std::unique_ptr<Telemetry> MakeNvmlTelemetry(std::string library) {
  return std::make_unique<NvmlTelemetry>(std::move(library));
}

std::string NvmlReturnName(int code) {
  switch (code) {
    case 0:
      return "NVML_SUCCESS";
    case 1:
      return "NVML_ERROR_UNINITIALIZED";
    case 2:
      return "NVML_ERROR_INVALID_ARGUMENT";
    case 3:
      return "NVML_ERROR_NOT_SUPPORTED";
    case 4:
      return "NVML_ERROR_NO_PERMISSION";
    case 6:
      return "NVML_ERROR_NOT_FOUND";
    case 7:
      return "NVML_ERROR_INSUFFICIENT_SIZE";
    case 9:
      return "NVML_ERROR_DRIVER_NOT_LOADED";
    case 10:
      return "NVML_ERROR_TIMEOUT";
    case 12:
      return "NVML_ERROR_LIBRARY_NOT_FOUND";
    case 13:
      return "NVML_ERROR_FUNCTION_NOT_FOUND";
    case 14:
      return "NVML_ERROR_CORRUPTED_INFOROM";
    case 15:
      return "NVML_ERROR_GPU_IS_LOST";
    case 16:
      return "NVML_ERROR_RESET_REQUIRED";
    case 18:
      return "NVML_ERROR_LIB_RM_VERSION_MISMATCH";
    case 999:
      return "NVML_ERROR_UNKNOWN";
    default:
      return "NVML_ERROR_" + std::to_string(code);
  }
}

}  // namespace mlspec::preflight
