// Routes of /api/v1/blobs: upload scanned materials, content-addressed by SHA-256, typed by their content.
#include <boost/json/serialize.hpp>

#include "api/api.h"
#include "api/bind.h"
#include "api/media_type.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

boost::json::object blob_json(const store::BlobRecord& blob) {
  return {{"sha256", blob.sha256}, {"size", blob.size}, {"media_type", blob.media_type}};
}

Response upload(ApiContext& context, const Request& request, const http::Caller& caller) {
  caller.required();
  if (request.body.empty()) throw http::ProblemError("bad-request", "The body is empty: send the file's bytes.");
  auto media_type = sniff_media_type(request.body);
  if (!media_type)
    throw http::ProblemError("unsupported-media-type",
                             "Materials are accepted as PDF, PNG or JPEG; the content is none of these "
                             "(the type is read from the bytes, not from the name or Content-Type).");
  auto blob = context.node.store().put_blob(request.body, *media_type, context.node.now_ms());
  return Response::json_text(201, boost::json::serialize(blob_json(blob)))
      .set_header("Location", "/api/v1/blobs/" + blob.sha256);
}

Response download(ApiContext& context, const Request& request, const http::Caller& caller) {
  caller.required();
  const std::string& sha256 = request.path_params.at("sha256");
  if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
    throw http::ProblemError("not-found", "No blob " + sha256 + ".");
  auto meta = context.node.store().find_blob(sha256);
  auto bytes = context.node.store().read_blob(sha256);
  if (!meta || !bytes) throw http::ProblemError("not-found", "No blob " + sha256 + ".");
  return Response::text(200, std::move(*bytes), meta->media_type)
      .set_header("ETag", "\"" + sha256 + "\"")
      .set_header("Cache-Control", "private, max-age=31536000, immutable");
}

}  // namespace

void add_blob_routes(http::Router& router, ApiContext& context) {
  using domain::Role;
  using http::Access;
  http::Route upload_route{"POST", "/api/v1/blobs", Access::only({Role::applicant, Role::clerk}), bind(context, upload),
                           "Upload a material (PDF, PNG or JPEG)"};
  upload_route.body_limit = context.node.config().blob_limit;
  router.add(std::move(upload_route));
  router.add({"GET", "/api/v1/blobs/{sha256}", Access::only({Role::clerk, Role::reviewer, Role::admin}),
              bind(context, download), "Download a material (staff)"});
}

}  // namespace tongban::api
