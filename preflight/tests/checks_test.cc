// Every check, on a healthy fake node and with each fault injected. Each
// fault must turn exactly the expected check to FAIL with a telling detail.
#include <functional>
#include <ostream>

#include <gtest/gtest.h>

#include "checks.h"
#include "exit_codes.h"
#include "report.h"
#include "test_util.h"

namespace mlspec::preflight::testing {
namespace {

TEST(ChecksRegistry, IdsUniqueAndInIssueOrder) {
  std::vector<std::string> ids;
  for (const auto& c : AllChecks()) ids.emplace_back(c.id);
  EXPECT_EQ(ids,
            (std::vector<std::string>{"inventory", "health", "xid", "env", "compute-correctness", "memory-integrity",
                                      "memory-bandwidth", "gemm", "pcie", "p2p", "post-deltas"}));
  for (const auto& c : AllChecks()) {
    EXPECT_NE(c.run, nullptr) << c.id;
    EXPECT_FALSE(c.summary.empty()) << c.id;
    EXPECT_GT(c.default_timeout_s, 0) << c.id;
  }
}

TEST(Checks, HealthyNodePassesEverything) {
  FakeNode node(8);
  RunReport r = RunOn(node, H100JobArgs());
  ASSERT_EQ(r.checks.size(), 11u);
  for (const auto& c : r.checks) EXPECT_EQ(c.verdict, Verdict::kPass) << c.id << ": " << c.detail;
  EXPECT_EQ(ExitCodeFor(r), kExitPass);
  EXPECT_FALSE(r.watchdog_fired);
}

TEST(Checks, SingleGpuSkipsP2pAndPasses) {
  FakeNode node(1);
  auto args = H100JobArgs();
  args[1] = "1";
  RunReport r = RunOn(node, args);
  EXPECT_EQ(FindResult(r, "p2p")->verdict, Verdict::kSkip);
  EXPECT_EQ(ExitCodeFor(r), kExitPass);
}

TEST(Checks, NvmlAbsentSkipsHealthWithReasonAndStillPasses) {
  FakeNode node(8);
  node.nvml_error = Error{"nvml-not-found", "cannot load libnvidia-ml.so.1: not found", ""};
  RunReport r = RunOn(node, H100JobArgs());
  const CheckResult* h = FindResult(r, "health");
  EXPECT_EQ(h->verdict, Verdict::kSkip);
  EXPECT_NE(h->detail.find("cannot load libnvidia-ml.so.1"), std::string::npos);
  EXPECT_EQ(ExitCodeFor(r), kExitPass);
}

TEST(Checks, ApplicationXidIsInformational) {
  FakeNode node(8);
  node.kmsg.push_back("4,99,5000,-;NVRM: Xid (PCI:0000:18:00): 13, pid=4242, name=python, Graphics SM Warp Exception");
  RunReport r = RunOn(node, H100JobArgs());
  const CheckResult* x = FindResult(r, "xid");
  EXPECT_EQ(x->verdict, Verdict::kPass);
  EXPECT_NE(Join(x->findings).find("informational (application) Xid 13"), std::string::npos);
}

TEST(Checks, UnreadableKernelLogSkipsXid) {
  FakeNode node(8);
  node.kmsg_error = Error{"EACCES", "cannot open /dev/kmsg: Permission denied", ""};
  RunReport r = RunOn(node, H100JobArgs());
  EXPECT_EQ(FindResult(r, "xid")->verdict, Verdict::kSkip);
}

TEST(Checks, SoftwarePowerCapDuringGemmPasses) {
  FakeNode node(8);
  for (auto& g : node.gpus) g.clocks.event_reasons = kClocksEventSwPowerCap;
  RunReport r = RunOn(node, H100JobArgs());
  EXPECT_EQ(FindResult(r, "gemm")->verdict, Verdict::kPass);
}

TEST(Checks, QuickRunsOnlyTheQuickChecks) {
  FakeNode node(8);
  auto args = H100JobArgs();
  args.push_back("--quick");
  RunReport r = RunOn(node, args);
  std::vector<std::string> ids;
  for (const auto& c : r.checks) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"inventory", "health", "xid", "compute-correctness"}));
  EXPECT_FALSE(node.loaded());  // no load checks ran
}

struct Fault {
  const char* name;
  std::function<void(FakeNode&)> inject;
  const char* check;      // the check that must FAIL
  int exit_code;          // 1 fault, 2 cannot run
  const char* substring;  // must appear in that check's detail
};

const Fault kFaults[] = {
    // inventory
    {"MissingGpu", [](FakeNode& n) { n.gpus.pop_back(); }, "inventory", 1, "found 7 GPUs, the pool expects 8"},
    {"ZeroGpus", [](FakeNode& n) { n.gpus.clear(); }, "inventory", 2, "no GPU visible"},
    {"WrongProduct", [](FakeNode& n) { n.gpus[3].props.name = "NVIDIA A100-SXM4-80GB"; }, "inventory", 1,
     "gpu3: product is 'NVIDIA A100-SXM4-80GB'"},
    {"WrongMemory", [](FakeNode& n) { n.gpus[0].info.memory_total_bytes = 40960ull << 20; }, "inventory", 1,
     "gpu0: memory is 40.00 GiB, the pool expects 80Gi"},
    {"DriverOlderThanRuntime", [](FakeNode& n) { n.driver_cuda_version = 12020; }, "inventory", 2,
     "driver supports CUDA 12.2, older than this binary's runtime 12.4"},
    {"ForeignProcess", [](FakeNode& n) { n.gpus[5].info.compute_processes = 2; }, "inventory", 1,
     "gpu5: 2 foreign compute process(es)"},
    {"EccChangePending", [](FakeNode& n) { n.gpus[1].info.ecc_pending = false; }, "inventory", 1,
     "gpu1: ECC mode change pending"},
    {"MigChangePending", [](FakeNode& n) { n.gpus[1].info.mig_pending = true; }, "inventory", 1,
     "gpu1: MIG mode change pending"},
    {"MixedProducts", [](FakeNode& n) { n.gpus[7].props.name = "NVIDIA H100 PCIe"; }, "inventory", 1,
     "mixed GPU products"},
    {"NoDriverInsufficient",
     [](FakeNode& n) {
       n.discover_error = Error{"cudaErrorInsufficientDriver", "CUDA driver version is insufficient", ""};
     },
     "inventory", 2, "likely cause: the installed driver is older"},
    {"FabricManagerDown",
     [](FakeNode& n) {
       n.discover_error = Error{"cudaErrorSystemNotReady", "system not yet initialized", ""};
     },
     "inventory", 2, "Fabric Manager"},
    // health
    {"RetiredPagesPending", [](FakeNode& n) { n.gpus[2].health.retirement_pending = true; }, "health", 1,
     "gpu2: page retirement pending"},
    {"TooManyRetiredPages",
     [](FakeNode& n) { n.gpus[2].health.retired_pages_sbe = 40, n.gpus[2].health.retired_pages_dbe = 20; }, "health", 1,
     "gpu2: 60 retired pages (DCGM limit 60)"},
    {"DbeRetiredPagesSoftLimit", [](FakeNode& n) { n.gpus[2].health.retired_pages_dbe = 15; }, "health", 1,
     "15 pages retired for double-bit errors"},
    {"RemapPending", [](FakeNode& n) { n.gpus[4].health.remap_pending = true; }, "health", 1,
     "gpu4: row remap pending"},
    {"RemapFailure", [](FakeNode& n) { n.gpus[4].health.remap_failure = true; }, "health", 1,
     "gpu4: row remapping failed"},
    {"TooManyUncorrectableRemaps", [](FakeNode& n) { n.gpus[4].health.remapped_rows_uncorrectable = 513; }, "health", 1,
     "513 rows remapped for uncorrectable errors (Azure limit 512)"},
    {"VolatileUncorrectableEcc", [](FakeNode& n) { n.gpus[6].health.ecc_volatile_uncorrected = 3; }, "health", 1,
     "gpu6: 3 uncorrectable ECC errors"},
    {"SramUncorrectable", [](FakeNode& n) { n.gpus[6].health.sram_uncorrected_aggregate = 1; }, "health", 1,
     "gpu6: 1 uncorrectable SRAM ECC errors"},
    {"SramCorrectableAboveLimit", [](FakeNode& n) { n.gpus[6].health.sram_corrected_aggregate = 5001; }, "health", 1,
     "5001 correctable SRAM ECC errors (limit 5000)"},
    {"InforomCorrupt", [](FakeNode& n) { n.gpus[0].health.inforom_valid = false; }, "health", 1,
     "gpu0: InfoROM is corrupted"},
    // xid
    {"FatalXidFellOffBus",
     [](FakeNode& n) {
       n.kmsg.push_back("3,77,9000,-;NVRM: Xid (PCI:0000:38:00): 79, pid=0, GPU has fallen off the bus.");
     },
     "xid", 1, "Xid 79 on 0000:38:00 x1 since boot"},
    {"FatalXidDoubleBitDmesgFormat",
     [](FakeNode& n) { n.kmsg = {"[  812.331] NVRM: Xid (PCI:0000:18:00): 48, pid=1234, DBE (0x1) ..."}; }, "xid", 1,
     "Xid 48 on 0000:18:00"},
    // env
    {"InjectionLibrary", [](FakeNode& n) { n.env["CUDA_INJECTION64_PATH"] = "/opt/tracer.so"; }, "env", 1,
     "CUDA_INJECTION64_PATH=/opt/tracer.so"},
    {"LaunchBlocking", [](FakeNode& n) { n.env["CUDA_LAUNCH_BLOCKING"] = "1"; }, "env", 1, "serializes every kernel"},
    {"VisibleDevicesVoid", [](FakeNode& n) { n.env["NVIDIA_VISIBLE_DEVICES"] = "void"; }, "env", 2, "hides every GPU"},
    {"MissingNvidiactl", [](FakeNode& n) { std::erase(n.dev_nodes, std::string("nvidiactl")); }, "env", 2,
     "/dev/nvidiactl is missing"},
    {"FewerDeviceNodes", [](FakeNode& n) { std::erase(n.dev_nodes, std::string("nvidia7")); }, "env", 1,
     "7 /dev/nvidiaN device(s), fewer than the 8"},
    // compute-correctness
    {"KernelMiscompare",
     [](FakeNode& n) { n.gpus[3].correctness.mismatches = 1, n.gpus[3].correctness.first_mismatch = "int-hash[17]"; },
     "compute-correctness", 1, "gpu3: 1 wrong results; first: int-hash[17]"},
    {"UncorrectableEccDuringKernels",
     [](FakeNode& n) {
       n.errors["correctness"] = Error{"cudaErrorECCUncorrectable", "uncorrectable ECC error encountered", ""};
     },
     "compute-correctness", 1, "likely cause: uncorrectable ECC error"},
    // memory-integrity
    {"MemtestAllocationShort", [](FakeNode& n) { n.gpus[1].alloc_limit = 40ull << 30; }, "memory-integrity", 1,
     "gpu1: allocated 40.00 GiB of the"},
    {"MemtestPatternErrors", [](FakeNode& n) { n.gpus[1].memtest_errors = 12; }, "memory-integrity", 1,
     "gpu1: 12 memory errors; first: pattern 0xAA"},
    {"MemtestOutOfTime", [](FakeNode& n) { n.gpus[1].memtest_patterns_run = 3; }, "memory-integrity", 1,
     "ran 3 of 7 patterns"},
    {"EccErrorDuringMemtest",
     [](FakeNode& n) {
       n.gpus[2].health_after = n.gpus[2].health;
       n.gpus[2].health_after->ecc_volatile_uncorrected = 1;
     },
     "memory-integrity", 1, "gpu2: 1 new uncorrectable ECC errors during the test"},
    // memory-bandwidth
    {"SlowMemoryUnderFloor",
     [](FakeNode& n) {
       for (auto& g : n.gpus) g.bandwidth.copy_gbps = 2000, g.bandwidth.triad_gbps = 2100;
     },
     "memory-bandwidth", 1, "62.7% of the 3350 GB/s peak, under the 80.0% floor"},
    {"OneGpuBelowMedian",
     [](FakeNode& n) { n.gpus[5].bandwidth.copy_gbps = 2800, n.gpus[5].bandwidth.triad_gbps = 2850; },
     "memory-bandwidth", 1, "gpu5: 2850.0 GB/s is more than 5.0% below the node median"},
    {"BandwidthResultsWrong", [](FakeNode& n) { n.gpus[0].bandwidth.verified = false; }, "memory-bandwidth", 1,
     "copy/triad results were wrong"},
    // gemm
    {"SlowGpu", [](FakeNode& n) { n.gpus[6].gemm.tflops = 400; }, "gemm", 1,
     "gpu6: 400.0 TFLOP/s bf16 is 40.4% of the 989 TFLOP/s peak"},
    {"GemmMiscompare", [](FakeNode& n) { n.gpus[6].gemm.miscompares = 5; }, "gemm", 1, "gpu6: 5 GEMM results differ"},
    {"GemmNan", [](FakeNode& n) { n.gpus[6].gemm.nans = 1; }, "gemm", 1, "gpu6: 1 NaN/Inf values"},
    {"HardwareSlowdown", [](FakeNode& n) { n.gpus[2].clocks.event_reasons = kClocksEventHwSlowdown; }, "gemm", 1,
     "gpu2: clocks slowed during GEMM: hw-slowdown"},
    {"ThermalSlowdown",
     [](FakeNode& n) { n.gpus[2].clocks.event_reasons = kClocksEventHwThermal | kClocksEventSwThermal; }, "gemm", 1,
     "sw-thermal+hw-thermal"},
    {"PowerBrake", [](FakeNode& n) { n.gpus[2].clocks.event_reasons = kClocksEventHwPowerBrake; }, "gemm", 1,
     "hw-power-brake"},
    // pcie
    {"DowntrainedLinkGen", [](FakeNode& n) { n.gpus[3].health.pcie_gen_current = 4; }, "pcie", 1,
     "gpu3: PCIe link trained at Gen4, maximum Gen5"},
    {"DowntrainedLinkWidth", [](FakeNode& n) { n.gpus[3].health.pcie_width_current = 8; }, "pcie", 1,
     "gpu3: PCIe link trained at x8, maximum x16"},
    {"SlowPcie", [](FakeNode& n) { n.gpus[3].pcie.h2d_gbps = 30; }, "pcie", 1,
     "gpu3: 30.0 GB/s is 47.6% of the 63.0 GB/s per-direction ceiling of Gen5 x16"},
    // p2p
    {"NvLinkDown", [](FakeNode& n) { n.gpus[4].health.nvlinks[7].active = false; }, "p2p", 1,
     "gpu4: 17 NVLinks active, 1 down"},
    {"SlowPeerPair",
     [](FakeNode& n) {
       n.peer_overrides[{0, 5}] = PeerBandwidth{200, 380};
     },
     "p2p", 1, "gpu0-gpu5: 200.0 GB/s is more than 10.0% below the median pair"},
    {"NvLinkRecoveryDuringCopies",
     [](FakeNode& n) {
       n.gpus[1].health_after_peer = n.gpus[1].health;
       n.gpus[1].health_after_peer->nvlinks[2].recovery = 1;
     },
     "p2p", 1, "gpu1: 1 NVLink recovery errors"},
    // post-deltas
    {"NewEccUnderLoad",
     [](FakeNode& n) {
       n.gpus[7].health_after = n.gpus[7].health;
       n.gpus[7].health_after->remap_pending = true;
     },
     "post-deltas", 1, "gpu7: row remap became pending under load"},
    {"NewFatalXidDuringRun",
     [](FakeNode& n) {
       n.kmsg_after_load.push_back("3,500,90000,-;NVRM: Xid (PCI:0000:78:00): 94, Contained ECC error");
     },
     "post-deltas", 1, "Xid 94 on 0000:78:00"},
    {"PcieReplayStorm",
     [](FakeNode& n) {
       n.gpus[0].health_after = n.gpus[0].health;
       n.gpus[0].health_after->pcie_replay_counter = 5000;
     },
     "post-deltas", 1, "PCIe replays per minute (DCGM limit 8)"},
};

// Names the fault in test listings instead of dumping its bytes.
void PrintTo(const Fault& f, std::ostream* os) { *os << f.name; }

class FaultTest : public ::testing::TestWithParam<Fault> {};

TEST_P(FaultTest, FailsTheRightCheckWithATellingDetail) {
  const Fault& f = GetParam();
  FakeNode node(8);
  f.inject(node);
  auto args = H100JobArgs();
  if (std::string(f.name) == "NewFatalXidDuringRun") args.insert(args.end(), {"--fatal-xids", "48,79,94"});
  RunReport r = RunOn(node, args);
  const CheckResult* c = FindResult(r, f.check);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->verdict, Verdict::kFail) << c->detail;
  EXPECT_NE(c->detail.find(f.substring), std::string::npos) << "detail: " << c->detail;
  EXPECT_EQ(ExitCodeFor(r), f.exit_code);
}

INSTANTIATE_TEST_SUITE_P(Faults, FaultTest, ::testing::ValuesIn(kFaults),
                         [](const ::testing::TestParamInfo<Fault>& info) { return std::string(info.param.name); });

TEST(Checks, ExpectEccOnFailsWhenOff) {
  FakeNode node(8);
  node.gpus[2].info.ecc_enabled = false;
  node.gpus[2].info.ecc_pending = false;
  auto args = H100JobArgs();
  args.insert(args.end(), {"--expect-ecc", "on"});
  RunReport r = RunOn(node, args);
  EXPECT_NE(FindResult(r, "inventory")->detail.find("gpu2: ECC is off, the pool expects on"), std::string::npos);
}

TEST(Checks, ContainedEccXidIsNotFatalByDefault) {
  FakeNode node(8);
  node.kmsg.push_back("3,500,90000,-;NVRM: Xid (PCI:0000:78:00): 94, Contained ECC error");
  RunReport r = RunOn(node, H100JobArgs());
  EXPECT_EQ(FindResult(r, "xid")->verdict, Verdict::kPass);
}

TEST(Checks, OldXidsAreNotNewInPostDeltas) {
  FakeNode node(8);
  node.kmsg.push_back("3,50,9000,-;NVRM: Xid (PCI:0000:38:00): 79, pid=0, GPU has fallen off the bus.");
  RunReport r = RunOn(node, H100JobArgs());
  EXPECT_EQ(FindResult(r, "xid")->verdict, Verdict::kFail);
  EXPECT_EQ(FindResult(r, "post-deltas")->verdict, Verdict::kPass);
}

TEST(Checks, NoPeerAccessIsNotedNotFailed) {
  FakeNode node(2);
  for (auto& g : node.gpus) g.health.nvlinks.clear();
  node.can_peer = false;
  auto args = H100JobArgs();
  args[1] = "2";
  RunReport r = RunOn(node, args);
  const CheckResult* p = FindResult(r, "p2p");
  EXPECT_EQ(p->verdict, Verdict::kPass) << p->detail;
  EXPECT_NE(Join(p->findings).find("no peer access"), std::string::npos);
}

}  // namespace
}  // namespace mlspec::preflight::testing
