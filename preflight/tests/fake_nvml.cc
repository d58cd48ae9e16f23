// A stand-in libnvidia-ml.so for nvml_telemetry_test: one GPU at
// 0000:3b:00.0 with known counters. It exports only some functions, so the
// loader's handling of missing symbols is exercised too. Signatures mirror
// the NVML API reference.
#include <cstring>

namespace {
int g_dummy_device = 0;
}

extern "C" {

int nvmlInit_v2() { return 0; }
int nvmlShutdown() { return 0; }
const char* nvmlErrorString(int rc) { return rc == 6 ? "Not Found" : "Unknown Error"; }

int nvmlDeviceGetHandleByPciBusId_v2(const char* bus, void** device) {
  if (std::strcmp(bus, "0000:3b:00.0") != 0) return 6;  // NVML_ERROR_NOT_FOUND
  *device = &g_dummy_device;
  return 0;
}

int nvmlSystemGetDriverVersion(char* out, unsigned len) {
  std::strncpy(out, "550.54.15", len);
  return 0;
}

int nvmlDeviceGetEccMode(void*, int* current, int* pending) {
  *current = 1;
  *pending = 0;
  return 0;
}

int nvmlDeviceGetComputeRunningProcesses_v3(void*, unsigned* count, void*) {
  *count = 2;
  return 7;  // NVML_ERROR_INSUFFICIENT_SIZE: two processes
}

int nvmlDeviceGetRetiredPages(void*, int cause, unsigned* count, unsigned long long*) {
  *count = cause == 1 ? 3u : 5u;  // DOUBLE_BIT_ECC_ERROR = 1
  return 0;
}

int nvmlDeviceGetRetiredPagesPendingStatus(void*, int* pending) {
  *pending = 1;
  return 0;
}

int nvmlDeviceGetRemappedRows(void*, unsigned*, unsigned*, unsigned*, unsigned*) {
  return 3;
}  // NOT_SUPPORTED (pre-Ampere)

int nvmlDeviceGetTotalEccErrors(void*, int error_type, int counter_type, unsigned long long* count) {
  *count = (error_type == 1 && counter_type == 0) ? 2 : 0;  // uncorrected, volatile
  return 0;
}

int nvmlDeviceValidateInforom(void*) { return 14; }  // NVML_ERROR_CORRUPTED_INFOROM

int nvmlDeviceGetCurrPcieLinkGeneration(void*, unsigned* v) {
  *v = 3;
  return 0;
}
int nvmlDeviceGetMaxPcieLinkGeneration(void*, unsigned* v) {
  *v = 4;
  return 0;
}
int nvmlDeviceGetCurrPcieLinkWidth(void*, unsigned* v) {
  *v = 16;
  return 0;
}
int nvmlDeviceGetMaxPcieLinkWidth(void*, unsigned* v) {
  *v = 16;
  return 0;
}

int nvmlDeviceGetNvLinkState(void*, unsigned link, int* active) {
  if (link >= 2) return 3;  // NOT_SUPPORTED beyond two links
  *active = link == 0 ? 1 : 0;
  return 0;
}

int nvmlDeviceGetNvLinkErrorCounter(void*, unsigned link, int counter, unsigned long long* v) {
  *v = (link == 0 && counter == 1) ? 4 : 0;  // recovery on link 0
  return 0;
}

// Only the old name: the loader must fall back to it.
int nvmlDeviceGetCurrentClocksThrottleReasons(void*, unsigned long long* r) {
  *r = 0x8;
  return 0;
}

}  // extern "C"
