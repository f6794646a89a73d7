#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Machines that call the API with a bearer token: kiosks at a site, and telematics gateways.
inline constexpr std::array<std::string_view, 2> device_roles{"kiosk", "telematics"};

struct device {
  std::int64_t id = 0;
  std::string name;
  std::string role;  ///< one of device_roles
  std::optional<std::int64_t> site_id;
  bool active = true;
  unix_seconds created_at = 0;
};

/// id, name, role, site_id, active and created_at (ISO 8601); never the token.
void to_json(nlohmann::json& out, const device& value);

struct new_device {
  std::string name;
  std::string role;
  std::optional<std::int64_t> site_id;  ///< required for a kiosk
};

/// A device and its bearer token. The token exists only in this answer: the database keeps its digest.
struct issued_device {
  device registered;
  std::string token;
};

/// Registers a device with a fresh token. invalid for a bad name or role, a kiosk without a site or
/// an unknown site; conflict "device_name_taken". Throws db::error.
outcome<issued_device> register_device(db::connection& db, const actor& who, unix_seconds now, const new_device& details);
struct device_filter {
  std::optional<std::string> role;
  std::optional<std::int64_t> site_id;
  std::optional<bool> active;
};

/// One page of the devices matching `filter`, by name unless `wanted` sorts by name, role, site_id,
/// created_at or id. Problems: invalid "sort", "page" or "page_size".
outcome<list_page<device>> list_devices(db::connection& db, const device_filter& filter, const page_request& wanted);
outcome<device> find_device(db::connection& db, std::int64_t id);
/// The active device holding `token`; nullopt for an unknown, replaced or deactivated token.
std::optional<device> find_device_by_token(db::connection& db, std::string_view token);

/// Stops the device's token working (inactive), or lets it work again (active). Setting the state
/// the device is already in changes nothing.
outcome<device> set_device_active(db::connection& db, const actor& who, unix_seconds now, std::int64_t id, bool active);
/// Replaces the device's token; the old one stops working. conflict "device_inactive" for a
/// deactivated device.
outcome<issued_device> rotate_device_token(db::connection& db, const actor& who, unix_seconds now, std::int64_t id);

/// A working token for the demo kiosk of `site_id` ("kiosk-<site code>"): registers it the first
/// time, replaces its token afterwards (the old token cannot be recovered). not_found for an unknown site.
outcome<std::string> issue_demo_kiosk_token(db::connection& db, unix_seconds now, std::int64_t site_id);

}  // namespace pedalpower::domain
