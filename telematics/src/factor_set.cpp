#include "pedalpower/telematics/factor_set.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "embedded_factor_sets.hpp"
#include "pedalpower/telematics/error.hpp"

namespace pedalpower::telematics {

namespace {

using json = nlohmann::json;

const json& member(const json& object, const char* key, const std::string& path)
{
  const auto it = object.find(key);
  if (it == object.end()) throw invalid_input(path + "." + key, "is required");
  return *it;
}

const std::string& text(const json& object, const char* key, const std::string& path)
{
  const auto& value = member(object, key, path);
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
    throw invalid_input(path + "." + key, "must be a non-empty string");
  }
  return value.get_ref<const std::string&>();
}

/// The sum of the factor's flat-file rows, each kept in `rows`.
double factor(const json& factors, const char* key, const std::string& path, std::vector<factor_row>& rows)
{
  const auto factor_path = path + "." + key;
  const auto& listed = member(factors, key, path);
  if (!listed.is_array() || listed.empty()) throw invalid_input(factor_path, "must list the flat-file rows it sums");
  double sum = 0.0;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const auto row_path = factor_path + "[" + std::to_string(i) + "]";
    if (!listed[i].is_object()) throw invalid_input(row_path, "must be an object");
    const auto& value = member(listed[i], "value", row_path);
    if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0.0) {
      throw invalid_input(row_path + ".value", "must be a non-negative number");
    }
    rows.push_back({key, text(listed[i], "id", row_path), text(listed[i], "row", row_path), value.get<double>()});
    sum += value.get<double>();
  }
  return sum;
}

factor_scope parse_scope(const json& value, const std::string& path)
{
  if (value == "direct") return factor_scope::direct;
  if (value == "with_well_to_tank") return factor_scope::with_well_to_tank;
  throw invalid_input(path, "must be \"direct\" or \"with_well_to_tank\"");
}

factor_set parse_one(const json& entry, const std::string& path)
{
  if (!entry.is_object()) throw invalid_input(path, "must be an object");
  factor_set set;
  const auto& year = member(entry, "year", path);
  if (!year.is_number_integer()) throw invalid_input(path + ".year", "must be a whole number");
  set.year = year.get<int>();
  set.scope = parse_scope(member(entry, "scope", path), path + ".scope");
  const auto& source = member(entry, "source", path);
  if (!source.is_string() || source.get_ref<const std::string&>().empty()) {
    throw invalid_input(path + ".source", "must name where the figures come from");
  }
  set.source = source.get<std::string>();
  const auto factors_path = path + ".factors";
  const auto& factors = member(entry, "factors", path);
  if (!factors.is_object()) throw invalid_input(factors_path, "must be an object");
  auto& rows = set.rows;
  set.car_petrol_kg_per_km = factor(factors, "car_petrol_kg_per_km", factors_path, rows);
  set.car_diesel_kg_per_km = factor(factors, "car_diesel_kg_per_km", factors_path, rows);
  set.car_hybrid_kg_per_km = factor(factors, "car_hybrid_kg_per_km", factors_path, rows);
  set.car_electric_kg_per_km = factor(factors, "car_electric_kg_per_km", factors_path, rows);
  set.bus_kg_per_passenger_km = factor(factors, "bus_kg_per_passenger_km", factors_path, rows);
  set.rail_kg_per_passenger_km = factor(factors, "rail_kg_per_passenger_km", factors_path, rows);
  set.grid_generation_kg_per_kwh = factor(factors, "grid_generation_kg_per_kwh", factors_path, rows);
  set.grid_td_kg_per_kwh = factor(factors, "grid_td_kg_per_kwh", factors_path, rows);
  return set;
}

}  // namespace

std::string_view to_string(factor_scope scope) noexcept
{
  return scope == factor_scope::with_well_to_tank ? "with_well_to_tank" : "direct";
}

std::vector<factor_set> parse_factor_sets(std::string_view text)
{
  const auto document = json::parse(text, nullptr, false);
  if (document.is_discarded()) throw invalid_input("factor_sets", "the file is not valid JSON");
  if (!document.is_object()) throw invalid_input("factor_sets", "the file must hold a JSON object");
  const auto& sets = member(document, "factor_sets", "file");
  if (!sets.is_array() || sets.empty()) throw invalid_input("factor_sets", "must be a non-empty array");
  std::vector<factor_set> parsed;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    parsed.push_back(parse_one(sets[i], "factor_sets[" + std::to_string(i) + "]"));
  }
  return parsed;
}

const std::vector<factor_set>& builtin_factor_sets()
{
  static const std::vector<factor_set> sets = [] {
    std::vector<factor_set> all;
    for (const auto file : embedded_factor_set_files()) {
      auto parsed = parse_factor_sets(file);
      all.insert(all.end(), parsed.begin(), parsed.end());
    }
    return all;
  }();
  return sets;
}

const factor_set& select_factor_set(std::span<const factor_set> sets, std::optional<int> year,
                                    std::optional<factor_scope> scope)
{
  const factor_set* best = nullptr;
  for (const auto& set : sets) {
    if (year && set.year != *year) continue;
    if (scope && set.scope != *scope) continue;
    if (!best || set.year > best->year) best = &set;
  }
  if (best) return *best;
  const auto with_scope = scope ? " with scope " + std::string(to_string(*scope)) : std::string{};
  if (year) throw invalid_input("year", "no factor set for " + std::to_string(*year) + with_scope);
  if (scope) throw invalid_input("scope", "no factor set" + with_scope);
  throw invalid_input("factor_sets", "there are none to choose from");
}

const factor_set& factor_set_for_year(std::span<const factor_set> sets, int year, factor_scope scope)
{
  const factor_set* nearest = nullptr;
  for (const auto& set : sets) {
    if (set.scope != scope) continue;
    if (!nearest) {
      nearest = &set;
      continue;
    }
    const int distance = std::abs(set.year - year);
    const int best = std::abs(nearest->year - year);
    if (distance < best || (distance == best && set.year > nearest->year)) nearest = &set;
  }
  if (!nearest) throw invalid_input("scope", "no factor set with scope " + std::string(to_string(scope)));
  return *nearest;
}

}  // namespace pedalpower::telematics
