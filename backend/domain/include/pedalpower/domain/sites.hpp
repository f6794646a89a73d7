#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// What a coordinator edits about a site where bikes are kept and handed out.
struct site_details {
  std::string code;  ///< short upper-case code shown on kiosks and asset lists, e.g. "BAS"
  std::string name;
  std::string address;
};

struct site : site_details {
  std::int64_t id = 0;
};

void to_json(nlohmann::json& out, const site& value);

/// Adds a site. Problems: invalid fields (422), a code already in use (conflict "site_code_taken").
outcome<site> create_site(db::connection& db, const actor& who, unix_seconds now, site_details details);
/// Replaces a site's details. Problems as for create_site, plus not_found "site_not_found".
outcome<site> update_site(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                          site_details details);
/// The site with this id, or not_found "site_not_found".
outcome<site> find_site(db::connection& db, std::int64_t id);
/// Every site, by name.
std::vector<site> list_sites(db::connection& db);
/// One page of the sites whose code or name contains `search` (any case; all when empty), by name
/// unless `wanted` sorts by name, code or id. Problems: invalid "sort", "page" or "page_size".
outcome<list_page<site>> list_sites(db::connection& db, const std::string& search, const page_request& wanted);

}  // namespace pedalpower::domain
