#include "catalog/field_patterns.h"

#include <re2/re2.h>

namespace tongban::catalog {
namespace {

// UTF-8, no logging of bad patterns to stderr (validation reports them), RE2's default memory budget.
RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

}  // namespace

std::optional<std::string> pattern_error(std::string_view pattern) {
  RE2 compiled(pattern, pattern_options());
  if (compiled.ok()) return std::nullopt;
  return compiled.error();
}

FieldPatterns::FieldPatterns() = default;
FieldPatterns::FieldPatterns(FieldPatterns&&) noexcept = default;
FieldPatterns& FieldPatterns::operator=(FieldPatterns&&) noexcept = default;
FieldPatterns::~FieldPatterns() = default;

FieldPatterns::FieldPatterns(const domain::Catalog& catalog) : FieldPatterns(catalog.items) {}

FieldPatterns::FieldPatterns(const std::vector<domain::Item>& items) {
  for (const auto& item : items)
    for (const auto& field : item.form)
      if (!field.pattern.empty()) add(field.pattern);
}

void FieldPatterns::add(const std::string& pattern) {
  if (compiled_.contains(pattern)) return;
  auto compiled = std::make_unique<const RE2>(pattern, pattern_options());
  if (compiled->ok()) compiled_.emplace(pattern, std::move(compiled));
}

bool FieldPatterns::full_match(std::string_view pattern, std::string_view answer) const {
  auto found = compiled_.find(pattern);
  return found != compiled_.end() && RE2::FullMatch(answer, *found->second);
}

}  // namespace tongban::catalog
