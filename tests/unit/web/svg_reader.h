// An SVG document as a real XML parser reads it, for the chart tests (bar_chart_svg_test.cc, line_chart_svg_test.cc):
// the distribution's /usr/bin/python3 parses it with xml.etree.ElementTree (the standard library's expat parser, no
// package beyond python3, which the Atom feed test already needs) and hands every element back as JSON, so a test
// checks what a browser's parser would see — entities decoded, namespaces resolved — and a document that is not
// well-formed fails with the parser's message.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace tongban::web::testing {

struct SvgElement {
  std::string ns;   // the namespace URI ("http://www.w3.org/2000/svg")
  std::string tag;  // the local name ("rect")
  std::map<std::string, std::string> attributes;
  std::string text;  // all the character data inside, children's included, as the parser decoded it
  int parent = -1;   // index of the parent element; -1 for the root
  int index = 0;     // its own index
};

// Every element in document order; [0] is the root. std::runtime_error with the parser's message when the text is not
// well-formed XML or python3 is missing.
inline std::vector<SvgElement> read_svg(const std::string& svg) {
  if (!std::filesystem::exists("/usr/bin/python3"))
    throw std::runtime_error("/usr/bin/python3 is missing: the chart tests read the SVG with its XML parser");
  const auto path =
      std::filesystem::temp_directory_path() / ("tongban-chart-test-" + std::to_string(::getpid()) + ".svg");
  {
    std::ofstream out(path, std::ios::binary);
    out << svg;
  }
  const std::string command =
      "/usr/bin/python3 -c 'import json,sys\n"
      "import xml.etree.ElementTree as ET\n"
      "out=[]\n"
      "def walk(e, parent):\n"
      "  ns, tag = e.tag[1:].split(\"}\", 1) if e.tag[0] == \"{\" else (\"\", e.tag)\n"
      "  out.append({\"ns\": ns, \"tag\": tag, \"attributes\": dict(e.attrib), \"text\": \"\".join(e.itertext()),"
      " \"parent\": parent})\n"
      "  me = len(out) - 1\n"
      "  for child in e: walk(child, me)\n"
      "walk(ET.parse(sys.argv[1]).getroot(), -1)\n"
      "print(json.dumps(out))' '" +
      path.string() + "' 2>&1";
  std::string output;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  const int raw = ::pclose(pipe);
  std::filesystem::remove(path);
  if (!WIFEXITED(raw) || WEXITSTATUS(raw) != 0) throw std::runtime_error("the XML parser refused the SVG: " + output);
  std::vector<SvgElement> elements;
  const boost::json::value parsed = boost::json::parse(output);  // named: the loop below refers into it
  for (const boost::json::value& item : parsed.as_array()) {
    const boost::json::object& object = item.as_object();
    SvgElement element;
    element.ns = object.at("ns").as_string();
    element.tag = object.at("tag").as_string();
    for (const auto& attribute : object.at("attributes").as_object())
      element.attributes[std::string(attribute.key())] = attribute.value().as_string();
    element.text = object.at("text").as_string();
    element.parent = static_cast<int>(object.at("parent").as_int64());
    element.index = static_cast<int>(elements.size());
    elements.push_back(std::move(element));
  }
  return elements;
}

// The value of an attribute, "" when the element has none.
inline std::string attribute(const SvgElement& element, const std::string& name) {
  const auto found = element.attributes.find(name);
  return found == element.attributes.end() ? std::string() : found->second;
}

// True when the element's class attribute has `name` among its words.
inline bool has_class(const SvgElement& element, const std::string& name) {
  const std::string classes = " " + attribute(element, "class") + " ";
  return classes.find(" " + name + " ") != std::string::npos;
}

// The elements with a class, in document order.
inline std::vector<SvgElement> with_class(const std::vector<SvgElement>& elements, const std::string& name) {
  std::vector<SvgElement> found;
  for (const SvgElement& element : elements)
    if (has_class(element, name)) found.push_back(element);
  return found;
}

// The children of `parent`, in document order.
inline std::vector<SvgElement> children(const std::vector<SvgElement>& elements, const SvgElement& parent) {
  std::vector<SvgElement> found;
  for (const SvgElement& element : elements)
    if (element.parent == parent.index) found.push_back(element);
  return found;
}

// The elements with an attribute of the given value, in document order.
inline std::vector<SvgElement> with_attribute(const std::vector<SvgElement>& elements, const std::string& name,
                                              const std::string& value) {
  std::vector<SvgElement> found;
  for (const SvgElement& element : elements)
    if (element.attributes.count(name) > 0 && element.attributes.at(name) == value) found.push_back(element);
  return found;
}

}  // namespace tongban::web::testing
