// The kernel-log Xid parser and classification.
#include <gtest/gtest.h>

#include "xid.h"

namespace mlspec::preflight {
namespace {

struct LineCase {
  const char* line;
  bool is_xid;
  int code;
  const char* pci;
  uint64_t seq;
};

TEST(Xid, ParsesKmsgAndDmesgLines) {
  const LineCase cases[] = {
      {"3,1042,81234567,-;NVRM: Xid (PCI:0000:3b:00): 79, pid=0, name=nvidia-smi, GPU has fallen off the bus.", true,
       79, "0000:3b:00", 1042},
      {"4,7,100,-,caller=T12;NVRM: Xid (PCI:0000:10:1c): 63, pid=1896, Row Remapper: New row marked for remapping",
       true, 63, "0000:10:1c", 7},
      {"[  966.503025] NVRM: Xid (0000:01:00): 31, Ch 0000000b, engmask 00000120, intr 10000000", true, 31,
       "0000:01:00", 99},
      {"Nov 22 18:29:55 host kernel: NVRM: Xid (PCI:0000:cb:00): 13, pid='<unknown>', Graphics SM Warp Exception", true,
       13, "0000:cb:00", 99},
      {"6,5,200,-;NVRM: loading NVIDIA UNIX x86_64 Kernel Module", false, 0, "", 0},
      {"6,5,200,-;NVRM: Xid (PCI:0000:cb:00): notanumber", false, 0, "", 0},
      {" SUBSYSTEM=pci", false, 0, "", 0},
      {"", false, 0, "", 0},
  };
  for (const auto& c : cases) {
    auto ev = ParseXidLine(c.line, 99);
    ASSERT_EQ(ev.has_value(), c.is_xid) << c.line;
    if (!c.is_xid) continue;
    EXPECT_EQ(ev->code, c.code) << c.line;
    EXPECT_EQ(ev->pci, c.pci) << c.line;
    EXPECT_EQ(ev->sequence, c.seq) << c.line;
  }
}

TEST(Xid, ParseLogKeepsOrderAndLastSequence) {
  std::vector<std::string> lines = {"6,10,1,-;hello", "3,11,2,-;NVRM: Xid (PCI:0000:3b:00): 48, DBE",
                                    "3,12,3,-;NVRM: Xid (PCI:0000:3b:00): 13, app"};
  auto events = ParseXidLog(lines);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].code, 48);
  EXPECT_EQ(events[1].code, 13);
  EXPECT_EQ(LastSequence(lines), 12u);
  EXPECT_EQ(LastSequence({"plain dmesg", "text"}), 1u);
}

TEST(Xid, DefaultFatalSetIsTheUnionOfEksAndAzure) {
  const auto& fatal = DefaultFatalXids();
  for (int code : {46, 48, 54, 62, 63, 64, 74, 79, 95, 109, 110, 119, 120, 136, 140, 142, 143, 151, 155, 156, 158})
    EXPECT_TRUE(fatal.count(code)) << "EKS " << code;
  for (int code : {48, 56, 57, 58, 62, 63, 64, 65, 68, 69, 73, 74, 79, 80, 81, 92, 119, 120})
    EXPECT_TRUE(fatal.count(code)) << "Azure " << code;
  for (int code : {13, 31, 43, 45}) {
    EXPECT_FALSE(fatal.count(code)) << code;
    EXPECT_EQ(ClassifyXid(code, fatal), XidClass::kApplication);
  }
  EXPECT_EQ(ClassifyXid(79, fatal), XidClass::kFatal);
  EXPECT_EQ(ClassifyXid(94, fatal), XidClass::kOther);
}

TEST(Xid, ParsesFatalLists) {
  auto ok = ParseXidList("48, 79,94");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value(), (std::set<int>{48, 79, 94}));
  EXPECT_FALSE(ParseXidList("").ok());
  EXPECT_FALSE(ParseXidList("48,,79").ok());
  EXPECT_FALSE(ParseXidList("0").ok());
  EXPECT_FALSE(ParseXidList("-5").ok());
}

}  // namespace
}  // namespace mlspec::preflight
