// tongban account add: create a staff account (clerk at a service point, reviewer for an authority, admin, or agent:
// bank, post or partner staff at their organisation's service point, docs/channels.md).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/node_options.h"
#include "node/account_desk.h"

namespace tongban::cli {
namespace {

struct AccountOptions {
  NodeOptions node;
  std::string role;
  std::string login;
  std::string name;
  std::string authority;
  std::string service_point;
  std::string organisation;
  bool password_stdin = false;
};

std::string read_password(const AccountOptions& options) {
  if (!options.password_stdin) {
    if (const char* env = std::getenv("TONGBAN_PASSWORD"); env && *env) return env;
    throw std::runtime_error("give the password on standard input (--password-stdin) or in $TONGBAN_PASSWORD");
  }
  std::string password;
  std::getline(std::cin, password);
  return password;
}

}  // namespace

void add_account_command(CLI::App& app) {
  auto* account = app.add_subcommand("account", "Manage staff accounts");
  account->require_subcommand(1);
  auto options = std::make_shared<AccountOptions>();
  auto* add = account->add_subcommand(
      "add",
      "Add a staff account: a clerk (--service-point), a reviewer (--authority), an admin, or an agent "
      "(--service-point of a bank branch, post office or partner office, and --organisation)");
  add_node_options(add, options->node);
  add->add_option("--role", options->role, "clerk | reviewer | admin | agent")
      ->required()
      ->check(CLI::IsMember({"clerk", "reviewer", "admin", "agent"}));
  add->add_option("--login", options->login, "Login name (e-mail or phone)")->required();
  add->add_option("--name", options->name, "Display name")->required();
  add->add_option("--authority", options->authority, "Authority code, for reviewers (e.g. JM-HRSS)");
  add->add_option("--service-point", options->service_point, "Service point code, for clerks and agents");
  add->add_option("--organisation", options->organisation,
                  "For agents: the organisation they act for (e.g. \"Bank of East Asia, Jiangmen Branch\"); recorded "
                  "on every case event they cause");
  add->add_flag("--password-stdin", options->password_stdin,
                "Read the password from standard input (else from $TONGBAN_PASSWORD)");
  add->callback([options] {
    auto node = open_node(options->node);
    node::AccountDesk desk(*node);
    node::StaffAccount staff{
        options->login,     read_password(*options), options->name,        *domain::parse_role(options->role),
        options->authority, options->service_point,  options->organisation};
    // A refused account (bad or foreign binding, taken login) is a ProblemError: main() prints its detail and each
    // field error in words (cli/problem_text.h) and exits with code 2.
    auto created = desk.add_staff(staff);
    std::cout << fmt::format("added {} {} ({}){}{}{}\n", options->role, created.login, created.id,
                             created.authority.empty() ? "" : " for " + created.authority,
                             created.service_point.empty() ? "" : " at " + created.service_point,
                             created.organisation.empty() ? "" : " for " + created.organisation);
  });
}

}  // namespace tongban::cli
