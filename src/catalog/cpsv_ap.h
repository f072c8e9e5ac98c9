// Export of the catalog as CPSV-AP 3.2.0 JSON-LD (EU Core Public Service Vocabulary Application Profile), so other
// portals can harvest the items.
//
// One JSON-LD document: {"@context": {cpsv, dct, cv, skos, schema, eli, dcat, xsd prefixes and typed terms},
// "@graph": [one cpsv:PublicService per item]}. Each service carries:
//   dct:identifier (item code), dct:title / dct:description (language-tagged: zh-Hans, zh-Hant, pt, en),
//   cv:hasCompetentAuthority (cv:PublicOrganisation with skos:prefLabel and dct:spatial = the jurisdiction as a
//   dct:Location), cpsv:hasInput (one cv:Evidence per material), cpsv:produces (cv:Output with dct:identifier and
//   dct:type = the result kind as a skos:Concept), cv:hasChannel (cv:Channel per channel, dct:identifier, dct:type
//   a skos:Concept), cv:hasCost (cv:Cost with dct:identifier, cv:currency as the EU currency authority's concept
//   and cv:hasValue as xsd:double in major units), cv:processingTime (xsd:duration "P<promised_days>D"),
//   cv:hasLegalResource (eli:LegalResource with the legal basis text), dcat:keyword.
// Note: cv:processingTime counts days, but the catalog's promised_days are WORKING days of the jurisdiction's
// calendar; "P20D" here means 20 working days, which the ISO 8601 duration cannot say by itself.
// The export conforms to the shapes in tests/standards/cpsv-ap-3.2.0-shapes.ttl, written from the specification's
// constraints and checked by rdf-validate-shacl in make test (cpsv_ap_shacl).
// Identifiers are IRIs under `base` (default "urn:tongban:"), e.g. urn:tongban:service/MO-DSI-001.
#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "domain/catalog.h"

namespace tongban::catalog {

boost::json::object cpsv_ap_context();
boost::json::object item_to_cpsv_ap(const domain::Catalog& catalog, const domain::Item& item,
                                    std::string_view base = "urn:tongban:");
boost::json::object catalog_to_cpsv_ap(const domain::Catalog& catalog, std::string_view base = "urn:tongban:");

// "120.00" for 12000 minor units of MOP; the number of decimals follows the currency (ISO 4217 minor unit).
std::string decimal_amount(std::int64_t amount_minor, std::string_view currency);

}  // namespace tongban::catalog
