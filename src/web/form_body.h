// FormInput: what a browser posted, from application/x-www-form-urlencoded or multipart/form-data bodies.
//
// read_form() picks the parser from the Content-Type; any other type, bad percent-encoding or a malformed multipart
// body throws FormBodyError (the page answers 400 and nothing changes). Field values are kept as sent; files
// (parts with a filename) are kept apart with their declared media type.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace tongban::web {

class FormBodyError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct UploadedFile {
  std::string field;  // the form field name, e.g. "material.id_card"
  std::string filename;
  std::string media_type;
  std::string bytes;
};

struct FormInput {
  std::multimap<std::string, std::string> fields;
  std::vector<UploadedFile> files;  // only non-empty uploads

  // The first value of a field, "" when absent.
  std::string value(std::string_view name) const;
  bool has(std::string_view name) const { return fields.find(std::string(name)) != fields.end(); }
};

// Decodes a urlencoded body ('+' is a space). Throws FormBodyError on a bad %-escape.
std::multimap<std::string, std::string> parse_urlencoded(std::string_view body);
FormInput read_form(const http::Request& request);

}  // namespace tongban::web
