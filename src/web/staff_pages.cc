// Staff pages, one module per page (staff_view.h): the workbench queue (workbench_pages.cc), the staff case page
// with its documents and decisions (review_pages.cc), the clerk's intake from identity check to submission
// (intake_pages.cc) and the printable receipt (receipt_pages.cc, also the applicant's).
#include "web/page_routes.h"
#include "web/staff_view.h"

namespace tongban::web {

void add_staff_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_workbench_pages(router, site);
  add_review_pages(router, site);
  add_intake_pages(router, site);
  add_receipt_pages(router, site);
}

}  // namespace tongban::web
