// What a kiosk page handler gets (web/kiosk_pages.cc, docs/kiosk.md), shared with the video-help pages
// (web/video_help_pages.cc): the registered kiosk device of the request and the person's visit on it.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "web/page_routes.h"

namespace tongban::web {

// This request's kiosk and visit.
struct Kiosk {
  store::KioskRecord device;
  std::string visit_id;  // "" when the visit cookie names no live visit of this kiosk
  std::optional<KioskVisit> visit;
};

using KioskHandler = std::function<http::Response(Page&, Kiosk&)>;

// Wraps a kiosk page: refuses a browser that is not a registered kiosk, clears a portal session found on a kiosk,
// finds the visit (extending it unless `extend` is false).
PageHandler kiosk_page(KioskHandler handler, bool extend = true);
// Starts a visit when the request has none.
void ensure_kiosk_visit(Page& page, Kiosk& kiosk);

}  // namespace tongban::web
