// The naive approach: yaml-cpp's YAML::LoadAll on every file.
// Usage: bench-parse-yamlcpp PATH...  (prints "documents N bytes B seconds S")
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "files.h"

int main(int argc, char** argv) {
  auto start = std::chrono::steady_clock::now();
  size_t docs = 0, bytes = 0;
  int rc = 0;
  std::string text;
  for (const std::string& path : mlspec::bench::CollectFiles(argc, argv)) {
    if (!mlspec::bench::ReadWhole(path, &text)) {
      std::fprintf(stderr, "%s: cannot read\n", path.c_str());
      return 2;
    }
    bytes += text.size();
    try {
      docs += YAML::LoadAll(text).size();
    } catch (const YAML::Exception& e) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), e.what());
      rc = 2;
    }
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("documents %zu bytes %zu seconds %.4f\n", docs, bytes, s);
  return rc;
}
