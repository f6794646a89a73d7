#include "pedalpower/kiosk/journal.hpp"

#include "pedalpower/db/connection.hpp"
#include "pedalpower/kiosk/uuid.hpp"

namespace pedalpower::kiosk {
namespace {

constexpr std::string_view entry_columns =
    "SELECT seq, idempotency_key, kind, payload, staff_id, bike_tag, recorded_at, confirmed_offline, state, "
    "attempts, last_error, answer, exception_reported, staff_proof FROM actions ";

journal_entry read_entry(const db::statement& row)
{
  journal_entry entry;
  row.read(entry.seq, entry.idempotency_key, entry.kind);
  entry.payload = nlohmann::json::parse(row.get_text(3));
  row.read_from(4, entry.staff_id, entry.bike_tag, entry.recorded_at, entry.confirmed_offline, entry.state,
                   entry.attempts, entry.last_error);
  if (const auto answer = row.get_optional_text(11)) entry.answer = nlohmann::json::parse(*answer);
  entry.exception_reported = row.get_int(12) != 0;
  entry.staff_proof = row.get_text(13);
  return entry;
}

}  // namespace

journal_entry journal::append(const new_action& action, unix_seconds now)
{
  db_.run(
      "INSERT INTO actions (idempotency_key, kind, payload, staff_id, bike_tag, recorded_at, confirmed_offline, "
      "staff_proof) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      random_uuid(), action.kind, action.payload.dump(), action.staff_id, action.bike_tag, now,
      action.confirmed_offline, action.staff_proof);
  return *find(db_.last_insert_rowid());
}

template <typename Argument>
std::vector<journal_entry> journal::select(std::string_view where_clause_sql, const Argument& argument)
{
  auto& rows = db_.query(std::string(entry_columns) + std::string(where_clause_sql), argument);
  std::vector<journal_entry> found;
  while (rows.step()) found.push_back(read_entry(rows));
  rows.reset();
  return found;
}

std::optional<journal_entry> journal::next_pending()
{
  auto found = select("WHERE state = 'pending' ORDER BY seq LIMIT ?1", 1);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<journal_entry> journal::find(std::int64_t seq)
{
  auto found = select("WHERE seq = ?1", seq);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<journal_entry> journal::pending_of_kind(const std::string& kind)
{
  return select("WHERE state = 'pending' AND kind = ?1 ORDER BY seq", kind);
}

std::vector<journal_entry> journal::pending_checkouts_still_out()
{
  return select(
      "WHERE state = 'pending' AND kind = ?1 AND NOT EXISTS (SELECT 1 FROM actions back WHERE back.kind = 'return' "
      "AND back.bike_tag = actions.bike_tag AND back.seq > actions.seq AND back.state IN ('pending', 'delivered')) "
      "ORDER BY seq",
      std::string("checkout"));
}

bool journal::lent_here_while_pending(const std::string& bike_tag)
{
  auto& row = db_.query("SELECT state = 'pending' FROM actions WHERE kind = 'checkout' AND bike_tag = ?1 "
                        "AND state IN ('pending', 'delivered') ORDER BY seq DESC LIMIT 1",
                        bike_tag);
  const bool pending = row.step() && row.get_int(0) != 0;
  row.reset();
  return pending;
}

std::optional<loan_lent_here> journal::find_loan_lent_here(const std::string& bike_tag)
{
  auto& row = db_.query(
      "SELECT json_extract(answer, '$.id'), json_extract(payload, '$.accessories') FROM actions lent "
      "WHERE kind = 'checkout' AND state = 'delivered' AND bike_tag = ?1 AND json_extract(answer, '$.id') > 0 "
      "AND NOT EXISTS (SELECT 1 FROM actions back WHERE back.kind = 'return' AND back.bike_tag = ?1 "
      "                AND back.seq > lent.seq AND back.state IN ('pending', 'delivered')) "
      "ORDER BY seq DESC LIMIT 1",
      bike_tag);
  std::optional<loan_lent_here> found;
  if (row.step()) {
    const auto accessories = row.get_optional_text(1);
    found = loan_lent_here{row.get_int(0), accessories ? nlohmann::json::parse(*accessories).get<std::vector<std::string>>()
                                                       : std::vector<std::string>{}};
  }
  row.reset();
  return found;
}

std::optional<std::string> journal::bike_tag_of_loan(std::int64_t loan_id)
{
  auto& row = db_.query(
      "SELECT bike_tag FROM actions WHERE kind = 'checkout' AND state = 'delivered' AND json_extract(answer, '$.id') = ?1",
      loan_id);
  std::optional<std::string> tag;
  if (row.step()) tag = row.get_text(0);
  row.reset();
  return tag;
}

void journal::settle(std::int64_t seq, std::string_view state, const nlohmann::json& answer, unix_seconds now)
{
  db_.run("UPDATE actions SET state = ?2, answer = ?3, settled_at = ?4 WHERE seq = ?1 AND state = 'pending'", seq,
          state, answer.dump(), now);
}

void journal::mark_delivered(std::int64_t seq, const nlohmann::json& answer, unix_seconds now)
{
  settle(seq, "delivered", answer, now);
}

void journal::mark_refused(std::int64_t seq, const nlohmann::json& answer, unix_seconds now)
{
  settle(seq, "refused", answer, now);
}

void journal::mark_withdrawn(std::int64_t seq, const std::string& reason, unix_seconds now)
{
  settle(seq, "withdrawn", nlohmann::json{{"reason", reason}}, now);
}

void journal::mark_confirmed_offline(std::int64_t seq)
{
  db_.run("UPDATE actions SET confirmed_offline = 1 WHERE seq = ?1", seq);
}

void journal::update_payload(std::int64_t seq, const nlohmann::json& payload)
{
  db_.run("UPDATE actions SET payload = ?2 WHERE seq = ?1 AND state = 'pending'", seq, payload.dump());
}

void journal::record_failed_attempt(std::int64_t seq, const std::string& error)
{
  db_.run("UPDATE actions SET attempts = attempts + 1, last_error = ?2 WHERE seq = ?1", seq, error);
}

std::vector<journal_entry> journal::unreported_exceptions()
{
  return select("WHERE state = 'refused' AND confirmed_offline = 1 AND exception_reported = ?1 ORDER BY seq", 0);
}

void journal::mark_exception_reported(std::int64_t seq)
{
  db_.run("UPDATE actions SET exception_reported = 1 WHERE seq = ?1", seq);
}

journal_counts journal::counts()
{
  auto& row = db_.query(
      "SELECT COUNT(*) FILTER (WHERE state = 'pending'), "
      "COUNT(*) FILTER (WHERE state = 'refused' AND confirmed_offline = 1), "
      "COUNT(*) FILTER (WHERE state = 'refused' AND confirmed_offline = 1 AND exception_reported = 0) "
      "FROM actions");
  row.step();
  journal_counts counted{static_cast<int>(row.get_int(0)), static_cast<int>(row.get_int(1)),
                         static_cast<int>(row.get_int(2))};
  row.reset();
  return counted;
}

}  // namespace pedalpower::kiosk
