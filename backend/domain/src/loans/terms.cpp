#include "pedalpower/domain/terms.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {

void to_json(nlohmann::json& out, const terms_version& terms)
{
  out = {{"version", terms.version}, {"body", terms.body}, {"published_at", iso8601(terms.published_at)}};
}

std::optional<terms_version> current_terms(db::connection& db, unix_seconds now)
{
  auto& rows = db.query("SELECT version, body, published_at FROM terms_versions WHERE published_at <= ?1"
                        " ORDER BY published_at DESC, version DESC LIMIT 1",
                        now);
  if (!rows.step()) return std::nullopt;
  terms_version terms{rows.get_text(0), rows.get_text(1), rows.get_int(2)};
  rows.reset();
  return terms;
}

}  // namespace pedalpower::domain
