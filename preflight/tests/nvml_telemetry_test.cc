// The dlopen NVML loader, against a missing library and a fake one.
#include <gtest/gtest.h>

#include "nvml_telemetry.h"

namespace mlspec::preflight {
namespace {

TEST(NvmlTelemetry, MissingLibraryIsAReasonNotACrash) {
  auto t = MakeNvmlTelemetry("/nonexistent/libnvidia-ml.so.1");
  auto a = t->Available();
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("cannot load /nonexistent/libnvidia-ml.so.1"), std::string::npos);
  EXPECT_FALSE(t->Health("0000:3b:00.0").ok());
}

TEST(NvmlTelemetry, ReadsCountersFromTheLibrary) {
  auto t = MakeNvmlTelemetry(PREFLIGHT_FAKE_NVML);
  ASSERT_TRUE(t->Available().ok()) << t->Available().error().ToString();

  auto info = t->Info("0000:3b:00.0");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info.value().driver_version, "550.54.15");
  EXPECT_EQ(info.value().ecc_enabled, true);
  EXPECT_EQ(info.value().ecc_pending, false);
  EXPECT_EQ(info.value().compute_processes, 2u);
  EXPECT_FALSE(info.value().memory_total_bytes.has_value());  // symbol absent
  EXPECT_FALSE(info.value().mig_enabled.has_value());

  auto h = t->Health("0000:3b:00.0");
  ASSERT_TRUE(h.ok());
  const HealthSnapshot& s = h.value();
  EXPECT_EQ(s.retired_pages_sbe, 5u);
  EXPECT_EQ(s.retired_pages_dbe, 3u);
  EXPECT_EQ(s.retirement_pending, true);
  EXPECT_FALSE(s.remap_pending.has_value());  // NOT_SUPPORTED is absence
  EXPECT_EQ(s.ecc_volatile_uncorrected, 2u);
  EXPECT_EQ(s.inforom_valid, false);
  EXPECT_EQ(s.pcie_gen_current, 3u);
  EXPECT_EQ(s.pcie_gen_max, 4u);
  ASSERT_EQ(s.nvlinks.size(), 2u);
  EXPECT_TRUE(s.nvlinks[0].active);
  EXPECT_FALSE(s.nvlinks[1].active);
  EXPECT_EQ(s.nvlinks[0].recovery, 4u);

  auto c = t->Clocks("0000:3b:00.0");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().event_reasons, kClocksEventHwSlowdown);
  EXPECT_FALSE(c.value().temperature_c.has_value());
}

TEST(NvmlTelemetry, UnknownGpuIsAnError) {
  auto t = MakeNvmlTelemetry(PREFLIGHT_FAKE_NVML);
  auto h = t->Health("0000:99:00.0");
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().code, "NVML_ERROR_NOT_FOUND");
  EXPECT_NE(h.error().message.find("Not Found"), std::string::npos);
}

TEST(NvmlTelemetry, ReturnNames) {
  EXPECT_EQ(NvmlReturnName(3), "NVML_ERROR_NOT_SUPPORTED");
  EXPECT_EQ(NvmlReturnName(15), "NVML_ERROR_GPU_IS_LOST");
  EXPECT_EQ(NvmlReturnName(4242), "NVML_ERROR_4242");
}

}  // namespace
}  // namespace mlspec::preflight
