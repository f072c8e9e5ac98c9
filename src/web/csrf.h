// CSRF protection of every form: a signed double-submit token.
//
// The browser holds a random id in the HttpOnly cookie "tb_csrf"; every form carries the hidden field "csrf" =
// NodeSecret::keyed("csrf", id). A POST is accepted only when both are present and the field equals the keyed hash
// of the cookie (compared in constant time), so another site can neither read nor forge the pair, and a cookie set
// by a sibling domain is useless without the node's secret.
#pragma once

#include <string>
#include <string_view>

#include "web/node_secret.h"

namespace tongban::web {

inline constexpr std::string_view kCsrfCookie = "tb_csrf";
inline constexpr std::string_view kCsrfField = "csrf";

std::string csrf_token(const NodeSecret& secret, std::string_view cookie_id);
bool csrf_valid(const NodeSecret& secret, std::string_view cookie_id, std::string_view field);

}  // namespace tongban::web
