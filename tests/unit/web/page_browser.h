// A test browser for the page handlers: a real Node in a temp dir (seeded from data/), the real Router with the
// page routes, and a cookie jar. Requests go through Router::dispatch — the exact path the HTTP server takes after
// reading a request — so handlers, CSRF checks, cookies and rendering are the real ones.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http/router.h"
#include "node/account_desk.h"
#include "node/case_desk.h"
#include "node/node.h"

namespace tongban::web::testing {

struct FilePart {
  std::string field;
  std::string filename;
  std::string bytes;
};

class PageBrowser {
 public:
  // public_url: the pages' configured address (web.h), "" for none.
  explicit PageBrowser(const std::string& public_url = "");
  ~PageBrowser();

  http::Response get(const std::string& target, std::map<std::string, std::string> headers = {});
  // Posts fields (plus the csrf field from the last page seen, unless with_csrf is false) as multipart when files
  // are given, else urlencoded.
  http::Response post(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                      std::vector<FilePart> files = {}, bool with_csrf = true,
                      std::map<std::string, std::string> headers = {});

  node::Node& node() { return *node_; }
  node::AccountDesk& accounts() { return *accounts_; }
  std::map<std::string, std::string>& cookies() { return cookies_; }
  const std::string& last_body() const { return last_body_; }
  // The router with the page routes (video help: a real http::Server on it for the WebSocket tests).
  const http::Router& router() const { return router_; }

 private:
  http::Response send(http::Request request);

  std::filesystem::path data_dir_;
  std::unique_ptr<node::Node> node_;
  std::unique_ptr<node::AccountDesk> accounts_;
  std::unique_ptr<node::CaseDesk> cases_;
  http::Router router_;
  std::map<std::string, std::string> cookies_;
  std::string last_body_;
};

std::string valid_cn_ric(int serial);
// The value of the first name="csrf" hidden input in the page.
std::string csrf_in(const std::string& html);

}  // namespace tongban::web::testing
