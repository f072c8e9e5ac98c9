#include "page_browser.h"

#include <spdlog/spdlog.h>

#include <array>

#include "web/form_body.h"
#include "web/node_secret.h"
#include "web/web.h"

namespace tongban::web::testing {
namespace {

std::string percent(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string valid_cn_ric(int serial) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  unsigned n = static_cast<unsigned>(serial) % 100000;
  std::string first17 = "440703" + std::to_string(1950 + n / 1000) + "0101";
  std::string sequence = std::to_string(n % 1000);
  first17 += std::string(3 - sequence.size(), '0') + sequence;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + kCheck[static_cast<std::size_t>(sum % 11)];
}

std::string csrf_in(const std::string& html) {
  auto at = html.find("name=\"csrf\" value=\"");
  if (at == std::string::npos) return "";
  at += 19;
  return html.substr(at, html.find('"', at) - at);
}

PageBrowser::PageBrowser(const std::string& public_url)
    : data_dir_(std::filesystem::temp_directory_path() / ("tongban-web-pages-" + random_hex(8))) {
  spdlog::set_level(spdlog::level::warn);
  std::filesystem::create_directories(data_dir_);
  node::NodeConfig config;
  config.data_dir = data_dir_;
  config.seed_dir = std::filesystem::path(TONGBAN_SOURCE_DIR) / "data";
  config.fast_password_hashing = true;
  node_ = node::Node::open(config);
  accounts_ = std::make_unique<node::AccountDesk>(*node_);
  cases_ = std::make_unique<node::CaseDesk>(*node_);
  add_page_routes(router_, *node_, *accounts_, *cases_, public_url);
}

PageBrowser::~PageBrowser() {
  node_->store().close();
  node_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(data_dir_, ignored);
}

http::Response PageBrowser::send(http::Request request) {
  auto question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) request.query = parse_urlencoded(request.target.substr(question + 1));
  std::string jar;
  for (const auto& [name, value] : cookies_) jar += (jar.empty() ? "" : "; ") + name + "=" + value;
  if (!jar.empty()) request.headers["Cookie"] = jar;
  request.client_address = "127.0.0.1";
  // As the server does for a request from a trusted proxy (http/trusted_proxies.h).
  if (auto proto = request.header("X-Forwarded-Proto"); proto && *proto == "https") request.forwarded_https = true;
  auto response = router_.dispatch(request);
  for (const auto& [name, value] : response.headers) {
    if (name != "Set-Cookie") continue;
    auto equals = value.find('='), end = value.find(';');
    std::string cookie = value.substr(0, equals), content = value.substr(equals + 1, end - equals - 1);
    if (value.find("Max-Age=0") != std::string::npos)
      cookies_.erase(cookie);
    else
      cookies_[cookie] = content;
  }
  if (response.status == 200 || response.status >= 400) last_body_ = response.body;
  return response;
}

http::Response PageBrowser::get(const std::string& target, std::map<std::string, std::string> headers) {
  http::Request request;
  request.method = "GET";
  request.target = target;
  for (auto& [name, value] : headers) request.headers[name] = value;
  return send(std::move(request));
}

http::Response PageBrowser::post(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                                 std::vector<FilePart> files, bool with_csrf,
                                 std::map<std::string, std::string> headers) {
  if (with_csrf) fields.emplace_back("csrf", csrf_in(last_body_));
  http::Request request;
  request.method = "POST";
  request.target = path;
  const bool own_type = headers.count("Content-Type") > 0;  // a test that sends a body of another type
  for (auto& [name, value] : headers) request.headers[name] = value;
  if (files.empty()) {
    if (!own_type) request.headers["Content-Type"] = "application/x-www-form-urlencoded";
    for (const auto& [name, value] : fields)
      request.body += (request.body.empty() ? "" : "&") + percent(name) + "=" + percent(value);
  } else {
    std::string boundary = "----tongbantest" + random_hex(8);
    request.headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
    for (const auto& [name, value] : fields)
      request.body +=
          "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    for (const auto& file : files)
      request.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field + "\"; filename=\"" +
                      file.filename + "\"\r\nContent-Type: application/pdf\r\n\r\n" + file.bytes + "\r\n";
    request.body += "--" + boundary + "--\r\n";
  }
  return send(std::move(request));
}

}  // namespace tongban::web::testing
