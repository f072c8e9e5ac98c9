#include "store/tar_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tongban::store {
namespace {

constexpr std::size_t kBlock = 512;
constexpr std::uint64_t kLargestOctalSize = 077777777777ULL;  // 11 octal digits

using Block = std::array<char, kBlock>;

[[noreturn]] void io_failure(std::string_view what, const std::filesystem::path& path) {
  throw StoreUnavailable(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

[[noreturn]] void damaged(const std::filesystem::path& file, std::uint64_t offset, std::string_view what) {
  throw ArchiveDamaged("archive " + file.string() + " is damaged at byte " + std::to_string(offset) + ": " +
                       std::string(what));
}

void put_octal(Block& block, std::size_t at, std::size_t width, std::uint64_t value) {
  // width-1 octal digits, then NUL.
  for (std::size_t i = width - 1; i-- > 0;) {
    block[at + i] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  block[at + width - 1] = '\0';
}

void put_text(Block& block, std::size_t at, std::string_view text) {
  std::copy(text.begin(), text.end(), block.begin() + static_cast<std::ptrdiff_t>(at));
}

unsigned checksum_of(const Block& block) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i)
    sum += (i >= 148 && i < 156) ? static_cast<unsigned>(' ') : static_cast<unsigned char>(block[i]);
  return sum;
}

// The (prefix, name) split of a path for ustar: name <= 100 bytes, prefix <= 155, split at a '/'.
std::pair<std::string, std::string> split_name(std::string_view path) {
  if (path.size() <= 100) return {"", std::string(path)};
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
    if (slash <= 155 && path.size() - slash - 1 <= 100 && slash + 1 < path.size())
      return {std::string(path.substr(0, slash)), std::string(path.substr(slash + 1))};
  }
  throw std::invalid_argument("path too long for the archive (ustar): " + std::string(path));
}

Block header_block(std::string_view path, std::uint64_t size, std::int64_t mtime) {
  auto [prefix, name] = split_name(path);
  Block block{};
  put_text(block, 0, name);
  put_octal(block, 100, 8, 0600);
  put_octal(block, 108, 8, 0);
  put_octal(block, 116, 8, 0);
  if (size <= kLargestOctalSize) {
    put_octal(block, 124, 12, size);
  } else {  // GNU base-256
    block[124] = static_cast<char>(0x80);
    for (std::size_t i = 0; i < 8; ++i) block[135 - i] = static_cast<char>((size >> (8 * i)) & 0xff);
  }
  put_octal(block, 136, 12, static_cast<std::uint64_t>(std::max<std::int64_t>(mtime, 0)));
  block[156] = '0';
  put_text(block, 257, std::string_view("ustar\0", 6));
  put_text(block, 263, "00");
  put_text(block, 265, "tongban");
  put_text(block, 297, "tongban");
  put_octal(block, 329, 8, 0);
  put_octal(block, 337, 8, 0);
  put_text(block, 345, prefix);
  put_octal(block, 148, 7, checksum_of(block));
  block[155] = ' ';
  return block;
}

// The NUL-terminated text of a field; nullopt if it has no NUL within its width (or, full width, when allowed).
std::optional<std::string> field_text(const Block& block, std::size_t at, std::size_t width, bool may_fill) {
  const char* begin = block.data() + at;
  const char* end = std::find(begin, begin + width, '\0');
  if (end == begin + width && !may_fill) return std::nullopt;
  std::string text(begin, end);
  if (std::any_of(end, begin + width, [](char c) { return c != '\0'; })) return std::nullopt;
  return text;
}

std::optional<std::uint64_t> parse_octal(const Block& block, std::size_t at, std::size_t width) {
  std::uint64_t value = 0;
  std::size_t i = 0;
  while (i < width && block[at + i] == ' ') ++i;
  std::size_t digits = 0;
  for (; i < width && block[at + i] >= '0' && block[at + i] <= '7'; ++i, ++digits)
    value = value * 8 + (block[at + i] - '0');
  if (digits == 0) return std::nullopt;
  for (; i < width; ++i)
    if (block[at + i] != '\0' && block[at + i] != ' ') return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_size(const Block& block) {
  if (static_cast<unsigned char>(block[124]) != 0x80) return parse_octal(block, 124, 12);
  for (std::size_t i = 125; i < 128; ++i)
    if (block[i] != '\0') return std::nullopt;
  std::uint64_t value = 0;
  for (std::size_t i = 128; i < 136; ++i) value = (value << 8) | static_cast<unsigned char>(block[i]);
  return value;
}

std::uint64_t padding_for(std::uint64_t size) {
  return (kBlock - size % kBlock) % kBlock;
}

}  // namespace

// ---- TarWriter ----

TarWriter::TarWriter(const std::filesystem::path& file) : file_(file) {
  fd_ = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd_ < 0) io_failure("cannot create", file);
  if (::fchmod(fd_, 0600) != 0) io_failure("cannot make private", file);
}

TarWriter::~TarWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void TarWriter::write_raw(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t written = ::write(fd_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      io_failure("cannot write", file_);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
    offset_ += static_cast<std::uint64_t>(written);
  }
}

void TarWriter::begin_entry(std::string_view name, std::uint64_t size, std::int64_t mtime_seconds) {
  if (in_entry_) throw std::logic_error("tar entry still open");
  if (name.empty() || name.find('\0') != std::string_view::npos) throw std::invalid_argument("bad tar entry name");
  Block header = header_block(name, size, mtime_seconds);
  write_raw(std::string_view(header.data(), header.size()));
  in_entry_ = true;
  remaining_ = size;
  entry_size_ = size;
}

void TarWriter::write(std::string_view bytes) {
  if (!in_entry_ || bytes.size() > remaining_) throw std::logic_error("tar entry written past its size");
  write_raw(bytes);
  remaining_ -= bytes.size();
}

void TarWriter::end_entry() {
  if (!in_entry_ || remaining_ != 0) throw std::logic_error("tar entry shorter than declared");
  static const Block zeros{};
  write_raw(std::string_view(zeros.data(), padding_for(entry_size_)));
  in_entry_ = false;
}

void TarWriter::finish() {
  if (in_entry_) throw std::logic_error("tar entry still open");
  static const Block zeros{};
  write_raw(std::string_view(zeros.data(), zeros.size()));
  write_raw(std::string_view(zeros.data(), zeros.size()));
  if (::fsync(fd_) != 0) io_failure("cannot fsync", file_);
  if (::close(fd_) != 0) {
    fd_ = -1;
    io_failure("cannot close", file_);
  }
  fd_ = -1;
}

// ---- TarReader ----

TarReader::TarReader(const std::filesystem::path& file) : file_(file) {
  fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) io_failure("cannot open", file);
}

TarReader::~TarReader() {
  if (fd_ >= 0) ::close(fd_);
}

std::string TarReader::read_exactly(std::size_t n, std::string_view what) {
  std::string bytes(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd_, bytes.data() + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      io_failure("cannot read", file_);
    }
    if (r == 0) damaged(file_, offset_ + got, "the file ends inside " + std::string(what) + " (truncated)");
    got += static_cast<std::size_t>(r);
  }
  offset_ += n;
  return bytes;
}

void TarReader::finish_entry() {
  std::string padding = read_exactly(padding_, "the padding of an entry");
  if (std::any_of(padding.begin(), padding.end(), [](char c) { return c != '\0'; }))
    damaged(file_, offset_ - padding_, "non-zero bytes in the padding after an entry");
  in_entry_ = false;
  padding_ = 0;
}

std::optional<TarEntry> TarReader::next() {
  if (in_entry_) {
    if (remaining_ != 0) throw std::logic_error("tar entry not read whole");
    finish_entry();
  }
  const std::uint64_t at = offset_;
  std::string raw = read_exactly(kBlock, "a header");
  Block block;
  std::copy(raw.begin(), raw.end(), block.begin());
  const bool zero = std::all_of(block.begin(), block.end(), [](char c) { return c == '\0'; });
  if (zero) {
    std::string second = read_exactly(kBlock, "the end marker");
    if (std::any_of(second.begin(), second.end(), [](char c) { return c != '\0'; }))
      damaged(file_, at + kBlock, "a zero block followed by data (not the end marker)");
    char extra = 0;
    ssize_t r = ::read(fd_, &extra, 1);
    if (r < 0) io_failure("cannot read", file_);
    if (r != 0) damaged(file_, offset_, "bytes after the end marker");
    return std::nullopt;
  }
  // Exactly as written: six octal digits, NUL, space (the checksum field is the one part the sum leaves out).
  auto stored = parse_octal(block, 148, 6);
  if (!stored || block[154] != '\0' || block[155] != ' ' || *stored != checksum_of(block))
    damaged(file_, at, "header checksum does not match");
  if (std::string_view(block.data() + 257, 6) != std::string_view("ustar\0", 6) ||
      std::string_view(block.data() + 263, 2) != "00")
    damaged(file_, at, "not a ustar header");
  if (block[156] != '0' && block[156] != '\0') damaged(file_, at, "an entry that is not a regular file");
  auto name = field_text(block, 0, 100, true);
  auto prefix = field_text(block, 345, 155, true);
  auto size = parse_size(block);
  if (!name || !prefix || name->empty()) damaged(file_, at, "an entry name that does not read");
  if (!size) damaged(file_, at, "an entry size that does not read");
  TarEntry entry{prefix->empty() ? *name : *prefix + "/" + *name, *size};
  in_entry_ = true;
  remaining_ = entry.size;
  padding_ = padding_for(entry.size);
  return entry;
}

std::string TarReader::read(std::size_t max) {
  if (!in_entry_) throw std::logic_error("no tar entry to read");
  const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(max, remaining_));
  if (n == 0) return {};
  std::string bytes = read_exactly(n, "an entry's data");
  remaining_ -= n;
  return bytes;
}

}  // namespace tongban::store
