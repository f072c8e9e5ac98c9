// tongban audit verify: walk the node's hash-chained event log and report the first altered, missing or
// reordered event; then the same for the federation message log (every envelope sent or received).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/node_options.h"
#include "domain/audit_chain.h"
#include "federation/message_log.h"

namespace tongban::cli {

void add_audit_command(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "Check the tamper-evident audit trail");
  audit->require_subcommand(1);
  auto options = std::make_shared<NodeOptions>();
  auto* verify = audit->add_subcommand("verify", "Verify the hash chain of every event of the node");
  add_node_options(verify, *options);
  verify->callback([options] {
    auto node = open_node(*options);
    domain::ChainVerifier verifier;
    std::optional<domain::ChainBreak> broken;
    std::int64_t seen = 0;
    node->store().for_each_event([&](const domain::Event& event) {
      ++seen;
      if (seen % 100000 == 0) std::cerr << "  checked " << seen << " events\n";
      broken = verifier.feed(event);
      return !broken;
    });
    if (!broken) broken = verifier.finish();
    if (broken) {
      std::cout << fmt::format("audit chain BROKEN at event {}: {}\n", broken->sequence, broken->reason);
      throw std::runtime_error("the audit trail has been tampered with");
    }
    std::cout << fmt::format("audit chain intact: {} events, head {}\n", seen, verifier.head().hash);
    auto messages = federation::verify_message_log(node->store());
    if (!messages.ok()) {
      std::cout << fmt::format("message log BROKEN at entry {}: {}\n", *messages.broken_at, messages.reason);
      throw std::runtime_error("the federation message log has been tampered with");
    }
    std::cout << fmt::format("message log intact: {} envelopes, head {}\n", messages.entries, messages.head_hash);
  });
}

}  // namespace tongban::cli
