#include "pedalpower/kiosk/choice_lists.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::kiosk {

void choice_lists::save(const nlohmann::json& lists, pedalpower::unix_seconds now)
{
  db_.run(
      "INSERT INTO choices (id, lists, taken_at) VALUES (1, ?1, ?2) "
      "ON CONFLICT (id) DO UPDATE SET lists = excluded.lists, taken_at = excluded.taken_at",
      lists.dump(), now);
}

std::optional<nlohmann::json> choice_lists::last_seen()
{
  auto& row = db_.query("SELECT lists FROM choices WHERE id = 1");
  std::optional<nlohmann::json> lists;
  if (row.step()) lists = nlohmann::json::parse(row.get_text(0));
  row.reset();
  return lists;
}

}  // namespace pedalpower::kiosk
