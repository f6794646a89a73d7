#include "pedalpower/domain/site_scope.hpp"

namespace pedalpower::domain {

outcome<std::int64_t> acting_site(const site_scope& scope, std::optional<std::int64_t> named, std::string refusal)
{
  if (named) {
    if (auto refused = other_site_refusal(scope, *named, std::move(refusal), "site_id")) return *refused;
  }
  if (scope.kiosk_site) return *scope.kiosk_site;
  if (!named) return invalid("site_id", "site_id is required", "required");
  return *named;
}

std::optional<problem> other_site_refusal(const site_scope& scope, std::int64_t kept_at, std::string refusal,
                                          std::string field)
{
  if (!scope.kiosk_site || *scope.kiosk_site == kept_at) return std::nullopt;
  return problem{problem_kind::forbidden, "other_site", std::move(refusal), std::move(field)};
}

}  // namespace pedalpower::domain
