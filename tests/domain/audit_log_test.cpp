#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pedalpower/domain/audit.hpp"
#include "loan_scheme_fixture.hpp"

using namespace pedalpower::domain;

namespace {

std::vector<std::string> records_found(loan_scheme& scheme, const std::string& entity, const std::string& named)
{
  audit_filter filter;
  filter.entity = entity;
  filter.entity_id = named;
  const auto found = list_audit(scheme.db(), filter, page_request{});
  REQUIRE(found);
  std::vector<std::string> ids;
  for (const auto& entry : found->items) ids.push_back(entry.entity + " " + entry.entity_id);
  return ids;
}

void audit_touch(loan_scheme& scheme, const std::string& entity, std::int64_t id)
{
  record_audit(scheme.db(), scheme.coordinator, loan_scheme::now, entity + ".note", entity, std::to_string(id),
               std::nullopt, nlohmann::json{{"note", "touched"}});
}

}  // namespace

TEST_CASE("the audit log finds a bike by its asset tag and a person by their staff number, as by their ids")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto other_bike = scheme.add_bike(scheme.site_a);
  const auto person = scheme.add_staff("3");
  for (const auto id : {bike, other_bike}) audit_touch(scheme, "bike", id);
  audit_touch(scheme, "staff", person);
  // A record of another kind with the same id is not the bike's.
  audit_touch(scheme, "loan", bike);

  const auto tag = scheme.text("SELECT asset_tag FROM bikes WHERE id = ?1", bike);
  const std::vector<std::string> the_bike{"bike " + std::to_string(bike)};
  CHECK(records_found(scheme, "bike", std::to_string(bike)) == the_bike);
  CHECK(records_found(scheme, "bike", tag) == the_bike);
  CHECK(records_found(scheme, "bike", "eb-" + tag.substr(3)) == the_bike);

  const auto number = scheme.text("SELECT staff_number FROM staff WHERE id = ?1", person);
  CHECK(records_found(scheme, "staff", number) == std::vector<std::string>{"staff " + std::to_string(person)});
  CHECK(records_found(scheme, "bike", number).empty());
  CHECK(records_found(scheme, "loan", tag).empty());
}
