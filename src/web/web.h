// The node's web pages (issue 4): applicant portal, clerk workbench, reviewer queue, kiosk and public tracking,
// rendered on the server from the Mustache templates in src/web/templates in four languages. Every page works
// without JavaScript; the only script is the video-help pages' (the video and the live form need it, the rest of
// those pages does not: docs/video-help.md).
//
// add_page_routes() adds every page route to the router (each under /, /zh-Hans, /zh-Hant, /pt and /en) and keeps
// the site's state (node secret, ratings, kiosk sessions) alive as long as the router holds the routes. The pages
// reach the node only through AccountDesk, CaseDesk and the catalog's CatalogIndex; these must outlive the router.
#pragma once

#include <string>

#include "http/router.h"
#include "node/account_desk.h"
#include "node/case_desk.h"
#include "node/node.h"

namespace tongban::web {

// public_url: where people reach the pages (Site::public_url), "" when not configured.
void add_page_routes(http::Router& router, node::Node& node, node::AccountDesk& accounts, node::CaseDesk& cases,
                     const std::string& public_url = "");

}  // namespace tongban::web
