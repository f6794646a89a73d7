#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "pedalpower/core/text_fields.hpp"
#include "pedalpower/domain/audit.hpp"
#include "loan_scheme_fixture.hpp"

using namespace pedalpower::domain;
using pedalpower::lower_case;

namespace {

std::vector<std::string> entries_about(loan_scheme& scheme, audit_filter filter)
{
  const auto found = list_audit(scheme.db(), filter, page_request{});
  REQUIRE(found);
  std::vector<std::string> records;
  for (const auto& entry : found->items) records.push_back(entry.entity + " " + entry.entity_id);
  return records;
}

std::vector<std::string> by_name(loan_scheme& scheme, const std::string& entity, const std::string& name)
{
  audit_filter filter;
  filter.entity = entity;
  filter.record = name;
  return entries_about(scheme, filter);
}

void audit_touch(loan_scheme& scheme, const std::string& entity, std::int64_t id)
{
  record_audit(scheme.db(), scheme.coordinator, loan_scheme::now, entity + ".note", entity, std::to_string(id),
               std::nullopt, nlohmann::json{{"note", "touched"}});
}

}  // namespace

TEST_CASE("the audit log finds a bike by its asset tag and a person by their staff number, apart from ids")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto other_bike = scheme.add_bike(scheme.site_a);
  const auto person = scheme.add_staff("3");
  // A staff number of digits that is another person's id names the person who holds it, not that id.
  const auto numbered = scheme.add_staff("5");
  scheme.db().run("UPDATE staff SET staff_number = ?2 WHERE id = ?1", numbered, std::to_string(person));
  for (const auto id : {bike, other_bike}) audit_touch(scheme, "bike", id);
  for (const auto id : {person, numbered}) audit_touch(scheme, "staff", id);
  audit_touch(scheme, "loan", bike);  // another kind of record with the bike's id

  const auto tag = scheme.text("SELECT asset_tag FROM bikes WHERE id = ?1", bike);
  const std::vector<std::string> the_bike{"bike " + std::to_string(bike)};
  CHECK(by_name(scheme, "bike", tag) == the_bike);
  CHECK(by_name(scheme, "bike", " " + lower_case(tag) + " ") == the_bike);
  audit_filter by_id;
  by_id.entity = "bike";
  by_id.entity_id = std::to_string(bike);
  CHECK(entries_about(scheme, by_id) == the_bike);

  CHECK(by_name(scheme, "staff", std::to_string(person)) ==
        std::vector<std::string>{"staff " + std::to_string(numbered)});
  CHECK(by_name(scheme, "bike", "EB-NONE").empty());
  CHECK(by_name(scheme, "bike", std::to_string(person)).empty());
}

TEST_CASE("a record named without a kind that has names is refused, naming the filter")
{
  loan_scheme scheme;
  for (const auto& entity : std::vector<std::optional<std::string>>{std::nullopt, "loan"}) {
    audit_filter filter;
    filter.entity = entity;
    filter.record = "EB-1001";
    const auto refused = list_audit(scheme.db(), filter, page_request{});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().field == "record");
  }
}
