#include "web/rating_book.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <stdexcept>

namespace tongban::web {

RatingBook::RatingBook(std::filesystem::path file) : file_(std::move(file)) {
  std::ifstream in(file_);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    try {
      auto object = boost::json::parse(line).as_object();
      levels_.emplace(std::string(object.at("case").as_string()), static_cast<int>(object.at("level").as_int64()));
    } catch (const std::exception&) {
      throw std::runtime_error(file_.string() + " line " + std::to_string(number) + " is not a rating");
    }
  }
}

bool RatingBook::rate(const std::string& case_id, int level, std::int64_t at_ms) {
  if (level < 1 || level > 5) throw std::invalid_argument("a rating is 1 to 5");
  std::lock_guard lock(mutex_);
  if (levels_.count(case_id)) return false;
  std::string line =
      boost::json::serialize(boost::json::object{{"case", case_id}, {"level", level}, {"at_ms", at_ms}}) + "\n";
  int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot open " + file_.string());
  bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) throw std::runtime_error("cannot write " + file_.string());
  levels_.emplace(case_id, level);
  return true;
}

std::optional<int> RatingBook::rating(const std::string& case_id) const {
  std::lock_guard lock(mutex_);
  auto found = levels_.find(case_id);
  if (found == levels_.end()) return std::nullopt;
  return found->second;
}

}  // namespace tongban::web
