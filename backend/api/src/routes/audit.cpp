#include <charconv>
#include <limits>

#include <nlohmann/json.hpp>

#include "auth/access_state.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/clock.hpp"

namespace pedalpower::api::auth {
namespace {

constexpr std::int64_t default_limit = 100;
constexpr std::int64_t max_limit = 1000;

// Two statements rather than one with optional filters, so that a filtered read uses the
// (entity, entity_id) index instead of walking the whole log. Newest first; ?3 pages backwards.
constexpr std::string_view entries_for_entity =
    "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log "
    "WHERE entity = ?1 AND (?2 IS NULL OR entity_id = ?2) AND (?3 IS NULL OR id < ?3) ORDER BY id DESC LIMIT ?4";
constexpr std::string_view all_entries =
    "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log "
    "WHERE (?1 IS NULL OR id < ?1) ORDER BY id DESC LIMIT ?2";

std::optional<std::int64_t> positive_parameter(const request& req, std::string_view name, std::int64_t max)
{
  const auto text = req.query_param(name);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < 1 || value > max) {
    throw error(422, "invalid", std::string(name) + " must be a whole number from 1 to " + std::to_string(max),
                std::string(name));
  }
  return value;
}

nlohmann::json state_json(const std::optional<std::string>& text)
{
  if (!text) return nullptr;
  auto parsed = nlohmann::json::parse(*text, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json(*text) : parsed;
}

void read_log(const app& application, const request& req, const responder& respond)
{
  const auto entity = req.query_param("entity");
  const auto entity_id = req.query_param("entity_id");
  const auto limit = positive_parameter(req, "limit", max_limit).value_or(default_limit);
  const auto before_id = positive_parameter(req, "before_id", std::numeric_limits<std::int64_t>::max());
  if (entity_id && !entity) throw error(422, "required", "entity_id needs entity", "entity");

  auto& db = application.reader();
  auto& rows = entity ? db.query(entries_for_entity, *entity, entity_id, before_id, limit)
                      : db.query(all_entries, before_id, limit);
  nlohmann::json entries = nlohmann::json::array();
  while (rows.step()) {
    entries.push_back({{"id", rows.get_int(0)},
                       {"at", domain::iso8601(rows.get_int(1))},
                       {"actor", rows.get_text(2)},
                       {"action", rows.get_text(3)},
                       {"entity", rows.get_text(4)},
                       {"entity_id", rows.get_text(5)},
                       {"before", state_json(rows.get_optional_text(6))},
                       {"after", state_json(rows.get_optional_text(7))}});
  }
  const bool full_page = std::ssize(entries) == limit;
  respond(json_response(
      {{"entries", entries}, {"next_before_id", full_page ? nlohmann::json(entries.back()["id"]) : nlohmann::json()}}));
}

}  // namespace

void add_audit_routes(router& routes, const app& application)
{
  routes.add("GET", "/api/v1/audit", {role::coordinator},
             [&application](const request& req, responder respond) { read_log(application, req, respond); });
}

}  // namespace pedalpower::api::auth
