// A stand-in libnvidia-ml.so for nvml_telemetry_test: one GPU at
// 0000:3b:00.0 with known counters. It exports only some functions, so the
// loader's handling of missing symbols is exercised too. Signatures mirror
// the NVML API reference. It is C, as the real library is: a C++ stand-in
// would carry C++ function types, and UBSan's -fsanitize=function would
// (rightly) flag the loader's calls through its own NVML declarations.
#include <string.h>

static int g_dummy_device = 0;

int nvmlInit_v2() { return 0; }
int nvmlShutdown() { return 0; }
const char* nvmlErrorString(int rc) { return rc == 6 ? "Not Found" : "Unknown Error"; }

int nvmlDeviceGetHandleByPciBusId_v2(const char* bus, void** device) {
  if (strcmp(bus, "0000:3b:00.0") != 0) return 6;  // NVML_ERROR_NOT_FOUND
  *device = &g_dummy_device;
  return 0;
}

int nvmlSystemGetDriverVersion(char* out, unsigned len) {
  strncpy(out, "550.54.15", len);
  return 0;
}

int nvmlDeviceGetEccMode(void* device, int* current, int* pending) {
  *current = 1;
  *pending = 0;
  return 0;
}

int nvmlDeviceGetComputeRunningProcesses_v3(void* device, unsigned* count, void* infos) {
  *count = 2;
  return 7;  // NVML_ERROR_INSUFFICIENT_SIZE: two processes
}

int nvmlDeviceGetRetiredPages(void* device, int cause, unsigned* count, unsigned long long* addresses) {
  *count = cause == 1 ? 3u : 5u;  // DOUBLE_BIT_ECC_ERROR = 1
  return 0;
}

int nvmlDeviceGetRetiredPagesPendingStatus(void* device, int* pending) {
  *pending = 1;
  return 0;
}

int nvmlDeviceGetRemappedRows(void* device, unsigned* corr, unsigned* unc, unsigned* pending, unsigned* failed) {
  return 3;
}  // NOT_SUPPORTED (pre-Ampere)

int nvmlDeviceGetTotalEccErrors(void* device, int error_type, int counter_type, unsigned long long* count) {
  *count = (error_type == 1 && counter_type == 0) ? 2 : 0;  // uncorrected, volatile
  return 0;
}

int nvmlDeviceValidateInforom(void* device) { return 14; }  // NVML_ERROR_CORRUPTED_INFOROM

int nvmlDeviceGetCurrPcieLinkGeneration(void* device, unsigned* v) {
  *v = 3;
  return 0;
}
int nvmlDeviceGetMaxPcieLinkGeneration(void* device, unsigned* v) {
  *v = 4;
  return 0;
}
int nvmlDeviceGetCurrPcieLinkWidth(void* device, unsigned* v) {
  *v = 16;
  return 0;
}
int nvmlDeviceGetMaxPcieLinkWidth(void* device, unsigned* v) {
  *v = 16;
  return 0;
}

int nvmlDeviceGetNvLinkState(void* device, unsigned link, int* active) {
  if (link >= 2) return 3;  // NOT_SUPPORTED beyond two links
  *active = link == 0 ? 1 : 0;
  return 0;
}

int nvmlDeviceGetNvLinkErrorCounter(void* device, unsigned link, int counter, unsigned long long* v) {
  *v = (link == 0 && counter == 1) ? 4 : 0;  // recovery on link 0
  return 0;
}

// Only the old name: the loader must fall back to it.
int nvmlDeviceGetCurrentClocksThrottleReasons(void* device, unsigned long long* r) {
  *r = 0x8;
  return 0;
}
