// The files compiled into the web module: "templates/<name>.mustache", "static/<name>", "locale/<lang>.mo".
//
// Generated at build time by embed.cmake from src/web/{templates,static,po}; immutable, safe from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace tongban::web {

const std::map<std::string, std::string_view, std::less<>>& embedded_files();

}  // namespace tongban::web
