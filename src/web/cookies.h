// Cookies of the web pages: reading the Cookie header and writing Set-Cookie values.
//
// Every cookie the pages set is HttpOnly and SameSite=Lax, and Secure when the request came over TLS (the node's
// own server speaks plain HTTP; a TLS-terminating proxy in front says so with X-Forwarded-Proto: https, believed
// only from a trusted proxy: http::Request::forwarded_https, http/trusted_proxies.h).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "http/message.h"

namespace tongban::web {

// Cookie name -> value; malformed pairs are skipped, the first of two equal names wins.
std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header);
std::map<std::string, std::string, std::less<>> request_cookies(const http::Request& request);

// How many cookies of this name the request's Cookie header carries.
std::size_t cookie_count(const http::Request& request, std::string_view name);

bool came_over_tls(const http::Request& request);

// A Set-Cookie value. max_age_seconds < 0: a session cookie; 0: delete it now.
std::string set_cookie(std::string_view name, std::string_view value, bool secure, long max_age_seconds = -1);

}  // namespace tongban::web
