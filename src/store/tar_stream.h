// TarWriter and TarReader: the POSIX ustar container of a backup archive (store/backup_archive.h), written and read
// sequentially by hand so that any `tar` can list and extract an archive and no library beyond Debian's base is
// needed (libarchive-dev is not part of the build's packages).
//
// Format (POSIX.1-1988 ustar, the subset tongban writes and accepts):
// - every entry is a 512-byte header block, then its data, zero-padded to a multiple of 512 bytes;
// - a header has name (100 bytes) and prefix (155 bytes, joined to the name with '/'), mode "0000600", uid/gid 0,
//   size (11 octal digits and NUL; sizes of 8 GiB and more in GNU base-256: first byte 0x80, big-endian binary),
//   mtime, checksum (sum of the header's bytes with the checksum field as spaces, 6 octal digits, NUL, space),
//   typeflag '0' (regular file), magic "ustar\0", version "00", uname/gname "tongban";
// - the archive ends with two zero blocks and nothing after them.
//
// TarReader is strict, since the archive is untrusted input: a bad checksum or magic, a type other than a regular
// file, a name that is not NUL-terminated, non-zero padding, a missing end marker, a short file or bytes after the
// end marker all throw ArchiveDamaged naming the byte offset. It never writes anything.
//
// Both own their file descriptor. Not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "store/store_error.h"

namespace tongban::store {

// The archive cannot be read as what it claims to be: damaged, truncated or not a tongban backup.
class ArchiveDamaged : public StoreError {
 public:
  using StoreError::StoreError;
};

class TarWriter {
 public:
  // Creates `file` (it must not exist: O_EXCL), mode 0600 whatever the umask. StoreUnavailable on failure.
  explicit TarWriter(const std::filesystem::path& file);
  ~TarWriter();
  TarWriter(const TarWriter&) = delete;
  TarWriter& operator=(const TarWriter&) = delete;

  // Starts an entry of exactly `size` bytes. std::invalid_argument for a name that does not fit ustar.
  void begin_entry(std::string_view name, std::uint64_t size, std::int64_t mtime_seconds);
  // Appends data to the current entry; std::logic_error past its declared size.
  void write(std::string_view bytes);
  // Pads the entry; std::logic_error if fewer bytes than declared were written.
  void end_entry();
  // Writes the end marker and fsyncs the file.
  void finish();
  std::uint64_t bytes_written() const { return offset_; }

 private:
  void write_raw(std::string_view bytes);

  std::filesystem::path file_;
  int fd_ = -1;
  std::uint64_t offset_ = 0;
  std::uint64_t remaining_ = 0;
  std::uint64_t entry_size_ = 0;
  bool in_entry_ = false;
};

struct TarEntry {
  std::string name;
  std::uint64_t size = 0;
};

class TarReader {
 public:
  // StoreUnavailable if the file cannot be opened.
  explicit TarReader(const std::filesystem::path& file);
  ~TarReader();
  TarReader(const TarReader&) = delete;
  TarReader& operator=(const TarReader&) = delete;

  // The next entry's header, or nullopt at the end marker (checked: two zero blocks, then the end of the file).
  // The previous entry must have been read whole.
  std::optional<TarEntry> next();
  // Up to `max` bytes of the current entry's data; "" once it is all read (padding is then checked).
  std::string read(std::size_t max);
  std::uint64_t offset() const { return offset_; }

 private:
  // Exactly n bytes, or ArchiveDamaged ("truncated") at the end of the file.
  std::string read_exactly(std::size_t n, std::string_view what);
  void finish_entry();

  std::filesystem::path file_;
  int fd_ = -1;
  std::uint64_t offset_ = 0;
  std::uint64_t remaining_ = 0;
  std::uint64_t padding_ = 0;
  bool in_entry_ = false;
};

}  // namespace tongban::store
