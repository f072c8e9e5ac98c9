// TextFolder: brings any catalog text or user query to one comparable form before it is indexed or looked up.
//
// fold() does, in this order: replace ill-formed UTF-8 by U+FFFD; NFKC (full-width Ａ１ become A1, ideographic
// space becomes a space); Traditional -> Simplified Chinese with OpenCC "hk2s.json" (Hong Kong/Macao variants and
// standard Traditional both end up Simplified: 身份證 -> 身份证); strip accents (NFD, drop non-spacing marks, NFC:
// "Certidão" -> "certidao"); lower case (root locale). The same folder must be used for the index and for the
// queries, so that both sides agree.
//
// Ownership and threads: a TextFolder owns one OpenCC converter, created once in the constructor (it loads some
// megabytes of dictionaries). OpenCC does not promise thread safety, so each conversion takes an internal mutex;
// the ICU steps use ICU's immutable, thread-safe normaliser singletons and run outside the lock. fold() is
// therefore safe to call from several threads. Queries are short (see CatalogIndex's cap), so the lock is short.
//
// Invariants: fold() output is valid UTF-8 and fold(fold(x)) == fold(x) for the texts the catalog holds.
// The constructor throws TextFoldingError when the OpenCC configuration (under /usr/share/opencc/) or ICU data is
// missing.
#pragma once

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tongban::search {

class TextFoldingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TextFolder {
 public:
  // opencc_config: an OpenCC configuration file name, looked up by OpenCC in its data directory.
  explicit TextFolder(const std::string& opencc_config = "hk2s.json");
  ~TextFolder();
  TextFolder(const TextFolder&) = delete;
  TextFolder& operator=(const TextFolder&) = delete;

  std::string fold(std::string_view utf8) const;

 private:
  std::string to_simplified(const std::string& utf8) const;  // OpenCC, under mutex_

  struct Engines;
  std::unique_ptr<Engines> engines_;
  mutable std::mutex mutex_;
};

}  // namespace tongban::search
