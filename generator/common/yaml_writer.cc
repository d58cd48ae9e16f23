#include "common/yaml_writer.h"

#include <cctype>
#include <cstdio>

#include <yaml-cpp/yaml.h>

namespace mlspec {
namespace {

bool LooksNumeric(std::string_view s) {
  if (s.empty()) return false;
  size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (i >= s.size()) return false;
  if (s[i] == '.' && i + 1 < s.size()) ++i;
  // Anything starting with a digit could be an int, float, octal, hex,
  // sexagesimal (1.1's "1:30") or a date; quote them all.
  return std::isdigit(static_cast<unsigned char>(s[i])) != 0;
}

void Emit(YAML::Emitter& out, const Json& v) {
  switch (v.type()) {
    case Json::value_t::object:
      if (v.empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        break;
      }
      out << YAML::BeginMap;
      for (const auto& [k, val] : v.items()) {
        out << YAML::Key;
        if (NeedsQuotes(k)) out << YAML::DoubleQuoted;
        out << k << YAML::Value;
        Emit(out, val);
      }
      out << YAML::EndMap;
      break;
    case Json::value_t::array:
      if (v.empty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        break;
      }
      out << YAML::BeginSeq;
      for (const auto& e : v) Emit(out, e);
      out << YAML::EndSeq;
      break;
    case Json::value_t::string: {
      const std::string& s = v.get_ref<const std::string&>();
      if (s.find('\n') != std::string::npos) out << YAML::Literal << s;
      else if (NeedsQuotes(s)) out << YAML::DoubleQuoted << s;
      else out << s;
      break;
    }
    case Json::value_t::boolean: out << v.get<bool>(); break;
    case Json::value_t::number_integer: out << v.get<int64_t>(); break;
    case Json::value_t::number_unsigned: out << v.get<uint64_t>(); break;
    case Json::value_t::number_float: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.15g", v.get<double>());
      out << buf;
      break;
    }
    case Json::value_t::null: out << YAML::Null; break;
    default: out << YAML::Null; break;
  }
}

}  // namespace

bool NeedsQuotes(std::string_view s) {
  if (s.empty()) return true;
  static constexpr std::string_view kReserved[] = {
      "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
      "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
      "~", ".inf", ".Inf", ".INF", "-.inf", ".nan", ".NaN", ".NAN", "<<", "="};
  for (std::string_view r : kReserved)
    if (s == r) return true;
  if (LooksNumeric(s)) return true;
  if (s.front() == ' ' || s.back() == ' ') return true;
  static constexpr std::string_view kBadStart = "-?:,[]{}#&*!|>'\"%@`";
  if (kBadStart.find(s.front()) != std::string_view::npos) return true;
  if (s.find(": ") != s.npos || s.find(" #") != s.npos || s.back() == ':') return true;
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == '\t') return true;
  return false;
}

std::string ToYaml(const Json& doc) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  out.SetMapFormat(YAML::Block);
  Emit(out, doc);
  std::string s = out.c_str();
  if (s.empty() || s.back() != '\n') s += '\n';
  return s;
}

std::string ToYamlStream(const std::vector<Json>& docs, std::string_view header) {
  std::string out(header);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i > 0 || !header.empty()) out += "---\n";
    out += ToYaml(docs[i]);
  }
  return out;
}

}  // namespace mlspec
