// tongban directory: the signed federation directory (docs/federation.md "The federation directory").
// Operator, on a working folder DIR (made by init; every other command refuses a DIR that init did not make):
//   init --dir DIR --operator ID          operator key DIR/keys/node.key (0600), DIR/anchor.json for the members,
//                                          DIR/draft.json (version 0, no members), DIR/audit.log
//   add-member --dir DIR REQUEST.json     add a member from its join request (--replace: replace the member of
//                                          the same node id, e.g. to announce a new key with an overlap)
//   set-agreements --dir DIR FILE.json    replace the agreements (zones, delegations, joint, channels)
//   sign --dir DIR --valid-days N         version + 1, issued_at = now, expires_at = now + N days, signed into
//                                          DIR/directory.json
//   publish --dir DIR OUT                 OUT/federation/v1/directory (any static web server serving OUT is then
//                                          a source) and OUT/anchor.json
// Anyone:
//   show FILE [--anchor A]                summary of a directory; with an anchor, verified as a member would
//   verify-log --dir DIR                  check the audit log's hash chain
// Member:
//   join-request --config F --endpoint URL [--tls-fingerprint sha256:…] [--valid-days N] [--out FILE]
// Every operator change is validated as a whole document before it is written and appends a hash-chained entry
// to DIR/audit.log (federation/directory_audit.h).
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "federation/directory.h"
#include "federation/directory_audit.h"
#include "federation/directory_client.h"
#include "federation/node_key.h"
#include "federation/outbox.h"
#include "federation/trust_list.h"

namespace tongban::cli {
namespace {

namespace fs = std::filesystem;
using federation::Directory;

constexpr std::int64_t kDayMs = 86'400'000;

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& file, const std::string& text) {
  fs::path temp = file;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
  }
  fs::rename(temp, file);
}

std::int64_t now_ms() {
  return federation::system_clock()();
}

// A working folder made by init: refuses anything else, so a mistyped --dir creates nothing.
struct Workspace {
  fs::path dir;
  explicit Workspace(const std::string& path) : dir(path) {
    if (!fs::is_regular_file(dir / "draft.json") || !fs::is_regular_file(dir / "keys" / "node.key"))
      throw std::runtime_error(path + " is not a directory working folder (run `tongban directory init` first)");
  }
  Directory draft() const { return federation::parse_directory(read_text(dir / "draft.json"), false); }
  // Validates the whole document, then writes it and the audit entry.
  void save(Directory d, std::string_view action, const std::string& detail) const {
    d.signature.clear();
    federation::parse_directory(federation::directory_to_json(d), false);
    write_text(dir / "draft.json", federation::directory_to_json(d) + "\n");
    federation::append_directory_audit(dir / "audit.log", action, detail, now_ms());
  }
};

std::string dir_option_help() {
  return "The operator's working folder (made by `directory init`)";
}

void add_init(CLI::App* parent) {
  auto dir = std::make_shared<std::string>();
  auto id = std::make_shared<std::string>();
  auto* c = parent->add_subcommand("init",
                                   "Operator: make a working folder with a new operator key and an empty "
                                   "directory; DIR must not exist, its parent must");
  c->add_option("--dir", *dir, "The working folder to create")->required();
  c->add_option("--operator", *id, "The operator's id, e.g. GBA-FED-OPERATOR")->required();
  c->callback([dir, id] {
    fs::path folder(*dir);
    if (fs::exists(folder)) throw std::runtime_error(*dir + " already exists; init never overwrites");
    if (!fs::is_directory(folder.parent_path().empty() ? fs::path(".") : folder.parent_path()))
      throw std::runtime_error("the parent of " + *dir + " does not exist");
    Directory d;
    d.operator_id = *id;
    federation::parse_directory(federation::directory_to_json(d), false);  // the id is valid
    fs::create_directory(folder);
    fs::permissions(folder, fs::perms::owner_all);
    auto keys = federation::generate_key_files(folder / "keys");
    write_text(folder / "anchor.json",
               federation::anchor_to_json({*id, federation::PublicKey::from_base64(keys.public_key_base64)}));
    write_text(folder / "draft.json", federation::directory_to_json(d) + "\n");
    federation::append_directory_audit(folder / "audit.log", "init",
                                       "operator " + *id + " key " + keys.public_key_base64, now_ms());
    std::cout << "directory working folder " << *dir << " for operator " << *id << "\n"
              << "give every member " << (folder / "anchor.json").string() << " out of band (the anchor)\n";
  });
}

void add_add_member(CLI::App* parent) {
  auto dir = std::make_shared<std::string>();
  auto request = std::make_shared<std::string>();
  auto replace = std::make_shared<bool>(false);
  auto* c = parent->add_subcommand("add-member", "Operator: add a member from its join request (JSON)");
  c->add_option("--dir", *dir, dir_option_help())->required();
  c->add_option("REQUEST", *request, "The member's join request (tongban directory join-request)")
      ->required()
      ->check(CLI::ExistingFile);
  c->add_flag("--replace", *replace, "Replace the member of the same node id (new endpoint, keys, fingerprints)");
  c->callback([dir, request, replace] {
    Workspace w(*dir);
    Directory d = w.draft();
    auto member = federation::parse_member_json(read_text(*request), "request");
    auto it =
        std::find_if(d.members.begin(), d.members.end(), [&](const auto& m) { return m.node_id == member.node_id; });
    if (it != d.members.end() && !*replace)
      throw std::runtime_error("member " + member.node_id + " is already in the directory (use --replace)");
    if (it != d.members.end())
      *it = member;
    else
      d.members.push_back(member);
    std::sort(d.members.begin(), d.members.end(), [](const auto& a, const auto& b) { return a.node_id < b.node_id; });
    w.save(std::move(d), *replace ? "replace-member" : "add-member", federation::member_to_json(member));
    std::cout << (*replace ? "replaced" : "added") << " member " << member.node_id << " (" << member.jurisdiction
              << ") at " << member.endpoint << "; run `directory sign` to issue it\n";
  });
}

void add_set_agreements(CLI::App* parent) {
  auto dir = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto* c = parent->add_subcommand("set-agreements",
                                   "Operator: replace the agreements (JSON: zones, delegations, joint, channels)");
  c->add_option("--dir", *dir, dir_option_help())->required();
  c->add_option("FILE", *file, "The agreements as JSON")->required()->check(CLI::ExistingFile);
  c->callback([dir, file] {
    Workspace w(*dir);
    Directory d = w.draft();
    std::string text = read_text(*file);
    d.agreements = federation::parse_agreements_json(text);
    const auto counts =
        fmt::format("{} zones, {} delegations, {} joint groups, {} channels", d.agreements.zones.size(),
                    d.agreements.delegations.size(), d.agreements.joint.size(), d.agreements.channels.size());
    w.save(std::move(d), "set-agreements", federation::sha256_hex(text) + " " + counts);
    std::cout << "agreements set: " << counts << "; run `directory sign` to issue them\n";
  });
}

void add_sign(CLI::App* parent) {
  auto dir = std::make_shared<std::string>();
  auto days = std::make_shared<int>(7);
  auto* c = parent->add_subcommand("sign", "Operator: issue the next version, signed, into DIR/directory.json");
  c->add_option("--dir", *dir, dir_option_help())->required();
  c->add_option("--valid-days", *days, "Validity from now, in days; members refuse it afterwards")
      ->check(CLI::Range(1, 366))
      ->capture_default_str();
  c->callback([dir, days] {
    Workspace w(*dir);
    Directory d = w.draft();
    d.version += 1;
    d.issued_at = now_ms();
    d.expires_at = d.issued_at + *days * kDayMs;
    federation::sign_directory(d, federation::NodeKey::load(w.dir / "keys" / "node.key"));
    const std::string text = federation::directory_to_json(d) + "\n";
    federation::parse_directory(text, true);
    write_text(w.dir / "directory.json", text);
    w.save(d, "sign", fmt::format("version {} sha256 {}", d.version, federation::sha256_hex(text)));
    std::cout << "signed version " << d.version << " (" << d.members.size() << " members), valid " << *days
              << " days: " << (w.dir / "directory.json").string() << "\n";
  });
}

void add_publish(CLI::App* parent) {
  auto dir = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto* c = parent->add_subcommand(
      "publish", "Operator: copy the signed directory to OUT/federation/v1/directory (serve OUT over HTTP)");
  c->add_option("--dir", *dir, dir_option_help())->required();
  c->add_option("OUT", *out, "An existing folder served by a web server")->required()->check(CLI::ExistingDirectory);
  c->callback([dir, out] {
    Workspace w(*dir);
    if (!fs::is_regular_file(w.dir / "directory.json")) throw std::runtime_error("nothing signed yet: run sign first");
    const std::string text = read_text(w.dir / "directory.json");
    federation::parse_directory(text, true);
    fs::create_directories(fs::path(*out) / "federation" / "v1");
    write_text(fs::path(*out) / "federation" / "v1" / "directory", text);
    write_text(fs::path(*out) / "anchor.json", read_text(w.dir / "anchor.json"));
    std::cout << "published to " << (fs::path(*out) / "federation" / "v1" / "directory").string() << "\n";
  });
}

void add_show(CLI::App* parent) {
  auto file = std::make_shared<std::string>();
  auto anchor = std::make_shared<std::string>();
  auto* c = parent->add_subcommand("show", "Summarise a signed directory; with --anchor, verify it as a member would");
  c->add_option("FILE", *file, "A directory document")->required()->check(CLI::ExistingFile);
  c->add_option("--anchor", *anchor, "The operator's anchor file")->check(CLI::ExistingFile);
  c->callback([file, anchor] {
    const std::string text = read_text(*file);
    Directory d = anchor->empty() ? federation::parse_directory(text, false)
                                  : federation::verify_directory(text, federation::load_anchor(*anchor), 0, now_ms());
    std::cout << "directory version " << d.version << " of operator " << d.operator_id << ", expires_at "
              << d.expires_at << (anchor->empty() ? " (signature not checked)" : " (verified)") << "\n";
    for (const auto& m : d.members)
      std::cout << "  member " << m.node_id << " (" << m.jurisdiction << ") at " << m.endpoint << ", " << m.keys.size()
                << " key(s)\n";
    for (const auto& ch : d.agreements.channels)
      std::cout << "  channel " << ch.from << " -> " << ch.to << ": " << ch.message_types.size() << " types, "
                << ch.data_categories.size() << " categories\n";
  });
}

void add_verify_log(CLI::App* parent) {
  auto dir = std::make_shared<std::string>();
  auto* c = parent->add_subcommand("verify-log", "Check the hash chain of the operator's audit log");
  c->add_option("--dir", *dir, dir_option_help())->required();
  c->callback([dir] {
    Workspace w(*dir);
    std::cout << federation::verify_directory_audit(w.dir / "audit.log") << " entries, chain intact\n";
  });
}

void add_join_request(CLI::App* parent) {
  auto config = std::make_shared<std::string>();
  auto endpoint = std::make_shared<std::string>();
  auto fingerprint = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto days = std::make_shared<int>(730);
  auto* c = parent->add_subcommand("join-request", "Member: print (or write) the request the operator adds");
  c->add_option("--config", *config, "This node's federation TOML (node id, jurisdiction, key file)")
      ->required()
      ->check(CLI::ExistingFile);
  c->add_option("--endpoint", *endpoint, "This node's federation base URL, e.g. https://jm.example:8443")->required();
  c->add_option("--tls-fingerprint", *fingerprint, "sha256:<hex> of this node's TLS certificate (DER)");
  c->add_option("--valid-days", *days, "Validity of the key from now, in days")->check(CLI::Range(1, 3650));
  c->add_option("--out", *out, "Write the request here (a new file) instead of printing it");
  c->callback([config, endpoint, fingerprint, out, days] {
    auto settings = federation::load_federation_config(*config);
    auto key = federation::NodeKey::load(settings.key_file);
    federation::DirectoryMember m;
    m.node_id = settings.node_id;
    m.jurisdiction = settings.jurisdiction;
    m.endpoint = *endpoint;
    m.keys.push_back({key.public_key(), now_ms(), now_ms() + *days * kDayMs});
    if (!fingerprint->empty()) m.tls_fingerprints.push_back(*fingerprint);
    const std::string text = federation::member_to_json(m);
    federation::parse_member_json(text, "request");  // the same rules the operator applies
    if (out->empty()) {
      std::cout << text << "\n";
      return;
    }
    if (fs::exists(*out)) throw std::runtime_error(*out + " already exists");
    if (!fs::is_directory(fs::path(*out).parent_path().empty() ? fs::path(".") : fs::path(*out).parent_path()))
      throw std::runtime_error("the folder of " + *out + " does not exist");
    write_text(*out, text + "\n");
    std::cout << "join request written to " << *out << "\n";
  });
}

}  // namespace

void add_directory_command(CLI::App& app) {
  auto* directory =
      app.add_subcommand("directory",
                         "The signed federation directory: operator tools (init, add-member, set-agreements, sign, "
                         "publish), show, verify-log, and a member's join-request");
  directory->require_subcommand(1);
  add_init(directory);
  add_add_member(directory);
  add_set_agreements(directory);
  add_sign(directory);
  add_publish(directory);
  add_show(directory);
  add_verify_log(directory);
  add_join_request(directory);
}

}  // namespace tongban::cli
