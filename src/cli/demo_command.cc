// tongban demo: a node with the shipped catalog and calendars and four demo accounts (applicant, clerk, reviewer,
// admin), served until Ctrl-C. Running it again reuses the data directory and the accounts.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/config_file.h"
#include "cli/node_options.h"
#include "cli/running_node.h"
#include "http/problem_response.h"
#include "node/account_desk.h"
#include "post/carrier_adapter.h"

namespace tongban::cli {
namespace {

struct DemoAccount {
  std::string role;
  std::string login;
  std::string password;
  std::string binding;
};

// The item the walk-through applies for: an online item of the node's jurisdiction with the fewest required
// materials and form fields, so the curl commands stay short.
const domain::Item* demo_item(const domain::Catalog& catalog, const std::string& jurisdiction) {
  const domain::Item* best = nullptr;
  auto weight = [](const domain::Item& item) {
    std::size_t required = 0;
    for (const auto& material : item.materials) required += material.required ? 1 : 0;
    for (const auto& field : item.form) required += field.required ? 1 : 0;
    return required;
  };
  for (const auto& item : catalog.items) {
    if (item.jurisdiction != jurisdiction) continue;
    if (!item.offers(domain::HandlingMode::online)) continue;
    if (std::find(item.channels.begin(), item.channels.end(), domain::Channel::web) == item.channels.end()) continue;
    if (!best || weight(item) < weight(*best)) best = &item;
  }
  return best;
}

const domain::ServicePoint* demo_window(const domain::Catalog& catalog, const std::string& jurisdiction) {
  for (const auto& point : catalog.service_points)
    if (point.jurisdiction == jurisdiction && point.kind == domain::ServicePointKind::window && !point.zones.empty())
      return &point;
  for (const auto& point : catalog.service_points)
    if (point.jurisdiction == jurisdiction) return &point;
  return nullptr;
}

void ensure(const std::function<void()>& create) {
  try {
    create();
  } catch (const domain::ProblemError& error) {
    if (error.problem().slug != "conflict") throw;  // already there from an earlier run
  }
}

}  // namespace

void add_demo_command(CLI::App& app) {
  struct Options {
    NodeOptions node;
    ServeOptions serve;
  };
  auto options = std::make_shared<Options>();
  options->node.data_dir = ".demo/jm";
  options->node.create_data_dir = true;  // a demo node is made on its first start
  auto* command = app.add_subcommand("demo", "Run a demo node with the shipped catalog and demo accounts");
  command->add_option("--data-dir", options->node.data_dir, "Where the demo node keeps its data")
      ->capture_default_str();
  command->add_option("--jurisdiction", options->node.jurisdiction, "The demo node's jurisdiction")
      ->capture_default_str();
  add_serve_options(command, options->serve);
  add_config_option(command);
  command->callback([options] {
    check_federation_listener(options->serve);
    auto node = open_node(options->node);
    const auto& catalog = node->catalog()->catalog;
    const std::string& jurisdiction = node->config().jurisdiction;
    const domain::Item* item = demo_item(catalog, jurisdiction);
    const domain::ServicePoint* window = demo_window(catalog, jurisdiction);
    if (!item || !window)
      throw std::runtime_error("the catalog has no online item or no service point for " + jurisdiction);

    node::AccountDesk desk(*node);
    std::vector<DemoAccount> accounts = {
        {"applicant", "applicant@demo.tongban", "demo-Applicant-2026", "CN_RIC 11010519491231002X"},
        {"clerk", "clerk@demo.tongban", "demo-Clerk-2026", "at " + window->code},
        {"reviewer", "reviewer@demo.tongban", "demo-Reviewer-2026", "for " + item->authority},
        {"admin", "admin@demo.tongban", "demo-Admin-2026", "node-wide"},
    };
    ensure([&] {
      desk.register_applicant({"natural_person", accounts[0].login, accounts[0].password, "陈大文 Chan Tai Man",
                               "CN_RIC", "11010519491231002X"});
    });
    ensure([&] {
      desk.add_staff({accounts[1].login, accounts[1].password, "Window clerk", domain::Role::clerk, "", window->code});
    });
    ensure([&] {
      desk.add_staff(
          {accounts[2].login, accounts[2].password, "Reviewer", domain::Role::reviewer, item->authority, ""});
    });
    ensure([&] {
      desk.add_staff({accounts[3].login, accounts[3].password, "Administrator", domain::Role::admin, "", ""});
    });

    // The demo's simulated carrier (`tongban carrier-simulator`, docs/post.md): its webhook secret, made once.
    post::ensure_carrier_secret(node->config().data_dir, "sim-post");
    const auto carrier_secret = post::carrier_secret_path(node->config().data_dir, "sim-post");

    run_until_signal(*node, options->serve, [&](const RunningNode& running) {
      std::string url = fmt::format("http://{}:{}", running.host, running.port);
      std::cout << fmt::format("\ntongban demo node {} ({}) is running at {}\n", node->config().node_code, jurisdiction,
                               url);
      std::cout << fmt::format("  catalog: {} items; try {}/api/v1/items?q=sfz\n", catalog.items.size(), url);
      if (!running.federation_url.empty())
        std::cout << fmt::format("  federation listener: {} (/federation/v1/ only)\n", running.federation_url);
      std::cout << "  demo accounts (login / password):\n";
      for (const auto& account : accounts)
        std::cout << fmt::format("    {:<10} {:<26} {:<22} {}\n", account.role, account.login, account.password,
                                 account.binding);
      std::cout << fmt::format("  carrier sim-post: webhook secret in {} (tongban carrier-simulator --secret-file)\n",
                               carrier_secret.string());
      std::cout << fmt::format("  walk-through item: {} {} ({})\n", item->code, item->name.zh_hans, item->name.en);
      std::cout << "  follow README.md \"A case from application to decision\"; Ctrl-C stops the node.\n" << std::flush;
    });
  });
}

}  // namespace tongban::cli
