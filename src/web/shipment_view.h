// ShipmentView for the pages: the shipments of a case (node/post_desk.h) and the case events a carrier's report
// caused, in the page's language (po/*/post.po).
//
//   shipment_rows(): per shipment, oldest first — item_id (the S10 number a person quotes at a post office), kind,
//     status, the recipient as a person reads it (the applicant's address is not repeated), served_on (the legal
//     "served" date, once a result's delivery is proved), reported_by (the other node's jurisdiction name when the
//     shipment is that node's and we hold its copy) and its events newest first (when, what, where, why).
//   shipment_note(): the sentence for the note of a shipment_* case event ("post:<event> item=<id> kind=<kind> …",
//     written by node/post_desk.cc); nullopt for any other note. The carrier's reason and proof are shown as the
//     carrier wrote them, like a person's note.
// Borrows the page; no state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/case.h"
#include "node/post_desk.h"
#include "web/page_context.h"

namespace tongban::web {

Data shipment_rows(const Page& page, const std::vector<node::ShipmentView>& shipments);
std::optional<std::string> shipment_note(const Page& page, const domain::Event& event);

}  // namespace tongban::web
