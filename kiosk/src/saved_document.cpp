#include "pedalpower/kiosk/saved_document.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::kiosk {

saved_document::saved_document(db::connection& database, std::string table, std::string column)
    : db_(database),
      save_sql_("INSERT INTO " + table + " (id, " + column + ", taken_at) VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET " +
                column + " = excluded." + column + ", taken_at = excluded.taken_at"),
      select_sql_("SELECT " + column + " FROM " + table + " WHERE id = 1"),
      update_sql_("UPDATE " + table + " SET " + column + " = ?1 WHERE id = 1")
{
}

void saved_document::save(const nlohmann::json& document, pedalpower::unix_seconds now)
{
  db_.run(save_sql_, document.dump(), now);
}

std::optional<nlohmann::json> saved_document::last_saved()
{
  auto& row = db_.query(select_sql_);
  const db::reset_when_done done{row};
  if (!row.step()) return std::nullopt;
  return nlohmann::json::parse(row.get_text_view(0));
}

void saved_document::update(const nlohmann::json& document) { db_.run(update_sql_, document.dump()); }

}  // namespace pedalpower::kiosk
