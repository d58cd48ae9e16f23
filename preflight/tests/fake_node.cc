#include "fake_node.h"

#include <cstdio>

namespace mlspec::preflight::testing {

FakeNode::FakeNode(int count) {
  for (int i = 0; i < count; ++i) {
    FakeGpu g;
    char bus[32];
    std::snprintf(bus, sizeof bus, "0000:%02x:00.0", 0x18 + 0x10 * i);
    g.props =
        GpuProperties{i, "NVIDIA H100 80GB HBM3", bus, "GPU-fake-" + std::to_string(i), 85017624576ull, 9, 0, 132};
    g.info.driver_version = "550.54.15";
    g.info.memory_total_bytes = 81559ull << 20;  // nvidia-smi: 81559 MiB
    g.info.ecc_enabled = true;
    g.info.ecc_pending = true;
    g.info.persistence_mode = true;
    g.info.mig_enabled = false;
    g.info.mig_pending = false;
    g.info.compute_processes = 0;
    HealthSnapshot& h = g.health;
    h.remapped_rows_correctable = 0;
    h.remapped_rows_uncorrectable = 0;
    h.remap_pending = false;
    h.remap_failure = false;
    h.ecc_volatile_uncorrected = 0;
    h.ecc_volatile_corrected = 0;
    h.sram_uncorrected_volatile = 0;
    h.sram_uncorrected_aggregate = 0;
    h.sram_corrected_aggregate = 0;
    h.inforom_valid = true;
    h.pcie_gen_current = 5;
    h.pcie_gen_max = 5;
    h.pcie_width_current = 16;
    h.pcie_width_max = 16;
    h.pcie_replay_counter = 0;
    for (unsigned l = 0; l < 18; ++l) h.nvlinks.push_back(NvLinkCounters{l, true, 0, 0, 0, 0});
    g.clocks = ClockSample{kClocksEventSwPowerCap, 68, 690000};
    g.correctness = CorrectnessResult{12582913, 0, ""};
    g.free_bytes = 84000000000ull;
    g.bandwidth = BandwidthResult{1ull << 30, 3000, 3050, true};
    g.gemm = GemmResult{"bf16", 8192, 8192, 8192, 800, 10, 720, 0, 0};
    g.pcie = CopyBandwidth{55, 54};
    gpus.push_back(g);
  }
  env = {{"PATH", "/usr/bin"}};
  dev_nodes = {"nvidia-uvm", "nvidia-uvm-tools", "nvidiactl"};
  for (int i = 0; i < count; ++i) dev_nodes.push_back("nvidia" + std::to_string(i));
  kmsg = {"6,1,1000,-;Linux version 6.1.0", "6,2,2000,-;NVRM: loading NVIDIA UNIX x86_64 Kernel Module  550.54.15"};
}

FakeNode::~FakeNode() { Release(); }

void FakeNode::Release() {
  std::lock_guard<std::mutex> lock(mu_);
  released_ = true;
  cv_.notify_all();
}

std::optional<Error> FakeNode::Enter(const std::string& op) {
  if (hangs.count(op)) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return released_; });
  }
  if (auto it = errors.find(op); it != errors.end()) return it->second;
  return std::nullopt;
}

const FakeGpu* FakeNode::ByPci(const std::string& pci) const {
  for (const auto& g : gpus)
    if (g.props.pci_bus_id == pci) return &g;
  return nullptr;
}

Expected<Discovery> FakeNode::Discover() {
  if (auto e = Enter("discover")) return *e;
  if (discover_error) return *discover_error;
  Discovery d;
  d.driver_cuda_version = driver_cuda_version;
  d.runtime_cuda_version = runtime_cuda_version;
  for (const auto& g : gpus) d.gpus.push_back(g.props);
  return d;
}

Expected<CorrectnessResult> FakeNode::RunCorrectness(int gpu) {
  if (auto e = Enter("correctness")) return *e;
  return gpus.at(gpu).correctness;
}

Expected<MemtestResult> FakeNode::RunMemtest(int gpu, const MemtestParams& p) {
  if (auto e = Enter("memtest")) return *e;
  loaded_ = true;
  const FakeGpu& g = gpus.at(gpu);
  MemtestResult r;
  r.free_bytes = g.free_bytes;
  r.target_bytes = static_cast<uint64_t>(static_cast<double>(g.free_bytes) * p.target_fraction);
  r.allocated_bytes = g.alloc_limit ? std::min(*g.alloc_limit, r.target_bytes) : r.target_bytes;
  r.patterns_planned = 7;
  r.patterns_run = g.memtest_patterns_run;
  r.errors = g.memtest_errors;
  if (r.errors) r.first_error = "pattern 0xAA word 4096 read 0xaaaaabaa";
  return r;
}

Expected<BandwidthResult> FakeNode::RunBandwidth(int gpu, const BandwidthParams&) {
  if (auto e = Enter("bandwidth")) return *e;
  loaded_ = true;
  return gpus.at(gpu).bandwidth;
}

Expected<GemmResult> FakeNode::RunGemm(int gpu, const GemmParams&) {
  if (auto e = Enter("gemm")) return *e;
  loaded_ = true;
  return gpus.at(gpu).gemm;
}

Expected<CopyBandwidth> FakeNode::RunPcie(int gpu, uint64_t) {
  if (auto e = Enter("pcie")) return *e;
  loaded_ = true;
  return gpus.at(gpu).pcie;
}

Expected<std::vector<CopyBandwidth>> FakeNode::RunPcieConcurrent(const std::vector<int>& which, uint64_t) {
  if (auto e = Enter("pcie")) return *e;
  std::vector<CopyBandwidth> out;
  for (int i : which) out.push_back(CopyBandwidth{gpus.at(i).pcie.h2d_gbps * 0.5, gpus.at(i).pcie.d2h_gbps * 0.5});
  return out;
}

Expected<bool> FakeNode::CanAccessPeer(int, int) {
  if (auto e = Enter("peer")) return *e;
  return can_peer;
}

Expected<PeerBandwidth> FakeNode::RunPeer(int from, int to, uint64_t) {
  if (auto e = Enter("peer")) return *e;
  loaded_ = true;
  peer_ran_ = true;
  if (auto it = peer_overrides.find({from, to}); it != peer_overrides.end()) return it->second;
  return peer;
}

Expected<bool> FakeNode::Available() {
  if (auto e = Enter("nvml")) return *e;
  if (nvml_error) return *nvml_error;
  return true;
}

Expected<ManagementInfo> FakeNode::Info(const std::string& pci) {
  const FakeGpu* g = ByPci(pci);
  if (g == nullptr) return Error{"NVML_ERROR_NOT_FOUND", "no GPU " + pci, ""};
  return g->info;
}

Expected<HealthSnapshot> FakeNode::Health(const std::string& pci) {
  if (auto e = Enter("health")) return *e;
  const FakeGpu* g = ByPci(pci);
  if (g == nullptr) return Error{"NVML_ERROR_NOT_FOUND", "no GPU " + pci, ""};
  if (peer_ran_ && g->health_after_peer) return *g->health_after_peer;
  if (loaded_ && g->health_after) return *g->health_after;
  return g->health;
}

Expected<ClockSample> FakeNode::Clocks(const std::string& pci) {
  const FakeGpu* g = ByPci(pci);
  if (g == nullptr) return Error{"NVML_ERROR_NOT_FOUND", "no GPU " + pci, ""};
  return g->clocks;
}

std::optional<std::string> FakeNode::GetEnv(const std::string& name) {
  auto it = env.find(name);
  if (it == env.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> FakeNode::ListNvidiaDevices() { return dev_nodes; }

Expected<std::vector<std::string>> FakeNode::ReadKernelLog() {
  if (auto e = Enter("kmsg")) return *e;
  if (kmsg_error) return *kmsg_error;
  std::vector<std::string> out = kmsg;
  if (loaded_) out.insert(out.end(), kmsg_after_load.begin(), kmsg_after_load.end());
  return out;
}

}  // namespace mlspec::preflight::testing
