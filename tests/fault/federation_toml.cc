#include "federation_toml.h"

#include <fstream>

namespace tongban::fault_test {

std::filesystem::path write_federation_toml(const std::filesystem::path& dir, const FederationToml& config) {
  const auto file = dir / "federation.toml";
  std::ofstream out(file);
  out << "[node]\nid = \"" << config.self << "\"\njurisdiction = \"" << config.self
      << "\"\nkey_file = \"keys/node.key\"\n"
      << (config.insecure_loopback ? "insecure_loopback = true\n" : "") << "\n"
      << "[relay]\ninitial_backoff_ms = 100\nmax_backoff_ms = 2000\nrequest_timeout_ms = 3000\nconcurrency = 8\n\n"
      << "[[peers]]\nid = \"" << config.peer << "\"\nendpoint = \"" << config.peer_endpoint << "\"\n"
      << "public_key = \"" << config.peer_key << "\"\n"
      << "may_send = [\"case.forward\", \"case.status\", \"case.supplement\", \"delivery.update\"]\n"
      << "may_receive = [\"case\", \"personal\", \"documents\"]\n";
  if (!config.peer_tls_fingerprint.empty()) out << "tls_fingerprint = \"" << config.peer_tls_fingerprint << "\"\n";
  if (config.tls)
    out << "\n[tls]\ncertificate_file = \"" << config.tls->certificate_file.string() << "\"\nprivate_key_file = \""
        << config.tls->private_key_file.string() << "\"\nca_file = \"" << config.tls->ca_file.string() << "\"\n";
  return file;
}

}  // namespace tongban::fault_test
