#include "base/quantity.h"

#include <array>
#include <cctype>

namespace mlspec {
namespace {

using i128 = __int128;

constexpr i128 kNano = 1'000'000'000;
// |value| must stay below 2^63 units, as int64 does for the API server's
// own fast path; beyond that we refuse instead of rounding silently.
constexpr i128 kMaxNanos = static_cast<i128>(INT64_MAX) * kNano;

std::string ToString(i128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  if (neg) v = -v;
  std::string s;
  while (v > 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return neg ? "-" + s : s;
}

struct Suffix {
  std::string_view text;
  int base;  // 2 or 10
  int exp;   // power of base
};

constexpr std::array<Suffix, 15> kSuffixes = {{
    {"Ki", 2, 10},
    {"Mi", 2, 20},
    {"Gi", 2, 30},
    {"Ti", 2, 40},
    {"Pi", 2, 50},
    {"Ei", 2, 60},
    {"n", 10, -9},
    {"u", 10, -6},
    {"m", 10, -3},
    {"", 10, 0},
    {"k", 10, 3},
    {"M", 10, 6},
    {"G", 10, 9},
    {"T", 10, 12},
    {"P", 10, 15},
}};
constexpr Suffix kExa = {"E", 10, 18};

std::optional<Suffix> FindSuffix(std::string_view s) {
  for (const Suffix& x : kSuffixes)
    if (x.text == s) return x;
  if (s == kExa.text) return kExa;
  return std::nullopt;
}

// The suffix a user most likely meant by a near-miss like "GB", if any.
std::optional<std::string> SuggestSuffix(std::string_view s) {
  std::string lower;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  struct Hint {
    std::string_view from, to;
  };
  static constexpr Hint kHints[] = {
      {"kb", "Ki"}, {"kib", "Ki"}, {"mb", "Mi"}, {"mib", "Mi"}, {"gb", "Gi"},  {"gib", "Gi"},
      {"tb", "Ti"}, {"tib", "Ti"}, {"pb", "Pi"}, {"pib", "Pi"}, {"ki", "Ki"},  {"mi", "Mi"},
      {"gi", "Gi"}, {"ti", "Ti"},  {"g", "G"},   {"b", ""},     {"cores", ""}, {"core", ""},
  };
  for (const Hint& h : kHints)
    if (lower == h.from) return std::string(h.to);
  return std::nullopt;
}

}  // namespace

std::optional<Quantity> Quantity::Parse(std::string_view text, std::string* error) {
  auto fail = [&](std::string msg) -> std::optional<Quantity> {
    if (error) *error = std::move(msg);
    return std::nullopt;
  };
  std::string quoted = "\"";
  quoted.append(text).append("\"");
  if (text.empty())
    return fail("empty quantity; write a number with an optional suffix, e.g. \"4\", \"500m\" or \"16Gi\"");
  if (text.size() > 64) return fail("quantity is too long (" + std::to_string(text.size()) + " characters)");

  size_t i = 0;
  bool neg = false;
  if (text[i] == '+' || text[i] == '-') neg = text[i++] == '-';
  i128 mantissa = 0;
  int frac_digits = 0;
  int digits = 0;
  bool round_up = false;  // digits beyond nano precision that were not zero
  bool seen_dot = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      if (seen_dot) return fail(quoted + " is not a Kubernetes quantity: more than one decimal point");
      seen_dot = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    ++digits;
    if (mantissa > kMaxNanos * 10) {  // already hopeless; keep scanning for error text
      if (!seen_dot) return fail(quoted + " is out of range: quantities must stay below 2^63");
      if (c != '0') round_up = true;
      continue;
    }
    if (seen_dot && frac_digits >= 30) {
      if (c != '0') round_up = true;
      continue;
    }
    mantissa = mantissa * 10 + (c - '0');
    if (seen_dot) ++frac_digits;
  }
  if (digits == 0)
    return fail(quoted +
                " is not a Kubernetes quantity: it must start with a number, e.g. \"4\", \"500m\" or \"16Gi\"");

  std::string_view suffix_text = text.substr(i);
  Format format = Format::kDecimalSI;
  int base = 10;
  int exp = 0;
  if (!suffix_text.empty() && (suffix_text[0] == 'e' || suffix_text[0] == 'E') && suffix_text.size() > 1 &&
      (std::isdigit(static_cast<unsigned char>(suffix_text[1])) || suffix_text[1] == '-' || suffix_text[1] == '+')) {
    size_t j = 1;
    bool eneg = false;
    if (suffix_text[j] == '+' || suffix_text[j] == '-') eneg = suffix_text[j++] == '-';
    if (j >= suffix_text.size()) return fail(quoted + " is not a Kubernetes quantity: exponent has no digits");
    int e = 0;
    for (; j < suffix_text.size(); ++j) {
      char c = suffix_text[j];
      if (c < '0' || c > '9')
        return fail(quoted + " is not a Kubernetes quantity: unexpected '" + std::string(1, c) + "' in exponent");
      e = e * 10 + (c - '0');
      if (e > 1000) return fail(quoted + " is out of range: quantities must stay below 2^63");
    }
    exp = eneg ? -e : e;
    format = Format::kDecimalExponent;
  } else if (auto s = FindSuffix(suffix_text)) {
    base = s->base;
    exp = s->exp;
    format = base == 2 ? Format::kBinarySI : Format::kDecimalSI;
  } else {
    std::string number(text.substr(0, i));
    std::string msg = quoted + " is not a Kubernetes quantity: unknown suffix \"" + std::string(suffix_text) + "\"";
    if (auto hint = SuggestSuffix(suffix_text)) msg += "; did you mean \"" + number + *hint + "\"?";
    msg += " (binary suffixes: Ki Mi Gi Ti Pi Ei; decimal: n u m k M G T P E)";
    return fail(msg);
  }

  // value = mantissa × 10^-frac_digits × base^exp, held in nanos (× 10^9).
  i128 v = mantissa;
  int scale10 = 9 - frac_digits + (base == 10 ? exp : 0);
  const std::string range = quoted + " is out of range: quantities must stay below 2^63";
  for (; scale10 > 0; --scale10) {
    if (v > kMaxNanos) return fail(range);
    v *= 10;
  }
  for (; scale10 < 0 && v != 0; ++scale10) {
    if (v % 10 != 0) round_up = true;
    v /= 10;
  }
  if (scale10 < 0 && mantissa != 0) round_up = true;
  // Like the API server, round up to the smallest representable unit (1n).
  if (round_up) v += 1;
  if (base == 2) {
    for (int k = 0; k < exp; ++k) {
      v *= 2;
      if (v > kMaxNanos) return fail(range);
    }
  }
  if (v > kMaxNanos) return fail(range);

  Quantity q;
  q.nanos_ = neg ? -v : v;
  q.format_ = format;
  return q;
}

Quantity Quantity::FromUnits(int64_t units, Format f) {
  Quantity q;
  q.nanos_ = static_cast<i128>(units) * kNano;
  q.format_ = f;
  return q;
}

Quantity Quantity::FromMilli(int64_t milli) {
  Quantity q;
  q.nanos_ = static_cast<i128>(milli) * 1'000'000;
  return q;
}

int64_t Quantity::MilliValue() const {
  i128 m = nanos_ / 1'000'000;
  if (nanos_ % 1'000'000 > 0) ++m;
  return static_cast<int64_t>(m);
}

int64_t Quantity::Value() const {
  i128 u = nanos_ / kNano;
  if (nanos_ % kNano > 0) ++u;
  return static_cast<int64_t>(u);
}

double Quantity::AsDouble() const { return static_cast<double>(nanos_) / 1e9; }

bool Quantity::IsInteger() const { return nanos_ % kNano == 0; }

Quantity Quantity::operator+(const Quantity& o) const {
  Quantity q = *this;
  q.nanos_ += o.nanos_;
  return q;
}

Quantity Quantity::operator*(int64_t n) const {
  Quantity q = *this;
  q.nanos_ *= n;
  return q;
}

std::string Quantity::Canonical() const {
  if (nanos_ == 0) return "0";
  Format format = format_;
  if (format == Format::kBinarySI) {
    // Small binary values and values with fractions print as DecimalSI,
    // exactly as CanonicalizeBytes does.
    if (nanos_ > -1024 * kNano && nanos_ < 1024 * kNano) format = Format::kDecimalSI;
    else if (nanos_ % kNano != 0) format = Format::kDecimalSI;
  }
  const bool neg = nanos_ < 0;
  i128 v = neg ? -nanos_ : nanos_;
  std::string sign = neg ? "-" : "";
  if (format == Format::kBinarySI) {
    i128 units = v / kNano;
    static constexpr std::string_view kBin[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    int k = 0;
    while (k < 6 && units % 1024 == 0) {
      units /= 1024;
      ++k;
    }
    return sign + ToString(units) + std::string(kBin[k]);
  }
  // Decimal: the largest exponent (a multiple of 3, from -9) whose mantissa
  // is an integer.
  int e = -9;
  while (e < 18 && v % 1000 == 0) {
    v /= 1000;
    e += 3;
  }
  if (format == Format::kDecimalExponent) {
    std::string out = sign + ToString(v);
    if (e != 0) out.append("e").append(std::to_string(e));
    return out;
  }
  static constexpr std::string_view kDec[] = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
  return sign + ToString(v) + std::string(kDec[(e + 9) / 3]);
}

}  // namespace mlspec
