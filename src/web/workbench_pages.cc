// The workbench queue: a clerk's service point, a reviewer's authority. Sorted by urgency — overdue cases first,
// then by legal due date (cases whose clock has not started, which have none, after those that have one), then by
// the time they were received — with the counts per state at the top (each a filter of the queue), and per case its
// number, applicant, service, state, received time and due date. The table becomes one block per case on narrow
// screens (staff.css), so no column is squeezed to a letter per line.
#include <algorithm>
#include <map>
#include <tuple>

#include "web/deadline_view.h"
#include "web/locale_format.h"
#include "web/page_routes.h"
#include "web/staff_view.h"

namespace tongban::web {
namespace {

using domain::CaseState;
using domain::Role;

constexpr CaseState kQueueStates[] = {CaseState::submitted, CaseState::intake_checked, CaseState::forwarded,
                                      CaseState::accepted,  CaseState::in_review,      CaseState::supplement_requested,
                                      CaseState::approved,  CaseState::rejected,       CaseState::result_issued};

struct QueueEntry {
  domain::Case kase;
  node::CaseTiming timing;
};

// Overdue first, then the legal due date (none last), then received time, then case number.
bool more_urgent(const QueueEntry& a, const QueueEntry& b) {
  auto key = [](const QueueEntry& e) {
    bool overdue = e.timing.status == "overdue";
    auto due = e.kase.clock.legal_due;
    return std::make_tuple(!overdue, !due.has_value(), due.value_or(domain::CalendarDate{}), e.kase.created_at_ms,
                           e.kase.id);
  };
  return key(a) < key(b);
}

int utc_offset(const domain::Catalog& catalog, const std::string& jurisdiction) {
  const auto* found = catalog.find_jurisdiction(jurisdiction);
  return found ? found->utc_offset_minutes : 480;
}

Data queue_row(const Page& page, const domain::Catalog& catalog, const QueueEntry& entry,
               std::map<std::string, std::string>& names) {
  const auto& kase = entry.kase;
  Data row;
  row.set("id", kase.id);
  row.set("href", page.link(staff_case_path(kase.id)));
  const auto* item = catalog.find_item(kase.item_code);
  row.set("item", item ? item->name.in(page.language) : kase.item_code);
  row.set("item_code", kase.item_code);
  row.set("state", page.t("state:" + std::string(domain::to_string(kase.state))));
  if (!names.contains(kase.applicant_id)) {
    auto account = page.site.node.store().find_account_by_id(kase.applicant_id);
    names[kase.applicant_id] = account ? account->display_name : "";
  }
  row.set("applicant", names[kase.applicant_id]);
  row.set("received", format_date_time(page.language, kase.created_at_ms, utc_offset(catalog, kase.jurisdiction)));
  add_due_dates(page, kase, row);
  row.set("timing", page.t("timing:" + entry.timing.status));
  row.set("overdue", entry.timing.status == "overdue");
  row.set("due_soon", entry.timing.status == "due_soon");
  set_provisional_note(page, entry.timing, row);
  return row;
}

http::Response workbench(Page& page) {
  if (auto denied = page.require({Role::clerk, Role::agent, Role::reviewer})) return *denied;
  auto snapshot = page.site.node.catalog();
  store::CaseFilter filter;
  filter.limit = 500;
  filter.states.assign(std::begin(kQueueStates), std::end(kQueueStates));
  std::vector<QueueEntry> entries;
  for (auto& kase : page.site.cases.list(*page.actor, filter).cases) {
    auto timing = page.site.cases.timing(kase);
    entries.push_back({std::move(kase), timing});
  }
  std::sort(entries.begin(), entries.end(), more_urgent);
  auto shown_state = domain::parse_case_state(page.request.query_param("state").value_or(""));
  Data counts{Data::type::list};
  for (auto state : kQueueStates) {
    auto count = std::count_if(entries.begin(), entries.end(), [&](const auto& e) { return e.kase.state == state; });
    if (count == 0) continue;
    Data entry;
    entry.set("state", page.t("state:" + std::string(domain::to_string(state))));
    entry.set("count", std::to_string(count));
    entry.set("href", page.link("/workbench?state=" + std::string(domain::to_string(state))));
    entry.set("current", shown_state == state);
    counts.push_back(entry);
  }
  std::size_t overdue =
      std::count_if(entries.begin(), entries.end(), [](const auto& e) { return e.timing.status == "overdue"; });
  Data rows{Data::type::list};
  std::map<std::string, std::string> names;
  for (const auto& entry : entries)
    if (!shown_state || entry.kase.state == *shown_state)
      rows.push_back(queue_row(page, snapshot->catalog, entry, names));
  Data data;
  const bool at_point = domain::takes_in_at_point(page.actor->role);
  data.set("title", at_point ? page.t("Service point queue") : page.t("Authority queue"));
  data.set("cases", rows);
  data.set("none", rows.is_empty_list());
  data.set("counts", counts);
  data.set("total", std::to_string(entries.size()));
  data.set("overdue_count", std::to_string(overdue));
  data.set("has_overdue", overdue > 0);
  data.set("filtered", shown_state.has_value());
  data.set("all_href", page.link("/workbench"));
  data.set("is_clerk", at_point);
  data.set("intake_href", page.link("/workbench/intake"));
  data.set("video_help_href", page.link("/staff/video-help"));  // the waiting video-help calls (docs/video-help.md)
  return page.render("workbench", data);
}

}  // namespace

void add_workbench_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/workbench", workbench);
}

}  // namespace tongban::web
