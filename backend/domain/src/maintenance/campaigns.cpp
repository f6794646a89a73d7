#include "pedalpower/domain/campaigns.hpp"

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/core/text_fields.hpp"
#include "pedalpower/domain/work_orders.hpp"

namespace pedalpower::domain {
namespace {

const std::string select_campaigns =
    "SELECT id, title, kind, model, safety, description, created_by, created_at FROM campaigns";

campaign read_campaign(const db::statement& row)
{
  campaign value;
  row.read(value.id, value.title, value.kind, value.model, value.safety, value.description, value.created_by,
           value.created_at);
  return value;
}

void count_progress(db::connection& db, campaign& value)
{
  auto& rows = db.query("SELECT status, count(*) FROM work_orders WHERE campaign_id = ?1 GROUP BY status", value.id);
  while (rows.step()) {
    const auto status = rows.get_text(0);
    const auto n = static_cast<int>(rows.get_int(1));
    value.by_status[status] = n;
    value.work_orders += n;
    if (!is_open_work(status)) value.finished += n;
  }
}

std::vector<campaign> with_progress(db::connection& db, db::statement& rows)
{
  std::vector<campaign> found;
  while (rows.step()) found.push_back(read_campaign(rows));
  for (auto& value : found) count_progress(db, value);
  return found;
}

}  // namespace

void to_json(nlohmann::json& out, const campaign& value)
{
  auto by_status = nlohmann::json::object();
  for (const auto status : work_order_statuses) {
    const auto found = value.by_status.find(std::string(status));
    by_status[std::string(status)] = found == value.by_status.end() ? 0 : found->second;
  }
  out = {{"id", value.id},
         {"title", value.title},
         {"kind", value.kind},
         {"model", value.model},
         {"safety", value.safety},
         {"description", value.description},
         {"created_by", value.created_by},
         {"created_at", iso8601(value.created_at)},
         {"progress",
          {{"work_orders", value.work_orders},
           {"finished", value.finished},
           {"share_finished", value.work_orders == 0 ? 0.0
                                                     : static_cast<double>(value.finished * 1000 / value.work_orders) / 1000.0},
           {"by_status", std::move(by_status)}}}};
}

outcome<campaign> launch_campaign(db::connection& db, const actor& who, unix_seconds now, const campaign_input& input)
{
  const auto title = trimmed(input.title);
  const auto model = trimmed(input.model);
  const auto description = trimmed(input.description);
  if (title.empty() || title.size() > 120) return invalid("title", "a title is 1 to 120 characters");
  if (input.kind != "recall" && input.kind != "inspection") return invalid("kind", "a campaign is a recall or an inspection");
  if (model.empty() || model.size() > 60) return invalid("model", "a model is 1 to 60 characters");
  if (description.size() > 2000) return invalid("description", "description is at most 2000 characters");
  std::vector<std::int64_t> bikes;
  auto& rows = db.query("SELECT id FROM bikes WHERE model = ?1 AND status NOT IN ('retired', 'lost') ORDER BY id", model);
  while (rows.step()) bikes.push_back(rows.get_int(0));
  if (bikes.empty()) return invalid("model", "no bike in the fleet is a " + model, "no_bikes_of_model");

  db::savepoint unit(db, "launch_campaign");
  db.run("INSERT INTO campaigns(title, kind, model, safety, description, created_by, created_at)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
         title, input.kind, model, input.safety, description, who.label, now);
  const auto id = db.last_insert_rowid();
  for (const auto bike_id : bikes) {
    work_order_input job;
    job.bike_id = bike_id;
    job.category = "inspection";
    job.safety = input.safety;
    job.description = input.kind + ": " + title;
    job.campaign_id = id;
    if (const auto opened = open_work_order(db, who, now, job); !opened) return opened.error();
  }
  auto launched = find_campaign(db, id);
  record_creation(db, who, now, "campaign.launch", "campaign", launched.value());
  unit.commit();
  return launched;
}

outcome<campaign> find_campaign(db::connection& db, std::int64_t id)
{
  static const std::string sql = select_campaigns + " WHERE id = ?1";
  auto found = with_progress(db, db.query(sql, id));
  if (found.empty()) return not_found("campaign_not_found", "there is no campaign " + std::to_string(id));
  return found.front();
}

std::vector<campaign> list_campaigns(db::connection& db)
{
  static const std::string sql = select_campaigns + " ORDER BY created_at DESC, id DESC";
  return with_progress(db, db.query(sql));
}

}  // namespace pedalpower::domain
