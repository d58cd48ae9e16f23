// Small text helpers shared by the spec loader and the linter: Kubernetes
// name and label syntax, and "did you mean" suggestions.
#ifndef MLSPEC_COMMON_TEXT_H_
#define MLSPEC_COMMON_TEXT_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mlspec {

// RFC 1123 label as Kubernetes requires for namespace and most object names:
// at most 63 characters of [a-z0-9-], starting and ending alphanumeric.
bool IsDns1123Label(std::string_view s);

// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
bool IsDns1123Subdomain(std::string_view s);

// An HTTP header name (an RFC 9110 token), as Gateway API's HTTPHeaderName
// accepts: 1-256 characters of letters, digits and !#$%&'*+-.^_`|~.
bool IsHttpHeaderName(std::string_view s);

// A label or annotation key: optional "prefix/" (a DNS subdomain) and a name
// of at most 63 characters [A-Za-z0-9._-], alphanumeric at both ends.
bool IsQualifiedName(std::string_view s);

// A label value: empty, or at most 63 characters like a qualified name.
bool IsLabelValue(std::string_view s);

// Levenshtein distance, capped: returns max+1 once the distance exceeds max.
size_t EditDistance(std::string_view a, std::string_view b, size_t max = 64);

// The candidate closest to `word`, if it is close enough to be a likely typo
// (ninja's SpellcheckString idea).
std::optional<std::string> DidYouMean(std::string_view word, std::span<const std::string_view> candidates);

// Quotes for messages: `name`.
std::string Quote(std::string_view s);

}  // namespace mlspec

#endif  // MLSPEC_COMMON_TEXT_H_
