#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace pedalpower {

/// Seconds since the Unix epoch, UTC. Services take `now` as a parameter so tests control time.
using unix_seconds = std::int64_t;

inline constexpr unix_seconds seconds_per_day = 86'400;

unix_seconds current_time();

/// 'YYYY-MM-DD' of the UTC day holding `at`.
std::string utc_date(unix_seconds at);

/// `at` in the server's time zone (TZ, else the system's).
std::tm local_time(unix_seconds at);
/// '7 Apr 2025': the day holding `at` in the server's time zone (TZ, else the system's), as
/// people write it.
std::string spoken_date(unix_seconds at);
/// '31 Mar 2025 at 10:05 BST': `at` to the minute in the server's time zone, named.
std::string spoken_time(unix_seconds at);
/// The moment 'YYYY-MM-DDTHH:MM:SSZ' names; nullopt for any other text.
std::optional<unix_seconds> parse_iso8601(std::string_view text);
/// 'YYYY-MM-DDTHH:MM:SSZ' for `at`.
std::string iso8601(unix_seconds at);

/// Parses 'YYYY-MM-DD' strictly (a real calendar date); false if malformed.
bool is_valid_date(const std::string& text);

}  // namespace pedalpower
