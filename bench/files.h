// Collecting and reading benchmark inputs the way `mlspec lint` does:
// directories walked recursively (sorted), *.yaml / *.yml / *.json.
#ifndef MLSPEC_BENCH_FILES_H_
#define MLSPEC_BENCH_FILES_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace mlspec::bench {

inline std::vector<std::string> CollectFiles(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (int i = 1; i < argc; ++i) {
    fs::path p = argv[i];
    if (!fs::is_directory(p)) {
      out.push_back(p.string());
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : fs::recursive_directory_iterator(p)) {
      std::string ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".json")) {
        found.push_back(e.path().string());
      }
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

inline bool ReadWhole(const std::string& path, std::string* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  out->assign(std::istreambuf_iterator<char>(f), {});
  return true;
}

}  // namespace mlspec::bench

#endif  // MLSPEC_BENCH_FILES_H_
