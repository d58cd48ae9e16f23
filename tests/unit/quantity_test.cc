#include "base/quantity.h"

#include <gtest/gtest.h>

namespace mlspec {
namespace {

struct CanonicalCase {
  const char* in;
  const char* canonical;
};

// Expected forms are what the API server returns for these inputs
// (k8s.io/apimachinery resource.Quantity.String()).
const CanonicalCase kCanonical[] = {
    {"4", "4"},          {"500m", "500m"},       {"1.5", "1500m"},    {"0.5", "500m"}, {"16Gi", "16Gi"},
    {"1024Mi", "1Gi"},   {"1536Mi", "1536Mi"},   {"1.5Gi", "1536Mi"}, {"1000m", "1"},  {"1000", "1k"},
    {"1200", "1200"},    {"100M", "100M"},       {"1000k", "1M"},     {"0", "0"},      {"0Gi", "0"},
    {"1e3", "1e3"},      {"512", "512"},         {"0.5Ki", "512"},    {"1Ki", "1Ki"},  {"2048", "2048"},
    {"1n", "1n"},        {"0.0000000001", "1n"}, {"250m", "250m"},    {"+3", "3"},     {"-1", "-1"},
    {"2.5Gi", "2560Mi"}, {"141G", "141G"},       {"80Gi", "80Gi"},
};

TEST(QuantityTest, CanonicalForms) {
  for (const auto& c : kCanonical) {
    std::string err;
    auto q = Quantity::Parse(c.in, &err);
    ASSERT_TRUE(q) << c.in << ": " << err;
    EXPECT_EQ(q->Canonical(), c.canonical) << "input " << c.in;
  }
}

struct ErrorCase {
  const char* in;
  const char* message;
};

const ErrorCase kErrors[] = {
    {"16GB",
     "\"16GB\" is not a Kubernetes quantity: unknown suffix \"GB\"; did you mean \"16Gi\"? (binary suffixes: Ki Mi Gi "
     "Ti Pi Ei; decimal: n u m k M G T P E)"},
    {"", "empty quantity; write a number with an optional suffix, e.g. \"4\", \"500m\" or \"16Gi\""},
    {"Gi", "\"Gi\" is not a Kubernetes quantity: it must start with a number, e.g. \"4\", \"500m\" or \"16Gi\""},
    {"1e400", "\"1e400\" is out of range: quantities must stay below 2^63"},
    {"99999999999999999999999", "\"99999999999999999999999\" is out of range: quantities must stay below 2^63"},
    {"1.2.3", "\"1.2.3\" is not a Kubernetes quantity: more than one decimal point"},
    {"10Ei", "\"10Ei\" is out of range: quantities must stay below 2^63"},
};

TEST(QuantityTest, RejectsWithHelpfulMessages) {
  for (const auto& c : kErrors) {
    std::string err;
    EXPECT_FALSE(Quantity::Parse(c.in, &err)) << c.in;
    EXPECT_EQ(err, c.message) << "input " << c.in;
  }
}

TEST(QuantityTest, ArithmeticAndComparison) {
  std::string err;
  auto a = *Quantity::Parse("1500m", &err);
  auto b = *Quantity::Parse("1.5", &err);
  EXPECT_EQ(a, b);
  EXPECT_LT(*Quantity::Parse("1Gi", &err), *Quantity::Parse("1025Mi", &err));
  EXPECT_EQ((a * 2).Canonical(), "3");
  EXPECT_EQ((a + b).MilliValue(), 3000);
  EXPECT_EQ(Quantity::Parse("1n", &err)->MilliValue(), 1);  // rounds up
  EXPECT_EQ(Quantity::Parse("16Gi", &err)->Value(), 17179869184);
}

}  // namespace
}  // namespace mlspec
