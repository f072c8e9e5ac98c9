// Operational endpoints: /healthz (the process answers), /readyz (it can serve: store, catalog, calendars; warns
// when an official holiday calendar ends within 60 days, api/calendar_outlook.h),
// /metrics (Prometheus text format 0.0.4), and the OpenAPI document.
#include <fmt/format.h>

#include "api/api.h"
#include "api/bind.h"
#include "api/calendar_outlook.h"
#include "api/statistics.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

Response healthz(ApiContext&, const Request&, const http::Caller&) {
  return Response::text(200, "ok\n");
}

Response readyz(ApiContext& context, const Request&, const http::Caller&) {
  std::string missing;
  auto snapshot = context.node.catalog();
  if (!snapshot || snapshot->catalog.items.empty()) missing += "catalog ";
  if (!context.node.calendar(context.node.config().jurisdiction)) missing += "calendar ";
  try {
    context.node.store().chain_head();
  } catch (const std::exception&) {
    missing += "store ";
  }
  std::string notes;
  if (context.federation_readiness) {
    auto federation = context.federation_readiness();
    for (const auto& blocker : federation.blockers) {
      missing += "federation ";
      notes += "blocker: " + blocker + "\n";
    }
    for (const auto& warning : federation.warnings) notes += "warning: " + warning + "\n";
  }
  notes += calendar_warnings(calendar_outlook(context.node));
  if (!missing.empty()) return Response::text(503, "not ready: " + missing + "\n" + notes);
  return Response::text(200, "ready\n" + notes);
}

Response metrics(ApiContext& context, const Request&, const http::Caller&) {
  auto counts = context.node.store().counts(context.node.now_ms());
  auto writer = context.node.store().writer_stats();
  std::string text;
  auto gauge = [&](std::string_view name, std::string_view help, std::int64_t value, std::string_view type) {
    text += fmt::format("# HELP {0} {1}\n# TYPE {0} {2}\n{0} {3}\n", name, help, type, value);
  };
  gauge("tongban_accounts", "Accounts on this node.", counts.accounts, "gauge");
  gauge("tongban_sessions_active", "Unexpired, unrevoked sessions.", counts.active_sessions, "gauge");
  gauge("tongban_blobs", "Stored materials.", counts.blobs, "gauge");
  gauge("tongban_blob_bytes", "Bytes of stored materials.", counts.blob_bytes, "gauge");
  gauge("tongban_events_total", "Audit events in the chain.", counts.events, "counter");
  text += "# HELP tongban_cases Cases by state.\n# TYPE tongban_cases gauge\n";
  for (const auto& [state, count] : counts.cases_by_state)
    text += fmt::format("tongban_cases{{state=\"{}\"}} {}\n", domain::to_string(state), count);
  gauge("tongban_store_jobs_total", "Write jobs run by the store's writer.", writer.jobs, "counter");
  gauge("tongban_store_jobs_failed_total", "Write jobs that failed and were rolled back alone.", writer.jobs_failed,
        "counter");
  gauge("tongban_store_commits_total", "Group commits (one fsync each).", writer.batches, "counter");
  gauge("tongban_store_largest_batch", "Most jobs committed together.", writer.largest_batch, "gauge");
  auto snapshot = context.node.catalog();
  gauge("tongban_catalog_items", "Items in the served catalog.",
        static_cast<std::int64_t>(snapshot ? snapshot->catalog.items.size() : 0), "gauge");
  text += calendar_metrics(calendar_outlook(context.node));
  text += channel_metrics(context.node);
  text += case_metrics(context.node);
  if (context.server_metrics) text += context.server_metrics();
  if (context.federation_metrics) text += context.federation_metrics();
  return Response::text(200, std::move(text), "text/plain; version=0.0.4; charset=utf-8");
}

Response openapi(ApiContext&, const Request&, const http::Caller&) {
  return Response::json_text(200, openapi_document()).set_header("Cache-Control", "public, max-age=300");
}

}  // namespace

void add_operation_routes(http::Router& router, ApiContext& context) {
  using http::Access;
  http::Route liveness{"GET", "/healthz", Access::everyone(), bind(context, healthz), "Liveness"};
  liveness.runs_inline = true;  // answers from memory: a probe is never queued behind slow handlers
  router.add(std::move(liveness));
  router.add({"GET", "/readyz", Access::everyone(), bind(context, readyz), "Readiness"});
  router.add({"GET", "/metrics", Access::everyone(), bind(context, metrics), "Prometheus metrics"});
  router.add(
      {"GET", "/api/v1/openapi.json", Access::everyone(), bind(context, openapi), "This API's OpenAPI 3.1 document"});
}

void add_all_routes(http::Router& router, ApiContext& context) {
  add_account_routes(router, context);
  add_item_routes(router, context);
  add_blob_routes(router, context);
  add_case_routes(router, context);
  add_operation_routes(router, context);
  add_certificate_routes(router, context);
  add_notification_routes(router, context);
  add_statistics_routes(router, context);
  add_shipment_routes(router, context);
  add_rating_routes(router, context);
  router.set_authenticator([&context](std::string_view token) { return context.accounts.authenticate(token); });
}

}  // namespace tongban::api
