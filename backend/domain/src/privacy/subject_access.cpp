#include "pedalpower/domain/subject_access.hpp"

#include <nlohmann/json.hpp>

#include "listing/list_query.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/domain/trips.hpp"
#include "privacy/staff_positions.hpp"

namespace pedalpower::domain {

const char* const audit_rows_about_staff =
    "(entity = 'staff' AND entity_id = ?1)"
    " OR (entity = 'loan' AND entity_id IN (SELECT CAST(id AS TEXT) FROM loans WHERE staff_id = ?2))"
    " OR (entity = 'waitlist_entry' AND entity_id IN (SELECT CAST(id AS TEXT) FROM waitlist_entries WHERE staff_id = ?2))"
    " OR (entity = 'reservation' AND entity_id IN (SELECT CAST(id AS TEXT) FROM reservations WHERE staff_id = ?2))"
    " OR (entity = 'kiosk_exception' AND entity_id IN (SELECT CAST(id AS TEXT) FROM kiosk_exceptions WHERE staff_id = ?2))"
    " OR instr(actor, ?3) > 0";

std::string kiosk_actor_part(const std::string& staff_number) { return "/staff:" + staff_number + "/"; }

namespace {

nlohmann::json part(std::string_view explanation, nlohmann::json data)
{
  return {{"explanation", explanation}, {"data", std::move(data)}};
}

/// `text` as the JSON it holds, or as a string when it holds none.
nlohmann::json parsed_or_text(const std::string& text)
{
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json(text) : parsed;
}

/// The rows of `sql`, whose one column is each row as JSON text (SQLite's json_object, which keeps
/// every value's type), for the person reading the record.
nlohmann::json rows_of(db::connection& db, std::string_view sql, std::int64_t staff_id)
{
  auto found = nlohmann::json::array();
  auto& rows = db.query(sql, staff_id);
  while (rows.step()) found.push_back(parsed_or_text(rows.get_text(0)));
  return found;
}

nlohmann::json one_row_of(db::connection& db, std::string_view sql, std::int64_t staff_id)
{
  auto rows = rows_of(db, sql, staff_id);
  return rows.empty() ? nlohmann::json() : rows.front();
}

/// An SQL expression: Unix seconds `column` as ISO 8601 UTC, or null.
std::string utc(std::string_view column)
{
  return "strftime('%Y-%m-%dT%H:%M:%SZ', " + std::string(column) + ", 'unixepoch')";
}

nlohmann::json trips_part(db::connection& db, const std::vector<loan>& loans)
{
  auto trips = nlohmann::json::array();
  for (const auto& lent : loans) {
    const auto ridden = loan_trips(db, lent.id, {});
    if (!ridden) continue;
    for (const auto& trip : ridden->trips) trips.push_back(trip);
  }
  return trips;
}

nlohmann::json audit_part(db::connection& db, std::int64_t staff_id, const std::string& staff_number)
{
  auto& rows = db.query(std::string("SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log WHERE ") +
                            audit_rows_about_staff + " ORDER BY id",
                        std::to_string(staff_id), staff_id, kiosk_actor_part(staff_number));
  auto entries = nlohmann::json::array();
  while (rows.step()) {
    const auto recorded = [&rows](int column) {
      const auto text = rows.get_optional_text(column);
      return text ? parsed_or_text(*text) : nlohmann::json();
    };
    entries.push_back({{"id", rows.get_int(0)},
                       {"at", iso8601(rows.get_int(1))},
                       {"actor", rows.get_text(2)},
                       {"action", rows.get_text(3)},
                       {"entity", rows.get_text(4)},
                       {"entity_id", rows.get_text(5)},
                       {"before", recorded(6)},
                       {"after", recorded(7)}});
  }
  return entries;
}

}  // namespace

outcome<nlohmann::json> subject_access_record(db::connection& db, std::int64_t staff_id, unix_seconds now)
{
  const auto member = find_staff(db, staff_id);
  if (!member) return member.error();

  loan_filter mine;
  mine.staff_id = staff_id;
  const auto loans = list_loans(db, mine);
  const auto positions = count_staff_positions(db, staff_id);
  const auto pages = (positions + subject_access_positions_page_size - 1) / subject_access_positions_page_size;

  nlohmann::json parts;
  parts["staff"] = part(
      "Your staff record: number, name, email, pay band, department, home site, induction date, previous commute "
      "(used to estimate the emissions your rides avoided), and whether a kiosk PIN and a badge are set. The PIN "
      "itself is kept only as a one-way hash and is not shown.",
      one_row_of(db,
                 "SELECT json_object('id', id, 'staff_number', staff_number, 'name', name, 'email', email, 'pay_band',"
                 " pay_band, 'department', department, 'home_site_id', home_site_id, 'induction_date', induction_date,"
                 " 'commute_mode', commute_mode, 'commute_car_occupancy', commute_car_occupancy, 'commute_distance_km',"
                 " commute_distance_km, 'active', json(iif(active, 'true', 'false')),"
                 " 'badge_set', json(iif(badge_id IS NULL, 'false', 'true')),"
                 " 'pin_set', json(iif(pin_hash IS NULL, 'false', 'true')), 'email_reminders',"
                 " json(iif(email_reminders, 'true', 'false')), 'created_at', " + utc("created_at") +
                     ", 'updated_at', " + utc("updated_at") + ", 'erased_at', " + utc("erased_at") +
                     ") FROM staff WHERE id = ?1",
                 staff_id));
  parts["loans"] = part("Every e-bike you borrowed: when, which bike and site, the terms you accepted, renewals, the "
                        "return and its condition, and the accessories issued and returned.",
                        nlohmann::json(loans));
  parts["waitlist_entries"] = part(
      "Your places on the waiting lists: site, priority tier from your pay band, when you joined and how it ended.",
      rows_of(db,
              "SELECT json_object('id', id, 'site_id', site_id, 'priority_tier', priority_tier, 'joined_at', " +
                  utc("joined_at") + ", 'status', status, 'closed_at', " + utc("closed_at") +
                  ") FROM waitlist_entries WHERE staff_id = ?1 ORDER BY joined_at, id",
              staff_id));
  parts["reservations"] = part(
      "Bikes held for you from the waiting list, until when, and what became of each hold.",
      rows_of(db,
              "SELECT json_object('id', id, 'bike_id', bike_id, 'waitlist_entry_id', waitlist_entry_id, 'created_at', " +
                  utc("created_at") + ", 'expires_at', " + utc("expires_at") +
                  ", 'status', status) FROM reservations WHERE staff_id = ?1 ORDER BY created_at, id",
              staff_id));
  parts["trips"] = part("The rides recorded on your loans, as times and distances (no places), with the emissions "
                        "they avoided compared with your previous way of getting to work.",
                        trips_part(db, loans));
  parts["positions"] = {
      {"explanation",
       "Raw GPS positions of the bikes you borrowed, taken while you had them, still held: they are reduced to "
       "trip summaries without places after 30 days. They are too many for one document, so they come in pages "
       "of the size below."},
      {"total", positions},
      {"page_size", subject_access_positions_page_size},
      {"pages", pages}};
  parts["privacy_zone"] = part(
      "The circle around your home inside which the ends of your trips are hidden.",
      one_row_of(db,
                 "SELECT json_object('lat', lat_udeg / 1e6, 'lon', lon_udeg / 1e6, 'radius_m', radius_m, 'updated_at', " +
                     utc("updated_at") + ") FROM staff_privacy_zones WHERE staff_id = ?1",
                 staff_id));
  parts["kiosk_identifications"] = part(
      "Each time you proved your PIN at a kiosk: which kiosk, when, and until when that kiosk may act for you while "
      "offline. The proof itself is kept only as a one-way hash and is not shown.",
      rows_of(db,
              "SELECT json_object('id', id, 'device_id', device_id, 'identified_at', " + utc("identified_at") +
                  ", 'valid_until', " + utc("valid_until") +
                  ") FROM kiosk_identifications WHERE staff_id = ?1 ORDER BY identified_at, id",
              staff_id));
  parts["pin_lockouts"] = part(
      "Wrong PINs typed for you at each kiosk, and any lock that followed.",
      rows_of(db,
              "SELECT json_object('device_id', device_id, 'failures', failures, 'locked_until', " + utc("locked_until") +
                  ", 'locks', locks) FROM pin_lockouts WHERE staff_id = ?1 ORDER BY device_id",
              staff_id));
  parts["outbox"] = part(
      "Emails the scheme wrote to you, with what each said, and whether it was sent.",
      rows_of(db,
              "SELECT json_object('id', id, 'kind', kind, 'recipient', recipient, 'facts', json(facts), 'status', status,"
              " 'attempts', attempts, 'created_at', " + utc("created_at") + ", 'sent_at', " + utc("sent_at") +
                  ") FROM outbox WHERE recipient_label = 'staff:' || ?1 ORDER BY id",
              staff_id));
  parts["kiosk_exceptions"] = part(
      "Things a kiosk did for you while offline that could not be applied later, and how staff resolved them.",
      rows_of(db,
              "SELECT json_object('id', id, 'device_id', device_id, 'kind', kind, 'bike_tag', bike_tag, 'recorded_at', " +
                  utc("recorded_at") + ", 'payload', json(payload), 'refusal', json(refusal), 'reported_at', " +
                  utc("reported_at") + ", 'status', status, 'resolved_at', " + utc("resolved_at") +
                  ", 'resolution_note', resolution_note) FROM kiosk_exceptions WHERE staff_id = ?1 ORDER BY id",
              staff_id));
  parts["checkout_refusals"] = part(
      "Checkouts asked for you, at a kiosk or by a coordinator, that the scheme refused: when, which bike and site, "
      "and why. They are counted, without your name, in the scheme's equity report.",
      rows_of(db,
              "SELECT json_object('id', id, 'refused_at', " + utc("refused_at") +
                  ", 'bike_id', bike_id, 'site_id', site_id, 'device_id', device_id, 'reason', reason)"
                  " FROM checkout_refusals WHERE staff_id = ?1 ORDER BY refused_at, id",
              staff_id));
  parts["audit"] = part("The scheme's log of every change about you or made for you at a kiosk: when, by whom, "
                        "and the record before and after.",
                        audit_part(db, staff_id, member->staff_number));

  return nlohmann::json{
      {"about",
       "Everything the Pedal Power e-bike loan scheme holds about one member of staff, made for a subject access "
       "request (UK GDPR article 15). Each part says what it holds. Times are UTC (ISO 8601), distances in km, "
       "coordinates in degrees."},
      {"staff_id", staff_id},
      {"made_at", iso8601(now)},
      {"parts", std::move(parts)}};
}

outcome<list_page<nlohmann::json>> subject_access_positions(db::connection& db, std::int64_t staff_id,
                                                           const page_request& wanted)
{
  if (const auto member = find_staff(db, staff_id); !member) return member.error();
  if (wanted.page_size > subject_access_positions_page_size) {
    return invalid("page_size", "page_size is 1 to " + std::to_string(subject_access_positions_page_size));
  }
  if (const auto order = order_clause(wanted, {}, "time_ms"); !order) return order.error();
  list_page<nlohmann::json> page;
  page.page = wanted.page;
  page.page_size = wanted.page_size;
  page.total = count_staff_positions(db, staff_id);
  page.items = staff_positions_page(db, staff_id, std::int64_t{wanted.page - 1} * wanted.page_size, wanted.page_size);
  return page;
}

}  // namespace pedalpower::domain
