#include "web/page_renderer.h"

#include <stdexcept>

#include "web/embedded_files.h"
#include "web/page_context.h"
#include "web/translations.h"

namespace tongban::web {

std::string render_template(std::string_view name, kainjow::mustache::data& data, domain::Language language) {
  auto found = embedded_files().find("templates/" + std::string(name) + ".mustache");
  if (found == embedded_files().end()) throw std::runtime_error("no template " + std::string(name));
  kainjow::mustache::mustache tmpl{std::string(found->second)};
  if (!tmpl.is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + tmpl.error_message());
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
  if (!tmpl.is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + tmpl.error_message());
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
