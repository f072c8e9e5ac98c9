// Certificate fingerprints: "sha256:<64 lowercase hex>", the SHA-256 of an X.509 certificate's DER encoding — the
// form trust lists pin a peer's TLS certificate with (federation::Peer::tls_fingerprint), the server puts on each
// request of a mutual-TLS connection (Request::client_certificate_sha256) and `tongban keys tls-fingerprint`
// prints. The same value as `openssl x509 -in CERT.pem -outform DER | sha256sum`. OpenSSL stays in the .cc.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tongban::http {

// The fingerprint of a DER-encoded certificate.
std::string certificate_fingerprint_of_der(std::string_view der);
// The fingerprint of the first certificate in a PEM file (the leaf of a chain). std::runtime_error naming the file
// if it cannot be read or holds no certificate.
std::string certificate_fingerprint_of_pem_file(const std::filesystem::path& pem_file);

}  // namespace tongban::http
