#include "import_columns.hpp"

#include <cctype>
#include <utility>

namespace pedalpower::domain {
namespace {

struct column_alias {
  std::string_view squeezed;  ///< the header name in lower case with only letters and digits kept
  import_field field;
};

constexpr std::array column_aliases{
    column_alias{"staffnumber", import_field::staff_number},
    column_alias{"staffno", import_field::staff_number},
    column_alias{"staffid", import_field::staff_number},
    column_alias{"employeenumber", import_field::staff_number},
    column_alias{"employeeno", import_field::staff_number},
    column_alias{"employeeid", import_field::staff_number},
    column_alias{"assignmentnumber", import_field::staff_number},
    column_alias{"name", import_field::name},
    column_alias{"fullname", import_field::name},
    column_alias{"staffname", import_field::name},
    column_alias{"employeename", import_field::name},
    column_alias{"firstname", import_field::first_name},
    column_alias{"forename", import_field::first_name},
    column_alias{"forenames", import_field::first_name},
    column_alias{"givenname", import_field::first_name},
    column_alias{"lastname", import_field::last_name},
    column_alias{"surname", import_field::last_name},
    column_alias{"familyname", import_field::last_name},
    column_alias{"email", import_field::email},
    column_alias{"emailaddress", import_field::email},
    column_alias{"workemail", import_field::email},
    column_alias{"payband", import_field::pay_band},
    column_alias{"band", import_field::pay_band},
    column_alias{"afcband", import_field::pay_band},
    column_alias{"agendaforchangeband", import_field::pay_band},
    column_alias{"grade", import_field::pay_band},
    column_alias{"department", import_field::department},
    column_alias{"dept", import_field::department},
    column_alias{"team", import_field::department},
    column_alias{"ward", import_field::department},
    column_alias{"site", import_field::site},
    column_alias{"basesite", import_field::site},
    column_alias{"homesite", import_field::site},
    column_alias{"hospital", import_field::site},
    column_alias{"location", import_field::site},
    column_alias{"inductiondate", import_field::induction_date},
    column_alias{"induction", import_field::induction_date},
    column_alias{"inductedon", import_field::induction_date},
    column_alias{"commutemode", import_field::commute_mode},
    column_alias{"travelmode", import_field::commute_mode},
    column_alias{"modeoftravel", import_field::commute_mode},
    column_alias{"commutekm", import_field::commute_km},
    column_alias{"commutedistance", import_field::commute_km},
    column_alias{"commutedistancekm", import_field::commute_km},
    column_alias{"distancekm", import_field::commute_km},
};

std::string squeeze(std::string_view header)
{
  std::string squeezed;
  for (const char c : header) {
    if (std::isalnum(static_cast<unsigned char>(c))) squeezed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return squeezed;
}

std::optional<import_field> field_for(std::string_view header)
{
  const auto squeezed = squeeze(header);
  for (const auto& alias : column_aliases) {
    if (alias.squeezed == squeezed) return alias.field;
  }
  return std::nullopt;
}

}  // namespace

std::string_view field_name(import_field field)
{
  switch (field) {
    case import_field::staff_number: return "staff_number";
    case import_field::name: return "name";
    case import_field::first_name: return "first_name";
    case import_field::last_name: return "last_name";
    case import_field::email: return "email";
    case import_field::pay_band: return "pay_band";
    case import_field::department: return "department";
    case import_field::site: return "home_site_id";
    case import_field::induction_date: return "induction_date";
    case import_field::commute_mode: return "commute_mode";
    case import_field::commute_km: return "commute_distance_km";
  }
  return "";
}

std::optional<import_columns> map_columns(const std::vector<std::string>& header, std::vector<header_problem>& problems)
{
  import_columns columns;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto field = field_for(header[i]);
    if (!field) continue;
    auto& slot = columns.position[static_cast<std::size_t>(*field)];
    if (slot) {
      problems.push_back({std::string(field_name(*field)),
                          "columns \"" + header[*slot] + "\" and \"" + header[i] + "\" both give the " +
                              std::string(field_name(*field))});
    } else {
      slot = i;
    }
  }
  const auto require = [&](import_field field, std::string message) {
    if (!columns.of(field)) problems.push_back({std::string(field_name(field)), std::move(message)});
  };
  require(import_field::staff_number, "no column gives the staff number (e.g. \"Staff Number\")");
  require(import_field::pay_band, "no column gives the pay band (e.g. \"Band\")");
  if (!columns.of(import_field::name) && !(columns.of(import_field::first_name) && columns.of(import_field::last_name))) {
    problems.push_back({"name", "no column gives the name: add \"Name\", or \"First Name\" and \"Last Name\""});
  }
  if (!problems.empty()) return std::nullopt;
  return columns;
}

}  // namespace pedalpower::domain
