// TextFolder: brings any catalog text or user query to one comparable form before it is indexed or looked up.
//
// fold() does, in this order: replace ill-formed UTF-8 by U+FFFD; NFKC (full-width Ａ１ become A1, ideographic
// space becomes a space); Traditional -> Simplified Chinese with OpenCC "hk2s.json" (Hong Kong/Macao variants and
// standard Traditional both end up Simplified: 身份證 -> 身份证); strip accents (NFD, drop non-spacing marks, NFC:
// "Certidão" -> "certidao"); lower case (root locale). The same folder must be used for the index and for the
// queries, so that both sides agree.
//
// Ownership and threads: OpenCC does not promise that one converter may be used by several threads at once, and a
// lock around it serialised every search of a busy node. So each thread that folds Chinese text through a
// TextFolder gets its own OpenCC converter for that folder, created lazily from the folder's configuration on the
// thread's first such fold (it loads the dictionaries, about 1 MB, some milliseconds) and kept in a thread-local
// cache; the thread that constructs the folder gets the one the constructor made (to check the configuration).
// Entries of destroyed folders are dropped from a thread's cache the next time that thread needs a new converter,
// or when the thread ends. No lock is taken on the fold() path; the ICU steps use ICU's immutable, thread-safe
// normaliser singletons. fold() is therefore safe to call from many threads at once, and they do not wait for
// each other. A TextFolder must outlive every fold() call on it (as for any object).
//
// Invariants: fold() output is valid UTF-8 and fold(fold(x)) == fold(x) for the texts the catalog holds.
// The constructor throws TextFoldingError when the OpenCC configuration (under /usr/share/opencc/) or ICU data is
// missing.
#pragma once

#include <memory>
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
  std::string to_simplified(const std::string& utf8) const;  // OpenCC, with this thread's converter

  struct Engines;
  std::shared_ptr<Engines> engines_;  // shared only so that thread-local caches can tell when it is gone
};

}  // namespace tongban::search
