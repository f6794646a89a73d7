#include "idempotency.hpp"

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/core/secrets.hpp"

namespace pedalpower::api {

std::string request_fingerprint(const std::string& method, const std::string& target, const std::string& body)
{
  return pedalpower::sha256_hex(method + ' ' + target + '\n' + body);
}

std::optional<stored_answer> find_stored_answer(db::connection& db, const std::string& actor, const std::string& key)
{
  auto& row = db.query("SELECT request_hash, status, response_content_type, response_headers, response_body, body_kept "
                       "FROM idempotency_keys WHERE actor = ?1 AND key = ?2",
                       actor, key);
  if (!row.step()) return std::nullopt;
  stored_answer found{row.get_text(0), {}};
  if (row.get_int(5) == 0) {
    found.answer = error_response(problem_kind::conflict, "answer_not_kept",
                                  "this request was already done; its answer was too large to keep, so read the "
                                  "result again",
                                  "Idempotency-Key");
  } else {
    found.answer.status = static_cast<unsigned>(row.get_int(1));
    found.answer.content_type = row.get_text(2);
    found.answer.headers =
        nlohmann::json::parse(row.get_text(3)).get<std::vector<std::pair<std::string, std::string>>>();
    found.answer.body = row.get_text(4);
  }
  row.reset();
  return found;
}

void store_answer(db::connection& db, const std::string& actor, const std::string& key, const std::string& request_hash,
                  const response& answer, std::int64_t now)
{
  const bool kept = answer.body.size() <= max_replayed_body_bytes;
  db.run("INSERT INTO idempotency_keys(actor, key, request_hash, status, response_content_type, response_headers, "
         "response_body, created_at, body_kept) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
         actor, key, request_hash, static_cast<std::int64_t>(answer.status), answer.content_type,
         nlohmann::json(answer.headers).dump(), kept ? answer.body : std::string(), now, kept ? 1 : 0);
}

int forget_answers_before(db::connection& db, std::int64_t cutoff)
{
  return db.run("DELETE FROM idempotency_keys WHERE created_at < ?1", cutoff);
}

}  // namespace pedalpower::api
