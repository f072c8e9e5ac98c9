#include "smtp_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace tongban::notify_test {
namespace {

std::uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

std::string base64_decode(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), " \r\n\t",
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return "<bad base64>";
  out.resize(length);
  return out;
}

// "=?UTF-8?B?…?=" words separated by folding white space.
std::string decode_words(const std::string& value) {
  std::string out;
  std::size_t at = 0;
  while ((at = value.find("=?UTF-8?B?", at)) != std::string::npos) {
    std::size_t end = value.find("?=", at + 10);
    if (end == std::string::npos) break;
    out += base64_decode(value.substr(at + 10, end - at - 10));
    at = end + 2;
  }
  return out.empty() ? value : out;
}

}  // namespace

ReceivedMail parse_mail(const std::string& raw_text) {
  std::string raw;
  for (char c : raw_text)
    if (c != '\r') raw += c;
  auto split = raw.find("\n\n");
  std::string head = raw.substr(0, split);
  std::string body = split == std::string::npos ? "" : raw.substr(split + 2);
  // Unfold headers, then read them.
  std::vector<std::pair<std::string, std::string>> headers;
  std::istringstream lines(head);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !headers.empty()) {
      headers.back().second += line;
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(value.begin());
    headers.emplace_back(line.substr(0, colon), value);
  }
  ReceivedMail mail;
  for (const auto& [name, value] : headers) {
    if (name == "To") mail.to = value;
    if (name == "Subject") mail.subject = decode_words(value);
    if (name == "Content-Language") mail.content_language = value;
    if (name == "X-Tongban-Notification") mail.notification_id = value;
    if (name == "X-Tongban-Case") mail.case_id = value;
  }
  mail.body = base64_decode(body);
  return mail;
}

SmtpServer::SmtpServer() {
  static int counter = 0;
  dir_ = std::filesystem::temp_directory_path() /
         ("tongban-smtp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  port_ = free_port();
  std::string listen = "127.0.0.1:" + std::to_string(port_);
  std::string maildir = (dir_ / "Maildir").string();
  // Debian's interpreter, which has the python3-aiosmtpd package, even when another python3 comes first on PATH.
  std::string python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  pid_ = ::fork();
  if (pid_ == 0) {
    ::execlp(python.c_str(), python.c_str(), "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
             "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 200 && !accepts(port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (!accepts(port_)) throw std::runtime_error("aiosmtpd did not start (is python3-aiosmtpd installed?)");
}

SmtpServer::~SmtpServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (::waitpid(pid_, &status, WNOHANG) == 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::vector<ReceivedMail> SmtpServer::messages() const {
  std::vector<ReceivedMail> mails;
  auto fresh = dir_ / "Maildir" / "new";
  if (!std::filesystem::exists(fresh)) return mails;
  for (const auto& entry : std::filesystem::directory_iterator(fresh)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    mails.push_back(parse_mail(text.str()));
  }
  return mails;
}

}  // namespace tongban::notify_test
