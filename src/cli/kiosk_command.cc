// tongban kiosk add | list | revoke: the self-service kiosks of this node as devices (docs/kiosk.md). `add` prints
// the new kiosk's device key once (it is stored only as its SHA-256); it is entered at /kiosk/enrol on the kiosk.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/node_options.h"
#include "domain/problem.h"
#include "node/kiosk_desk.h"

namespace tongban::cli {
namespace {

struct KioskOptions {
  NodeOptions node;
  std::string service_point;
  std::string name;
  std::string id;
  std::string kind = "kiosk";
};

// A refused request (unknown service point, unknown kiosk) is a usage error: exit code 2.
template <typename F>
void refusing(F&& f) {
  try {
    f();
  } catch (const domain::ProblemError& error) {
    std::string message = error.problem().detail;
    for (const auto& field : error.problem().errors) message += fmt::format("\n  {}: {}", field.field, field.rule);
    std::cerr << "tongban: " << message << "\n";
    throw CLI::RuntimeError(2);
  }
}

}  // namespace

void add_kiosk_command(CLI::App& app) {
  auto* kiosk = app.add_subcommand("kiosk", "Register, list and revoke self-service kiosks and service cabins");
  kiosk->require_subcommand(1);
  auto options = std::make_shared<KioskOptions>();

  auto* add = kiosk->add_subcommand("add", "Register a kiosk at a service point; prints its device key once");
  add_node_options(add, options->node);
  add->add_option("--service-point", options->service_point, "Service point code (e.g. JM-WIN-CITY)")->required();
  add->add_option("--name", options->name, "What staff call this kiosk (e.g. \"Hall A, left\")")->required();
  add->add_option("--kind", options->kind,
                  "kiosk (at a point with the kiosk channel, the default) or cabin (at a service point of kind cabin); "
                  "anything else is refused by the node's own check (exit 2)");
  add->callback([options] {
    auto node = open_node(options->node);
    accounts::PasswordHashingPool hashing({1, 1});  // registering kiosks hashes nothing; the desk needs a pool
    node::KioskDesk desk(*node, hashing);
    refusing([&] {
      auto added = desk.add(options->service_point, options->name, options->kind);
      std::cout << fmt::format("added {} {} \"{}\" at {}\n", added.kiosk.kind, added.kiosk.id, added.kiosk.name,
                               added.kiosk.service_point)
                << fmt::format("device key (shown once; enter it at /kiosk/enrol on the kiosk): {}\n",
                               added.device_key);
    });
  });

  auto* list = kiosk->add_subcommand("list", "List the registered kiosks");
  add_node_options(list, options->node);
  list->callback([options] {
    auto node = open_node(options->node);
    accounts::PasswordHashingPool hashing({1, 1});  // registering kiosks hashes nothing; the desk needs a pool
    node::KioskDesk desk(*node, hashing);
    for (const auto& k : desk.list()) {
      std::string state = k.revoked ? "revoked" : k.enrolled_at_ms ? "enrolled" : "waiting for enrolment";
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{}\n", k.id, k.service_point, k.kind, state, k.name);
    }
  });

  auto* revoke = kiosk->add_subcommand("revoke", "Revoke a kiosk: its browser is refused from the next request on");
  add_node_options(revoke, options->node);
  revoke->add_option("id", options->id, "Kiosk id (from `tongban kiosk list`)")->required();
  revoke->callback([options] {
    auto node = open_node(options->node);
    accounts::PasswordHashingPool hashing({1, 1});  // registering kiosks hashes nothing; the desk needs a pool
    node::KioskDesk desk(*node, hashing);
    refusing([&] {
      auto revoked = desk.revoke(options->id);
      std::cout << fmt::format("revoked kiosk {} at {}\n", revoked.id, revoked.service_point);
    });
  });
}

}  // namespace tongban::cli
