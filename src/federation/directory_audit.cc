#include "federation/directory_audit.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <stdexcept>

#include "domain/canonical_bytes.h"

namespace tongban::federation {
namespace {

std::string entry_hash(std::int64_t seq, std::int64_t at, std::string_view action, std::string_view detail,
                       std::string_view prev) {
  std::string bytes;
  domain::append_field(bytes, "tongban-directory-audit-v1");
  domain::append_int(bytes, seq);
  domain::append_int(bytes, at);
  domain::append_field(bytes, action);
  domain::append_field(bytes, detail);
  domain::append_field(bytes, prev);
  return domain::sha256_hex(bytes);
}

struct Tail {
  std::int64_t count = 0;
  std::string hash;
};

Tail verify(const std::filesystem::path& file) {
  Tail tail;
  std::ifstream in(file);
  if (!in) return tail;  // no log yet
  std::string line;
  while (std::getline(in, line)) {
    const std::string where = file.string() + " line " + std::to_string(tail.count + 1);
    boost::json::error_code error;
    auto value = boost::json::parse(line, error);
    const auto* o = error ? nullptr : value.if_object();
    try {
      if (!o) throw std::invalid_argument("not a JSON object");
      std::int64_t seq = o->at("seq").as_int64(), at = o->at("at").as_int64();
      std::string action(o->at("action").as_string()), detail(o->at("detail").as_string()),
          prev(o->at("prev").as_string()), hash(o->at("hash").as_string());
      if (seq != tail.count + 1 || prev != tail.hash || hash != entry_hash(seq, at, action, detail, prev))
        throw std::invalid_argument("breaks the hash chain");
      tail = {seq, hash};
    } catch (const std::exception& bad) {
      throw std::runtime_error(where + ": " + bad.what());
    }
  }
  return tail;
}

}  // namespace

void append_directory_audit(const std::filesystem::path& file, std::string_view action, std::string_view detail,
                            std::int64_t at_ms) {
  Tail tail = verify(file);
  const std::int64_t seq = tail.count + 1;
  boost::json::object entry{{"seq", seq},        {"at", at_ms},
                            {"action", action},  {"detail", detail},
                            {"prev", tail.hash}, {"hash", entry_hash(seq, at_ms, action, detail, tail.hash)}};
  std::string line = boost::json::serialize(entry) + "\n";
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot append to " + file.string());
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) throw std::runtime_error("cannot append to " + file.string());
}

std::int64_t verify_directory_audit(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) throw std::runtime_error(file.string() + " does not exist");
  return verify(file).count;
}

}  // namespace tongban::federation
