// What the staff pages (workbench, case review, intake, receipt) show of a case and its people, shared by them:
// the applicant as staff see them (document number masked), the form answers with their labels, the materials
// with their catalog names, the case's due dates, and the absolute tracking link a receipt prints.
//
// The staff pages' routes are added by add_staff_pages (page_routes.h), which calls the add_* functions below, one
// per page module.
#pragma once

#include <string>
#include <string_view>

#include "http/router.h"
#include "web/page_context.h"

namespace tongban::web {

void add_workbench_pages(http::Router& router, const std::shared_ptr<Site>& site);  // /workbench (the queue)
void add_review_pages(http::Router& router, const std::shared_ptr<Site>& site);     // /workbench/cases/{id}…
void add_intake_pages(http::Router& router, const std::shared_ptr<Site>& site);     // /workbench/intake…
void add_receipt_pages(http::Router& router, const std::shared_ptr<Site>& site);    // /cases/{id}/receipt

// The number with every character but the last four replaced by '•' ("1234567(8)" → "••••••7(8)"); a number of
// four characters or fewer is all hidden.
std::string masked_document_number(std::string_view number);

// The applicant of a case for staff: "name", "document" (type word), "number" (masked), "contact" (their login:
// e-mail or phone). Empty values when the account is unknown here (a case forwarded from another node).
Data applicant_view(const Page& page, const std::string& account_id);

// The answers of a case's form in the item's field order: "label", "value" (a choice's word, Yes/No, a document's
// type word and masked number). Fields not answered are left out; `item` may be null (answers shown by id).
Data answers_view(const Page& page, const domain::Item* item, const std::string& form_json);

// The catalog's name of a material of the item (its id when the item or material is unknown).
std::string material_name(const Page& page, const domain::Item* item, const std::string& material_id);

// "due" (promised due date), "legal_due", both in the page's language, when the clock has started.
void add_due_dates(const Page& page, const domain::Case& kase, Data& data);

// The staff page of a case.
std::string staff_case_path(const std::string& case_id);

// The absolute tracking link of a case (its tracking code in the query): from Site::public_url (`serve --public-url`),
// or when none is configured from the request's Host header if that is a plain host[:port] (else "localhost").
std::string tracking_url(const Page& page, const std::string& case_id);

}  // namespace tongban::web
