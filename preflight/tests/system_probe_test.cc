// The real SystemProbe against temporary files (never the machine's /dev).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "system_probe.h"

namespace mlspec::preflight {
namespace {

namespace fs = std::filesystem;

class SystemProbeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("preflight-probe-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "dev");
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(SystemProbeTest, ReadsDmesgTextAsLines) {
  std::ofstream(dir_ / "dmesg.txt") << "[ 1.0] first\n[ 2.0] NVRM: Xid (PCI:0000:3b:00): 79, gone\n\n[ 3.0] last";
  auto probe = MakeRealSystemProbe((dir_ / "dmesg.txt").string(), (dir_ / "dev").string());
  auto lines = probe->ReadKernelLog();
  ASSERT_TRUE(lines.ok());
  ASSERT_EQ(lines.value().size(), 3u);
  EXPECT_EQ(lines.value()[2], "[ 3.0] last");
}

TEST_F(SystemProbeTest, MissingKernelLogExplainsWhat) {
  auto probe = MakeRealSystemProbe((dir_ / "nope").string(), (dir_ / "dev").string());
  auto lines = probe->ReadKernelLog();
  ASSERT_FALSE(lines.ok());
  EXPECT_EQ(lines.error().code, "ENOENT");
  EXPECT_NE(lines.error().message.find("mount the host's /dev/kmsg"), std::string::npos);
}

TEST_F(SystemProbeTest, ListsNvidiaDevicesSorted) {
  for (const char* n : {"nvidia1", "nvidiactl", "nvidia0", "null", "nvidia-uvm"}) std::ofstream(dir_ / "dev" / n) << "";
  auto probe = MakeRealSystemProbe("/dev/null", (dir_ / "dev").string());
  EXPECT_EQ(probe->ListNvidiaDevices(), (std::vector<std::string>{"nvidia-uvm", "nvidia0", "nvidia1", "nvidiactl"}));
}

TEST_F(SystemProbeTest, ReadsEnvironment) {
  ::setenv("PREFLIGHT_TEST_VAR", "42", 1);
  auto probe = MakeRealSystemProbe("/dev/null", (dir_ / "dev").string());
  EXPECT_EQ(probe->GetEnv("PREFLIGHT_TEST_VAR"), "42");
  EXPECT_FALSE(probe->GetEnv("PREFLIGHT_TEST_UNSET_VAR").has_value());
}

}  // namespace
}  // namespace mlspec::preflight
