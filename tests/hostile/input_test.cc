// Hostile inputs for `lint` and for specs (`validate` and `compile`): each
// must end in exit 2 with one located error naming the input, no signal,
// bounded time and memory, and (for compile) the output tree untouched.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hostile_util.h"
#include "test_util.h"

namespace mlspec::testing {
namespace {
namespace fs = std::filesystem;

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// A pod asking for one GPU, with `limits` as its resource limits lines.
std::string Pod(const std::string& limits) {
  return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ml\nspec:\n  containers:\n"
         "  - name: c\n    image: x:1\n    resources:\n      limits:\n" +
         limits;
}

std::string ExampleSpec() { return ReadFileOrDie(SourceDir() / "examples/aks-platform.toml"); }

// The example spec with `from` replaced by `to` (once).
std::string SpecWith(const std::string& from, const std::string& to) {
  std::string s = ExampleSpec();
  size_t at = s.find(from);
  if (at == std::string::npos) throw std::runtime_error("example spec lacks " + from);
  return s.replace(at, from.size(), to);
}

std::string BillionLaughs() {
  std::string s = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    s += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 9; ++j) s += (j ? ", *a" : "*a") + std::to_string(i - 1);
    s += "]\n";
  }
  return s;
}

// Writes `bytes` of valid multi-document YAML without holding it in memory.
void WriteBigYaml(const fs::path& p, size_t bytes) {
  std::ofstream out(p, std::ios::binary);
  std::string doc =
      "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: \"" + std::string(4000, 'x') + "\"\n";
  for (size_t n = 0; n < bytes; n += doc.size()) out << doc;
}

struct InputCase {
  const char* name;
  const char* file;                           // created in a temp dir
  std::function<void(const fs::path&)> make;  // writes the input at the path
  const char* needle;                         // in the one error line
  long max_rss_mb = 512;
};

// Test names in ctest and gtest output: the case's name, not its bytes.
void PrintTo(const InputCase& c, std::ostream* os) { *os << c.name; }

void WriteText(const fs::path& p, const std::string& s) { WriteFileOrDie(p, s); }

std::vector<InputCase> LintCases() {
  return {
      {"yaml_nested_flow_seq_100k", "deep.yaml",
       [](const fs::path& p) { WriteText(p, Repeat("[", 100000) + Repeat("]", 100000) + "\n"); },
       "nesting deeper than"},
      {"yaml_nested_flow_map_100k", "deep.yaml",
       [](const fs::path& p) { WriteText(p, Repeat("{a: ", 100000) + "1" + Repeat("}", 100000) + "\n"); },
       "nesting deeper than"},
      {"yaml_nested_block_seq_100k", "deep.yaml", [](const fs::path& p) { WriteText(p, Repeat("- ", 100000) + "x\n"); },
       "nesting deeper than"},
      {"yaml_alias_bomb", "bomb.yaml", [](const fs::path& p) { WriteText(p, BillionLaughs()); }, "aliases"},
      {"yaml_200mb", "big.yaml", [](const fs::path& p) { WriteBigYaml(p, 200u << 20); }, "at most 64 MiB", 128},
      {"yaml_invalid_utf8", "bad.yaml", [](const fs::path& p) { WriteText(p, "a: \"\xff\xfe\"\n"); }, "UTF-8"},
      {"yaml_nul_byte", "nul.yaml", [](const fs::path& p) { WriteText(p, std::string("a: b\0c\n", 7)); },
       "control characters"},
      {"yaml_gpu_count_beyond_64_bits", "pod.yaml",
       [](const fs::path& p) { WriteText(p, Pod("        nvidia.com/gpu: 99999999999999999999999\n")); },
       "out of range"},
      {"yaml_quantity_1e400", "pod.yaml",
       [](const fs::path& p) { WriteText(p, Pod("        nvidia.com/gpu: 1\n        memory: \"1e400\"\n")); },
       "out of range"},
      {"yaml_quantity_minus_1Gi", "pod.yaml",
       [](const fs::path& p) { WriteText(p, Pod("        nvidia.com/gpu: 1\n        memory: \"-1Gi\"\n")); },
       "negative"},
      {"fifo", "pipe.yaml", [](const fs::path& p) { ASSERT_EQ(::mkfifo(p.c_str(), 0644), 0); }, "a FIFO"},
      {"symlink_loop_file", "loop.yaml", [](const fs::path& p) { fs::create_symlink(p.filename(), p); },
       "symbolic links"},
  };
}

std::vector<InputCase> SpecCases() {
  return {
      {"toml_nested_arrays_100k", "deep.toml",
       [](const fs::path& p) { WriteText(p, "x = " + Repeat("[", 100000) + Repeat("]", 100000) + "\n"); }, "nest"},
      {"toml_nested_inline_tables_100k", "deep.toml",
       [](const fs::path& p) { WriteText(p, "x = " + Repeat("{a = ", 100000) + "1" + Repeat("}", 100000) + "\n"); },
       "nest"},
      {"toml_dotted_header_100k", "deep.toml",
       [](const fs::path& p) { WriteText(p, "[" + Repeat("a.", 99999) + "a]\nx = 1\n"); }, "nested more than 128"},
      {"toml_dotted_key_100k", "deep.toml", [](const fs::path& p) { WriteText(p, Repeat("a.", 99999) + "a = 1\n"); },
       "nested more than 128"},
      {"toml_million_keys", "keys.toml",
       [](const fs::path& p) {
         std::ofstream out(p, std::ios::binary);
         out << ExampleSpec() << "\n[jupyterhub.extra]\n";
         for (int i = 0; i < 1000000; ++i) out << "k" << i << " = " << i << "\n";
       },
       "at most 1 MiB"},
      {"toml_invalid_utf8", "bad.toml",
       [](const fs::path& p) { WriteText(p, SpecWith("name = \"", "name = \"\xff\xfe")); }, "utf-8"},
      {"toml_nul_byte", "nul.toml",
       [](const fs::path& p) { WriteText(p, SpecWith("name = \"", std::string("name = \"\0", 9))); }, "control"},
      {"toml_integer_beyond_64_bits", "big.toml",
       [](const fs::path& p) { WriteText(p, SpecWith("gpu = 4,", "gpu = 99999999999999999999999,")); }, "64 bits"},
      {"toml_quantity_1e400", "q.toml",
       [](const fs::path& p) { WriteText(p, SpecWith("memory = \"256Gi\"", "memory = \"1e400\"")); }, "out of range"},
      {"toml_quantity_minus_1Gi", "q.toml",
       [](const fs::path& p) { WriteText(p, SpecWith("memory = \"256Gi\"", "memory = \"-1Gi\"")); }, "negative"},
      {"fifo", "pipe.toml", [](const fs::path& p) { ASSERT_EQ(::mkfifo(p.c_str(), 0644), 0); }, "a FIFO"},
      {"directory", "dir.toml", [](const fs::path& p) { fs::create_directory(p); }, "a directory"},
      {"symlink_loop", "loop.toml", [](const fs::path& p) { fs::create_symlink(p.filename(), p); }, "symbolic links"},
  };
}

class LintHostile : public ::testing::TestWithParam<InputCase> {};

TEST_P(LintHostile, OneLocatedErrorBoundedNoSignal) {
  const InputCase& c = GetParam();
  fs::path dir = TempDir("hostile-lint");
  fs::path input = dir / c.file;
  c.make(input);
  auto before = FullSnapshot(dir);
  BoundedOptions opts;
  opts.cwd = dir;
  opts.limit = std::chrono::seconds(120);
  BoundedResult r = RunBounded({"lint", "--color", "never", c.file}, opts);
  ExpectOneLocatedError(r, 2, c.file, c.needle);
  EXPECT_LT(r.max_rss_kb, c.max_rss_mb * 1024) << "peak RSS " << r.max_rss_kb / 1024 << " MiB";
  EXPECT_EQ(FullSnapshot(dir), before);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Input, LintHostile, ::testing::ValuesIn(LintCases()),
                         [](const auto& info) { return std::string(info.param.name); });

class SpecHostile : public ::testing::TestWithParam<InputCase> {};

// validate, then compile into a directory holding an earlier tree (and a
// file of the user's): the error is the same and the tree does not change.
TEST_P(SpecHostile, OneLocatedErrorOutputUntouched) {
  const InputCase& c = GetParam();
  fs::path dir = TempDir("hostile-spec");
  WriteFileOrDie(dir / "old.toml", ReadFileOrDie(SourceDir() / "examples/eks-platform.toml"));
  RunResult old = RunMlspec({"compile", "old.toml", "-o", "out"}, dir);
  ASSERT_EQ(old.exit_code, 0) << old.err;
  WriteFileOrDie(dir / "out/NOTES.md", "mine\n");
  c.make(dir / c.file);
  auto before = FullSnapshot(dir / "out");
  BoundedOptions opts;
  opts.cwd = dir;
  for (std::vector<std::string> args :
       {std::vector<std::string>{"validate", c.file}, std::vector<std::string>{"compile", c.file, "-o", "out"}}) {
    SCOPED_TRACE(args[0]);
    BoundedResult r = RunBounded(args, opts);
    ExpectOneLocatedError(r, 2, c.file, c.needle);
    EXPECT_LT(r.max_rss_kb, c.max_rss_mb * 1024) << "peak RSS " << r.max_rss_kb / 1024 << " MiB";
    EXPECT_EQ(FullSnapshot(dir / "out"), before);
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Input, SpecHostile, ::testing::ValuesIn(SpecCases()),
                         [](const auto& info) { return std::string(info.param.name); });

// Root reads any file whatever its mode, so the unreadable-file cases run
// mlspec as `nobody` (uid 65534) when the suite runs as root.
TEST(Unreadable, SpecAndManifestWithoutReadPermission) {
  fs::path dir = TempDir("hostile-perm");
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  WriteFileOrDie(dir / "spec.toml", ExampleSpec());
  WriteFileOrDie(dir / "pod.yaml", Pod("        nvidia.com/gpu: 1\n"));
  fs::permissions(dir / "spec.toml", fs::perms::none);
  fs::permissions(dir / "pod.yaml", fs::perms::none);
  BoundedOptions opts;
  opts.cwd = dir;
  opts.as_nobody = true;
  ExpectOneLocatedError(RunBounded({"validate", "spec.toml"}, opts), 2, "spec.toml", "Permission denied");
  ExpectOneLocatedError(RunBounded({"lint", "pod.yaml"}, opts), 2, "pod.yaml", "Permission denied");
  ExpectOneLocatedError(RunBounded({"lint", "--spec", "spec.toml", "pod.yaml"}, opts), 2, "spec.toml",
                        "Permission denied");
  fs::permissions(dir, fs::perms::all);
  fs::remove_all(dir);
}

TEST(Unreadable, DirectoryWithoutPermissionIsAnErrorNotAGap) {
  fs::path dir = TempDir("hostile-perm-dir");
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  fs::create_directories(dir / "tree/closed");
  fs::permissions(dir / "tree", fs::perms::all);
  WriteFileOrDie(dir / "tree/closed/pod.yaml", Pod("        nvidia.com/gpu: 1\n"));
  fs::permissions(dir / "tree/closed", fs::perms::none);
  BoundedOptions opts;
  opts.cwd = dir;
  opts.as_nobody = true;
  ExpectOneLocatedError(RunBounded({"lint", "tree"}, opts), 2, "tree/closed", "Permission denied");
  fs::permissions(dir / "tree/closed", fs::perms::all);
  fs::remove_all(dir);
}

TEST(Fifo, LintConfigAndStdinDoNotHang) {
  fs::path dir = TempDir("hostile-fifo");
  ASSERT_EQ(::mkfifo((dir / "cfg.toml").c_str(), 0644), 0);
  fs::create_directories(dir / "tree");
  ASSERT_EQ(::mkfifo((dir / "tree/pipe.yaml").c_str(), 0644), 0);
  WriteFileOrDie(dir / "tree/pod.yaml", Pod("        nvidia.com/gpu: 1\n"));
  BoundedOptions opts;
  opts.cwd = dir;
  opts.limit = std::chrono::seconds(30);
  ExpectOneLocatedError(RunBounded({"lint", "--config", "cfg.toml", "tree"}, opts), 2, "cfg.toml", "a FIFO");
  // In a directory walk, FIFOs are not manifests: skipped, never opened.
  BoundedResult r = RunBounded({"lint", "tree"}, opts);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0) << r.err;  // warnings only
  EXPECT_NE(r.out.find("1 file(s)"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

// Just under the size limit, a large file is linted, in memory bounded by a
// small multiple of its size (about 1× release, 5× under ASan).
TEST(LargeInput, SixtyMegabytesOfYamlIsLintedInBoundedMemory) {
  fs::path dir = TempDir("hostile-large");
  WriteBigYaml(dir / "big.yaml", 60u << 20);
  BoundedOptions opts;
  opts.cwd = dir;
  BoundedResult r = RunBounded({"lint", "big.yaml"}, opts);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
  EXPECT_LT(r.max_rss_kb, 512 * 1024) << "peak RSS " << r.max_rss_kb / 1024 << " MiB";
  std::printf("lint of 60 MiB: %.2f s, peak RSS %ld MiB\n", r.seconds, r.max_rss_kb / 1024);
  fs::remove_all(dir);
}

TEST(LargeInput, StdinPastTheLimitIsRefusedWhileRead) {
  fs::path dir = TempDir("hostile-stdin");
  WriteBigYaml(dir / "big.yaml", 70u << 20);
  BoundedOptions opts;
  opts.cwd = dir;
  opts.stdin_path = dir / "big.yaml";
  BoundedResult r = RunBounded({"lint", "-"}, opts);
  ExpectOneLocatedError(r, 2, "-", "more than 64 MiB arrived");
  EXPECT_LT(r.max_rss_kb, 512 * 1024) << "peak RSS " << r.max_rss_kb / 1024 << " MiB";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mlspec::testing
