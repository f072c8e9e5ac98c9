// Carriers: the postal operators a node works with, each behind the CarrierAdapter interface, and where their
// webhook secrets live.
//
// A CarrierAdapter turns a carrier's (verified) webhook body into tracking reports in the domain's terms
// (domain/shipment.h). One adapter ships: UpuJsonCarrier, a JSON rendering of EMSEVT events — the format the
// carrier simulator (`tongban carrier-simulator`) speaks and docs/post.md specifies:
//   {"events": [{"item_id": "RR000000015CN", "event_id": "e-1", "code": "EMA" | "event": "accepted",
//                "at_ms": 1790000000000, "location": "…", "reason": "…", "proof": "…"}, …]}   (1..100 events)
// Every field is checked (CarrierPayloadError names the first problem; nothing is applied).
//
// Secrets: <data-dir>/carriers/<name>.secret, one per carrier, the secret as one line of at least 32 characters;
// the file must be private (no group or other permission bits) or the carrier is refused. Names are
// [a-z0-9-]{1,32}. The node reads the file at each call, so a carrier added or a secret rotated takes effect at once.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/shipment.h"

namespace tongban::post {

class CarrierPayloadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using CarrierReport = domain::ShipmentReport;

class CarrierAdapter {
 public:
  virtual ~CarrierAdapter() = default;
  // The reports of a webhook body. CarrierPayloadError for a body that is not this carrier's format.
  virtual std::vector<CarrierReport> parse_webhook(std::string_view body) const = 0;
};

class UpuJsonCarrier final : public CarrierAdapter {
 public:
  std::vector<CarrierReport> parse_webhook(std::string_view body) const override;
};

// The JSON body UpuJsonCarrier reads, for these reports (the simulator writes with it).
std::string upu_json_body(const std::vector<CarrierReport>& reports);

bool valid_carrier_name(std::string_view name);

// The adapter for a carrier name (every carrier speaks UpuJsonCarrier today).
const CarrierAdapter& adapter_for(std::string_view carrier);

std::filesystem::path carrier_secret_path(const std::filesystem::path& data_dir, std::string_view carrier);
// The carrier's secret; nullopt when the name is not valid, the file is missing, not private, or too short.
std::optional<std::string> load_carrier_secret(const std::filesystem::path& data_dir, std::string_view carrier);
// A secret file as above (regular, private, one line of at least 32 characters); nullopt otherwise.
std::optional<std::string> load_secret_file(const std::filesystem::path& path);
// Creates the secret file (0600, 32 random bytes as hex, from libsodium) unless it exists; returns the secret.
std::string ensure_carrier_secret(const std::filesystem::path& data_dir, std::string_view carrier);

}  // namespace tongban::post
