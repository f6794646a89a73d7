#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pedalpower/api/response.hpp"

namespace pedalpower::db {
class connection;
}

namespace pedalpower::api {

struct stored_answer {
  std::string request_hash;
  response answer;
};

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
