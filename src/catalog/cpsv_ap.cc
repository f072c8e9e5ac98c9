#include "catalog/cpsv_ap.h"

#include <string>

namespace tongban::catalog {
namespace {

namespace json = boost::json;

json::array tagged(const domain::LocalizedText& text) {
  json::array values;
  for (domain::Language language : domain::kAllLanguages) {
    if (text.in(language).empty()) continue;
    values.push_back(json::object{{"@value", text.in(language)}, {"@language", domain::language_tag(language)}});
  }
  return values;
}

// A skos:Concept of a code list: its IRI and its code as the label.
json::object code_concept(const std::string& iri, std::string_view code) {
  return {{"@id", iri}, {"@type", "skos:Concept"}, {"skos:notation", code}};
}

int minor_digits(std::string_view currency) {
  for (std::string_view none : {"JPY", "KRW", "VND", "ISK", "CLP"}) {
    if (currency == none) return 0;
  }
  for (std::string_view three : {"BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD"}) {
    if (currency == three) return 3;
  }
  return 2;
}

json::object organisation(const domain::Catalog& catalog, const domain::Item& item, const std::string& base) {
  json::object authority{{"@id", base + "organisation/" + item.authority},
                         {"@type", "cv:PublicOrganisation"},
                         {"dct:identifier", item.authority}};
  if (const domain::Authority* found = catalog.find_authority(item.authority))
    authority["skos:prefLabel"] = tagged(found->name);
  json::object spatial{{"@id", base + "jurisdiction/" + item.jurisdiction},
                       {"@type", "dct:Location"},
                       {"dct:identifier", item.jurisdiction}};
  if (const domain::Jurisdiction* found = catalog.find_jurisdiction(item.jurisdiction)) {
    spatial["skos:prefLabel"] = tagged(found->name);
  }
  authority["dct:spatial"] = std::move(spatial);
  return authority;
}

json::array evidences(const domain::Item& item, const std::string& service) {
  json::array inputs;
  for (const domain::Material& material : item.materials) {
    inputs.push_back(json::object{{"@id", service + "/evidence/" + material.id},
                                  {"@type", "cv:Evidence"},
                                  {"dct:identifier", material.id},
                                  {"dct:title", tagged(material.name)}});
  }
  return inputs;
}

json::array channels(const domain::Item& item, const std::string& base) {
  json::array array;
  for (domain::Channel channel : item.channels) {
    std::string word(domain::to_string(channel));
    array.push_back(json::object{{"@id", base + "channel/" + word},
                                 {"@type", "cv:Channel"},
                                 {"dct:identifier", word},
                                 {"dct:type", code_concept(base + "channel-type/" + word, word)}});
  }
  return array;
}

json::array costs(const domain::Item& item, const std::string& service) {
  json::array array;
  for (std::size_t i = 0; i < item.fees.size(); ++i) {
    const domain::Fee& fee = item.fees[i];
    array.push_back(json::object{
        {"@id", service + "/cost/" + std::to_string(i + 1)},
        {"@type", "cv:Cost"},
        {"dct:identifier", item.code + "-cost-" + std::to_string(i + 1)},
        {"dct:description", tagged(fee.name)},
        {"cv:currency",
         code_concept("http://publications.europa.eu/resource/authority/currency/" + fee.currency, fee.currency)},
        {"cv:hasValue", decimal_amount(fee.amount_minor, fee.currency)}});
  }
  return array;
}

}  // namespace

std::string decimal_amount(std::int64_t amount_minor, std::string_view currency) {
  int digits = minor_digits(currency);
  bool negative = amount_minor < 0;
  std::string text = std::to_string(negative ? -amount_minor : amount_minor);
  if (digits > 0) {
    if (text.size() <= static_cast<std::size_t>(digits)) text.insert(0, digits + 1 - text.size(), '0');
    text.insert(text.size() - digits, ".");
  }
  return negative ? "-" + text : text;
}

json::object cpsv_ap_context() {
  return {{"cpsv", "http://purl.org/vocab/cpsv#"},
          {"dct", "http://purl.org/dc/terms/"},
          {"cv", "http://data.europa.eu/m8g/"},
          {"skos", "http://www.w3.org/2004/02/skos/core#"},
          {"schema", "http://schema.org/"},
          {"eli", "http://data.europa.eu/eli/ontology#"},
          {"dcat", "http://www.w3.org/ns/dcat#"},
          {"xsd", "http://www.w3.org/2001/XMLSchema#"},
          {"cv:processingTime", json::object{{"@type", "xsd:duration"}}},
          {"cv:hasValue", json::object{{"@type", "xsd:double"}}}};
}

json::object item_to_cpsv_ap(const domain::Catalog& catalog, const domain::Item& item, std::string_view base_iri) {
  std::string base(base_iri);
  std::string service = base + "service/" + item.code;
  std::string kind(domain::to_string(item.result.kind));
  json::object result{{"@id", service + "/output"},
                      {"@type", "cv:Output"},
                      {"dct:identifier", item.code + "-output"},
                      {"dct:title", tagged(item.result.name)},
                      {"dct:type", code_concept(base + "output-type/" + kind, kind)}};
  json::object legal{
      {"@id", service + "/legal-basis"}, {"@type", "eli:LegalResource"}, {"dct:description", tagged(item.legal_basis)}};
  json::array keywords;
  for (const std::string& keyword : item.keywords) keywords.emplace_back(keyword);
  return {{"@id", service},
          {"@type", "cpsv:PublicService"},
          {"dct:identifier", item.code},
          {"dct:title", tagged(item.name)},
          {"dct:description", tagged(item.description)},
          {"cv:hasCompetentAuthority", organisation(catalog, item, base)},
          {"cpsv:hasInput", evidences(item, service)},
          {"cpsv:produces", json::array{std::move(result)}},
          {"cv:hasChannel", channels(item, base)},
          {"cv:hasCost", costs(item, service)},
          {"cv:processingTime", "P" + std::to_string(item.promised_days) + "D"},
          {"cv:hasLegalResource", json::array{std::move(legal)}},
          {"dcat:keyword", std::move(keywords)}};
}

json::object catalog_to_cpsv_ap(const domain::Catalog& catalog, std::string_view base) {
  json::array graph;
  for (const domain::Item& item : catalog.items) graph.push_back(item_to_cpsv_ap(catalog, item, base));
  return {{"@context", cpsv_ap_context()}, {"@graph", std::move(graph)}};
}

}  // namespace tongban::catalog
