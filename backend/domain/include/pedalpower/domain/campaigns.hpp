#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A recall or an inspection of every bike of one model: one work order on each, and its progress.
struct campaign {
  std::int64_t id = 0;
  std::string title;
  std::string kind;  ///< recall or inspection
  std::string model;
  bool safety = false;  ///< its work orders keep the bikes out of loans until signed off
  std::string description;
  std::string created_by;
  unix_seconds created_at = 0;
  int work_orders = 0;
  int finished = 0;                       ///< closed or written off
  std::map<std::string, int> by_status;   ///< work orders per status
};

void to_json(nlohmann::json& out, const campaign& value);

struct campaign_input {
  std::string title;
  std::string kind;
  std::string model;
  bool safety = true;
  std::string description;
};

/// Opens a work order ("inspection", safety as the campaign says) on every bike of the model still in
/// the fleet. Problems: invalid fields, invalid "no_bikes_of_model" on model when none. Audited.
outcome<campaign> launch_campaign(db::connection& db, const actor& who, unix_seconds now, const campaign_input& input);
outcome<campaign> find_campaign(db::connection& db, std::int64_t id);
std::vector<campaign> list_campaigns(db::connection& db);

}  // namespace pedalpower::domain
