// Routes of /api/v1/blobs: upload scanned materials, content-addressed by SHA-256, typed by their content.
#include <algorithm>
#include <boost/json/serialize.hpp>

#include "api/api.h"
#include "api/bind.h"
#include "domain/media_type.h"
#include "http/body_spool.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

boost::json::object blob_json(const store::BlobRecord& blob) {
  return {{"sha256", blob.sha256}, {"size", blob.size}, {"media_type", blob.media_type}};
}

// The spooled body becomes the blob by a rename (no copy in memory).
store::BlobRecord take_spooled(ApiContext& context, http::BodySpool& spooled, const std::string& media_type,
                               const store::BlobHandler& handler) {
  auto blob =
      context.node.store().put_blob_file(spooled.path(), spooled.sha256(), static_cast<std::int64_t>(spooled.size()),
                                         media_type, handler, context.node.now_ms());
  spooled.moved_away();
  return blob;
}

Response upload(ApiContext& context, const Request& request, const http::Caller& caller) {
  const domain::Actor& actor = caller.required();
  const http::BodySpool* spooled = request.body_file.get();  // a large body the server wrote to a file
  const std::string_view bytes = spooled ? spooled->head() : std::string_view(request.body);
  if (bytes.empty()) throw domain::ProblemError("bad-request", "The body is empty: send the file's bytes.");
  auto media_type = domain::sniff_media_type(bytes);
  if (!media_type)
    throw domain::ProblemError("unsupported-media-type",
                               "Materials are accepted as PDF, PNG or JPEG; the content is none of these "
                               "(the type is read from the bytes, not from the name or Content-Type).");
  store::BlobHandler handler{actor.account_id, domain::takes_in_at_point(actor.role) ? actor.service_point : ""};
  auto blob = spooled ? take_spooled(context, *request.body_file, *media_type, handler)
                      : context.node.store().hand_in_blob(request.body, *media_type, handler, context.node.now_ms());
  return Response::json_text(201, boost::json::serialize(blob_json(blob)))
      .set_header("Location", "/api/v1/blobs/" + blob.sha256);
}

// A material of a case: visible to whoever may see the case (applicant, clerk of the intake point, reviewer of the
// authority, admin), and only if the case refers to that blob — knowing a hash gives no access.
Response download(ApiContext& context, const Request& request, const http::Caller& caller) {
  const auto kase = context.cases.get(caller.required(), request.path_params.at("id"));
  const std::string& sha256 = request.path_params.at("sha256");
  bool referenced = std::any_of(kase.materials.begin(), kase.materials.end(),
                                [&](const domain::CaseMaterial& material) { return material.blob_sha256 == sha256; });
  auto meta = referenced ? context.node.store().find_blob(sha256) : std::nullopt;
  auto bytes = meta ? context.node.store().read_blob(sha256) : std::nullopt;
  if (!bytes) throw domain::ProblemError("not-found", "Case " + kase.id + " has no material " + sha256 + ".");
  return Response::text(200, std::move(*bytes), meta->media_type)
      .set_header("ETag", "\"" + sha256 + "\"")
      .set_header("Content-Disposition", "attachment")
      .set_header("Cache-Control", "private, no-store");
}

}  // namespace

void add_blob_routes(http::Router& router, ApiContext& context) {
  using domain::Role;
  using http::Access;
  http::Route upload_route{"POST", "/api/v1/blobs", Access::only({Role::applicant, Role::clerk, Role::agent}),
                           bind(context, upload), "Upload a material (PDF, PNG or JPEG)"};
  upload_route.body_limit = context.node.config().blob_limit;
  upload_route.spool_body = true;  // over the server's spool threshold the body arrives as request.body_file
  router.add(std::move(upload_route));
  router.add({"GET", "/api/v1/cases/{id}/materials/{sha256}", Access::signed_in(), bind(context, download),
              "Download a material of a case you may see"});
}

}  // namespace tongban::api
