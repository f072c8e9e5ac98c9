// RatingView for the pages: the 好差评 part of a case page (node/rating_desk.h) and the forms it posts to, in the
// page's language (po/*/ratings.po).
//
//   rating_section(): what the case page shows — the applicant's rating form once the case is finished and not
//     rated on the web yet (five levels and an optional comment), the rating given, and the follow-up of a bad one:
//     its due day, the authority's response with the answer form for the applicant, or the response form for a
//     reviewer of the authority while it is open.
//   rating_note(): the sentence for the note of a rate / rating_follow_up / rating_answer event; nullopt for others.
//   add_rating_pages(): POST /cases/{id}/rating (applicant), /cases/{id}/rating/follow-up (reviewer) and
//     /cases/{id}/rating/answer (applicant); each redirects back to the case page.
// Borrows the page; no state.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "domain/case.h"
#include "http/router.h"
#include "web/page_context.h"

namespace tongban::web {

Data rating_section(const Page& page, const domain::Case& kase);
std::optional<std::string> rating_note(const Page& page, const domain::Event& event);
void add_rating_pages(http::Router& router, const std::shared_ptr<Site>& site);

}  // namespace tongban::web
