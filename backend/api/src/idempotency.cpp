#include "idempotency.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "pedalpower/db/connection.hpp"

namespace pedalpower::api {

std::string request_fingerprint(const std::string& method, const std::string& target, const std::string& body)
{
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  const std::string material = method + ' ' + target + '\n' + body;
  if (EVP_Digest(material.data(), material.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 0xf]);
  }
  return out;
}

std::optional<stored_answer> find_stored_answer(db::connection& db, const std::string& actor, const std::string& key)
{
  auto& row = db.query("SELECT request_hash, status, response_body FROM idempotency_keys WHERE actor = ?1 AND key = ?2",
                       actor, key);
  if (!row.step()) return std::nullopt;
  stored_answer found{row.get_text(0), {}};
  found.answer.status = static_cast<unsigned>(row.get_int(1));
  found.answer.body = row.get_text(2);
  row.reset();
  return found;
}

void store_answer(db::connection& db, const std::string& actor, const std::string& key, const std::string& request_hash,
                  const response& answer, std::int64_t now)
{
  db.run("INSERT INTO idempotency_keys(actor, key, request_hash, status, response_body, created_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
         actor, key, request_hash, static_cast<std::int64_t>(answer.status), answer.body, now);
}

int forget_answers_before(db::connection& db, std::int64_t cutoff)
{
  return db.run("DELETE FROM idempotency_keys WHERE created_at < ?1", cutoff);
}

}  // namespace pedalpower::api
