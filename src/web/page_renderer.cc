#include "web/page_renderer.h"

#include <map>
#include <stdexcept>

#include "web/embedded_files.h"
#include "web/page_context.h"
#include "web/translations.h"

namespace tongban::web {
namespace {

using ParsedTemplates = std::map<std::string, kainjow::mustache::mustache, std::less<>>;

// Parsing a template costs most of a page's render (bench/hot_path_bench.cc, BM_Page_*), so each handler thread
// keeps the templates it has parsed. Not shared between threads: kainjow's render() is not const (it records its
// errors in the template). A template whose render failed is dropped and parsed again next time.
ParsedTemplates& parsed_templates() {
  thread_local ParsedTemplates parsed;
  return parsed;
}

kainjow::mustache::mustache& parsed_template(std::string_view name) {
  auto& parsed = parsed_templates();
  if (auto cached = parsed.find(name); cached != parsed.end()) return cached->second;
  auto found = embedded_files().find("templates/" + std::string(name) + ".mustache");
  if (found == embedded_files().end()) throw std::runtime_error("no template " + std::string(name));
  auto& tmpl = parsed.try_emplace(std::string(name), std::string(found->second)).first->second;
  if (!tmpl.is_valid()) {
    std::string message = "template " + std::string(name) + ": " + tmpl.error_message();
    parsed.erase(parsed.find(name));
    throw std::runtime_error(message);
  }
  return tmpl;
}

}  // namespace

std::string render_template(std::string_view name, kainjow::mustache::data& data, domain::Language language) {
  auto& tmpl = parsed_template(name);
  for (const auto& [file, text] : embedded_files()) {
    if (file.rfind("templates/part_", 0) != 0) continue;  // only fragments are partials: {{>part_form_fields}}
    std::string partial_name = file.substr(10, file.size() - 10 - std::string_view(".mustache").size());
    std::string_view partial_text = text;
    data.set(partial_name, kainjow::mustache::partial{[partial_text] { return std::string(partial_text); }});
  }
  data.set("t", kainjow::mustache::lambda{[language](const std::string& text) {
             return html_escape(Translations::shipped().text(language, text));
           }});
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) {
    std::string message = "template " + std::string(name) + ": " + tmpl.error_message();
    parsed_templates().erase(parsed_templates().find(name));
    throw std::runtime_error(message);
  }
  return out;
}

std::vector<std::string> template_names() {
  std::vector<std::string> names;
  for (const auto& [name, text] : embedded_files())
    if (name.rfind("templates/", 0) == 0)
      names.push_back(name.substr(10, name.size() - 10 - std::string_view(".mustache").size()));
  return names;
}

}  // namespace tongban::web
