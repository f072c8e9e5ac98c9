#include "network_catalog.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tongban::crossnode_test {
namespace fs = std::filesystem;

namespace {

std::string text(const std::string& en) {
  return fmt::format(R"({{ zh_hans = "{0}", zh_hant = "{0}", pt = "{0}", en = "{0}" }})", en);
}

void write(const fs::path& file, const std::string& content) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::app);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string jurisdiction_toml(const std::string& code, const std::string& zone_hosted) {
  const std::string s = short_code(code);
  return fmt::format(R"([jurisdiction]
code = "{0}"
name = {2}
languages = ["zh-Hans", "en"]
currency = "CNY"
time_zone = "Asia/Shanghai"
utc_offset_minutes = 480
accepted_documents = ["CN_RIC", "CN_HMTP", "MO_BIR", "HK_HKID"]

[[authority]]
code = "{1}-GOV"
name = {3}

[[service_point]]
code = "{1}-WIN"
kind = "window"
name = {4}
address = {5}
hours = ["Mon-Fri 09:00-18:00"]
channels = ["window"]
zones = ["{6}"]
accepts_own_items = true
)",
                     code, s, text(s + " city"), text(s + " government service bureau"), text(s + " service hall"),
                     text("1 Main Road, " + s), zone_hosted);
}

std::string item_toml(const std::string& code) {
  const std::string s = short_code(code);
  return fmt::format(R"([[item]]
code = "{0}-GOV-001"
basic_code = "TEST-RESIDENCE-CERTIFICATE"
authority = "{0}-GOV"
type = "certification"
name = {1}
description = {2}
legal_basis = {3}
applicant_kinds = ["natural_person"]
legal_days = 20
promised_days = 10
modes = ["remote_intake"]
channels = ["window"]
visits = 1
standard_item = ""
life_events = ["identity_documents"]
keywords = ["{0}"]

[[item.fees]]
name = {4}
amount_minor = 0
currency = "CNY"

[[item.materials]]
id = "application_form"
name = {5}
required = true
form = "original"
copies = 1
blank_form = ""
sample_form = ""
e_certificate = ""

[[item.form]]
id = "applicant_name"
label = {6}
type = "text"
required = true
min_length = 1
max_length = 60
crosses_border = true

[[item.form]]
id = "reason"
label = {7}
type = "text"
required = false
max_length = 200
crosses_border = false

[item.result]
name = {8}
kind = "certificate"
delivery = ["window_pickup"]
e_certificate = false
)",
                     s, text(s + " residence certificate"), text("A residence certificate issued by " + s),
                     text("Test regulation of " + s), text("No fee"), text("Application form"), text("Name"),
                     text("Reason"), text(s + " residence certificate"));
}

std::string zone_toml(const std::string& owner, const std::string& host) {
  return fmt::format(R"(
[[zone]]
code = "ZONE-{0}-IN-{1}"
name = {2}
owner_jurisdiction = "{3}"
host_jurisdiction = "{4}"
items = ["{0}-GOV-001"]
)",
                     short_code(owner), short_code(host), text(short_code(owner) + " zone in " + short_code(host)),
                     owner, host);
}

std::string zone_code(const std::string& owner, const std::string& host) {
  return "ZONE-" + short_code(owner) + "-IN-" + short_code(host);
}

}  // namespace

std::string short_code(const std::string& jurisdiction) {
  auto dash = jurisdiction.rfind('-');
  return dash == std::string::npos ? jurisdiction : jurisdiction.substr(dash + 1);
}

std::vector<RingCase> write_network_seed(const fs::path& dir, const std::vector<std::string>& extra) {
  const fs::path shipped = fs::path(TONGBAN_SOURCE_DIR) / "data";
  fs::create_directories(dir);
  fs::copy(shipped / "catalog", dir / "catalog", fs::copy_options::recursive);
  fs::copy(shipped / "calendars", dir / "calendars", fs::copy_options::recursive);
  std::ifstream jm_calendar(shipped / "calendars" / "CN-GD-JM.ics");
  std::stringstream calendar;
  calendar << jm_calendar.rdbuf();
  std::vector<RingCase> ring;
  for (std::size_t i = 0; i < extra.size(); ++i) {
    const std::string& code = extra[i];
    const std::string& next = extra[(i + 1) % extra.size()];
    const std::string& previous = extra[(i + extra.size() - 1) % extra.size()];
    write(dir / "catalog" / code / "jurisdiction.toml", jurisdiction_toml(code, zone_code(previous, code)));
    write(dir / "catalog" / code / "items" / (short_code(code) + "-GOV.toml"), item_toml(code));
    write(dir / "catalog" / "zones.toml", zone_toml(code, next));
    std::string ics = calendar.str();
    auto at = ics.find("X-TONGBAN-JURISDICTION:CN-GD-JM");
    ics.replace(at, std::string("X-TONGBAN-JURISDICTION:CN-GD-JM").size(), "X-TONGBAN-JURISDICTION:" + code);
    write(dir / "calendars" / (code + ".ics"), ics);
    ring.push_back({code, next, short_code(code) + "-GOV-001", short_code(code) + "-GOV", short_code(next) + "-WIN"});
  }
  return ring;
}

}  // namespace tongban::crossnode_test
