// FieldPatterns: the compiled `pattern` of every form field of a catalog, so an answer is checked against a
// pattern that was compiled once, when the catalog snapshot was made, never while a request waits.
//
// The dialect is RE2's (docs/catalog-format.md, "Field patterns"): matching takes time linear in the answer
// whatever the pattern, so neither a hostile answer nor a careless pattern can stall a handler thread or
// exhaust its stack (std::regex backtracks). A pattern must match the whole answer; the text is UTF-8.
// Backreferences and lookaround are not part of the dialect: catalog validation refuses a pattern that
// pattern_error() does not accept, so a validated catalog's patterns all compile.
//
// Immutable once built and safe to use from many threads at once (RE2 matching is thread-safe). Patterns are
// keyed by their text, so a copy of an item (a joint part's travelling fields) finds its fields' patterns.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/catalog.h"

namespace re2 {
class RE2;
}

namespace tongban::catalog {

// Why `pattern` is not a pattern of the catalog's dialect (RE2's own words), or nullopt when it compiles.
std::optional<std::string> pattern_error(std::string_view pattern);

class FieldPatterns {
 public:
  FieldPatterns();
  // Compiles the pattern of every form field of every item; a pattern that does not compile is left out (and
  // then matches nothing). Give it a validated catalog.
  explicit FieldPatterns(const domain::Catalog& catalog);
  explicit FieldPatterns(const std::vector<domain::Item>& items);
  FieldPatterns(FieldPatterns&&) noexcept;
  FieldPatterns& operator=(FieldPatterns&&) noexcept;
  ~FieldPatterns();

  // True when `answer` as a whole matches `pattern`. A pattern that was not compiled here (not a pattern of the
  // catalog, or one that does not compile) matches nothing: deny unless allowed.
  bool full_match(std::string_view pattern, std::string_view answer) const;
  std::size_t size() const { return compiled_.size(); }

 private:
  void add(const std::string& pattern);

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, std::unique_ptr<const re2::RE2>, Hash, std::equal_to<>> compiled_;
};

}  // namespace tongban::catalog
