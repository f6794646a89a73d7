#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "pedalpower/api/response.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::api {

struct stored_answer {
  std::string request_hash;
  response answer;
};

/// Answers up to this size are kept for replay. A larger one (a whole staff import's report) would
/// make every such request cost its size again in the database for the days keys are kept; its key
/// still records that the request was done, and a repeat is answered 409 "answer_not_kept".
inline constexpr std::size_t max_replayed_body_bytes = 16 * 1024;

/// SHA-256 (hex) of what makes two requests "the same": method, path with query string, and body.
std::string request_fingerprint(const std::string& method, const std::string& target, const std::string& body);

/// The answer stored for `actor`'s `key`, whole: status, content type, extra headers and body. An
/// answer carrying a secret (a session cookie, a token) must not be stored: such routes write
/// without their key (auth::without_replay).
std::optional<stored_answer> find_stored_answer(db::connection& db, const std::string& actor, const std::string& key);
void store_answer(db::connection& db, const std::string& actor, const std::string& key, const std::string& request_hash,
                  const response& answer, std::int64_t now);
/// Forgets keys older than `cutoff`; returns how many.
int forget_answers_before(db::connection& db, std::int64_t cutoff);

}  // namespace pedalpower::api
