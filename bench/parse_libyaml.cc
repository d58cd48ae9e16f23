// The floor: libyaml's event parser over every file, doing nothing else.
// Usage: bench-parse-libyaml PATH...  (prints "documents N bytes B seconds S")
#include <yaml.h>

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
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    for (;;) {
      yaml_event_t e;
      if (!yaml_parser_parse(&parser, &e)) {
        std::fprintf(stderr, "%s: %s\n", path.c_str(), parser.problem ? parser.problem : "error");
        rc = 2;
        break;
      }
      bool end = e.type == YAML_STREAM_END_EVENT;
      if (e.type == YAML_DOCUMENT_START_EVENT) ++docs;
      yaml_event_delete(&e);
      if (end) break;
    }
    yaml_parser_delete(&parser);
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("documents %zu bytes %zu seconds %.4f\n", docs, bytes, s);
  return rc;
}
