// tongban certificate verify FILE|TOKEN --data-dir DIR: verify an e-certificate offline, with what the node holds —
// its federation trust list and stored directory copy (the issuers and their keys) and the newest status lists it
// received (docs/certificates.md). Nothing is fetched, so it works with the network to the issuer cut.
#include <fmt/format.h>

#include <boost/json/serialize.hpp>
#include <fstream>
#include <iostream>
#include <iterator>

#include "api/api.h"
#include "certificates/certificate_codec.h"
#include "certificates/certificate_verifier.h"
#include "cli/commands.h"
#include "cli/node_options.h"
#include "domain/calendar_date.h"
#include "federation/directory_client.h"
#include "federation/outbox.h"

namespace tongban::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 VALID, 3 REVOKED (not in force: revoked, cancelled, withdrawn or lapsed), 4 SUSPENDED,\n"
    "5 STATUS_STALE (intact, but no current status list of the issuer is held: never taken as good),\n"
    "6 UNKNOWN_ISSUER (the issuer is not in the directory held here), 7 INVALID (not a certificate, tampered with,\n"
    "or not signed by its issuer), 2 a refused command line, 1 any other failure.";

int exit_code(domain::VerificationOutcome outcome) {
  switch (outcome) {
    case domain::VerificationOutcome::valid: return 0;
    case domain::VerificationOutcome::revoked: return 3;
    case domain::VerificationOutcome::suspended: return 4;
    case domain::VerificationOutcome::status_stale: return 5;
    case domain::VerificationOutcome::unknown_issuer: return 6;
    case domain::VerificationOutcome::invalid: return 7;
  }
  return 1;
}

std::string read_input(const std::string& input) {
  if (input == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  if (input.starts_with(certificates::kTokenPrefix) || input.starts_with("{")) return input;
  std::ifstream file(input, std::ios::binary);
  if (!file) throw UsageError("cannot read " + input + ": give a file, a token (tbec1.…) or - for standard input");
  std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  if (text.size() > certificates::kMaxDocumentBytes * 2) throw UsageError(input + " is too large for a certificate");
  return text;
}

// The issuers as the node holds them: its trust list's peers, the members of its stored directory copy (verified
// against the anchor; an expired or refused copy is not used: fail closed), and the node itself.
certificates::IssuerKeys held_issuers(const std::filesystem::path& federation_file, std::int64_t now) {
  auto config = federation::load_federation_config(federation_file);
  auto own = federation::NodeKey::load(config.key_file);
  std::optional<federation::Directory> directory;
  if (config.directory) {
    std::ifstream file(config.directory->file, std::ios::binary);
    if (file) {
      std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
      try {
        directory = federation::verify_directory(text, federation::load_anchor(config.directory->anchor_file), 0, now);
      } catch (const std::exception& error) {
        std::cerr << "tongban: the stored federation directory is not used: " << error.what() << "\n";
      }
    } else {
      std::cerr << "tongban: no stored federation directory at " << config.directory->file.string() << "\n";
    }
  }
  if (directory)
    for (auto& peer : federation::directory_peers(*directory, config.node_id, now))
      if (!config.find_peer(peer.node_id)) config.peers.push_back(std::move(peer));
  return certificates::IssuerKeys::from(config, own.public_key(), directory);
}

}  // namespace

void add_certificate_command(CLI::App& app) {
  auto* certificate = app.add_subcommand("certificate", "E-certificates (电子证照): verify one offline");
  certificate->require_subcommand(1);
  auto options = std::make_shared<NodeOptions>();
  auto input = std::make_shared<std::string>();
  auto federation_file = std::make_shared<std::string>();
  auto as_json = std::make_shared<bool>(false);
  auto* verify = certificate->add_subcommand(
      "verify",
      "Verify an e-certificate (a file with its JSON document, or the token of its QR code) with the issuers, keys "
      "and status lists this node holds; nothing is fetched");
  verify->add_option("input", *input, "FILE, TOKEN (tbec1.…) or - (standard input)")->required();
  verify->add_option("--federation", *federation_file,
                     "the node's federation config (default: federation.toml in the data directory)");
  verify->add_flag("--json", *as_json, "print the verification as the API's JSON");
  verify->footer(kExitCodes);
  add_node_options(verify, *options);
  verify->callback([options, input, federation_file, as_json] {
    std::string text = read_input(*input);
    std::filesystem::path config_file = federation_file->empty()
                                            ? std::filesystem::path(options->data_dir) / "federation.toml"
                                            : std::filesystem::path(*federation_file);
    if (!std::filesystem::exists(config_file))
      throw UsageError("no federation config at " + config_file.string() +
                       ": the issuers and their keys come from it (give --federation FILE)");
    auto node = open_node(*options);
    const std::int64_t now = federation::system_clock()();
    auto issuers = held_issuers(config_file, now);
    std::optional<domain::CertificateStatusList> list;
    try {
      auto presentation = certificates::parse_presentation_text(text);
      if (auto held = node->store().find_status_list(presentation.certificate.issuer_node))
        list = certificates::parse_status_list(held->document);
    } catch (const certificates::CodecError&) {
      // reported by the verification below
    }
    int offset = 480;
    if (const auto* j = node->catalog()->catalog.find_jurisdiction(node->config().jurisdiction))
      offset = j->utc_offset_minutes;
    auto v = certificates::verify_certificate(text, issuers, list, now,
                                              domain::format_date(domain::local_date(now, offset)));
    if (*as_json) {
      std::cout << boost::json::serialize(api::verification_json(v)) << "\n";
    } else {
      std::string outcome(domain::to_string(v.outcome));
      if (v.outcome == domain::VerificationOutcome::status_stale)
        outcome += v.status_age_ms ? fmt::format("({} s)", *v.status_age_ms / 1000) : "(no status list)";
      std::cout << outcome << "\n";
      if (v.presentation) std::cout << "  certificate: " << v.presentation->certificate.id << "\n";
      std::cout << "  integrity:   " << (v.integrity ? "intact" : "not established") << "\n";
      std::cout << "  issuer:      " << v.issuer_node
                << (v.issuer_known ? " (" + v.issuer_jurisdiction + ", in the directory held here)" : " (not known)")
                << "\n";
      if (v.status)
        std::cout << "  status:      " << domain::to_string(*v.status) << " " << domain::status_word(*v.status) << "\n";
      if (v.status_age_ms)
        std::cout << fmt::format("  status list: number {}, {} s old\n", v.status_list_number.value_or(0),
                                 *v.status_age_ms / 1000);
      std::cout << "  detail:      " << v.detail << "\n";
    }
    std::cout.flush();
    node.reset();  // close the store before leaving with the outcome's exit code
    if (int code = exit_code(v.outcome); code != 0) std::exit(code);
  });
}

}  // namespace tongban::cli
