// Rendering of the embedded Mustache templates (kainjow). {{name}} escapes HTML; the only unescaped insertion
// ({{{content}}} in layout.mustache, {{{qr}}} in receipts) carries HTML made by the pages themselves, never user
// data. Templates named part_*.mustache are fragments, included as partials ({{>part_form_fields}}); their names never
// clash with data keys. {{#t}}English text{{/t}} is the page's translation of the text (escaped). Throws
// std::runtime_error for an unknown template or a template that does not parse (a programming error: a test renders
// every template).
#pragma once

#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/language.h"

namespace tongban::web {

std::string render_template(std::string_view name, kainjow::mustache::data& data, domain::Language language);
// The names of every embedded template ("home", "item", …).
std::vector<std::string> template_names();

}  // namespace tongban::web
