// The words of each message: plain, short, and the same in the text and HTML bodies. No images,
// no links that track; the HTML is only paragraphs and a table.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/notifications.hpp"

namespace pedalpower::domain {
namespace {

std::string escaped(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fact(const nlohmann::json& facts, const char* name)
{
  const auto found = facts.find(name);
  if (found == facts.end()) return {};
  return found->is_string() ? found->get<std::string>() : found->dump();
}

/// A moment of the facts, "2026-12-03T14:00:00Z", in `words` of the server's time zone; any other
/// text as it is.
std::string moment(const nlohmann::json& facts, const char* name, std::string (*words)(unix_seconds))
{
  const auto text = fact(facts, name);
  const auto at = parse_iso8601(text);
  return at ? words(*at) : text;
}

/// "3 Dec 2026 at 14:00 GMT".
std::string when(const nlohmann::json& facts, const char* name) { return moment(facts, name, spoken_time); }
/// "3 Dec 2026".
std::string day_of(const nlohmann::json& facts, const char* name) { return moment(facts, name, spoken_date); }

/// A calendar day of the facts, "2026-12-03", as "3 Dec 2026"; any other text as it is.
std::string calendar_day(const std::string& text)
{
  // Noon of a day falls on that same day in every zone people live in.
  const auto noon = is_valid_date(text) ? parse_iso8601(text + "T12:00:00Z") : std::nullopt;
  return noon ? spoken_date(*noon) : text;
}

/// A message of a greeting, paragraphs and an optional table, signed by the scheme.
class message_builder {
public:
  message_builder(std::string subject, const std::string& name, std::string_view scheme) : scheme_(scheme)
  {
    written_.subject = std::string(scheme) + ": " + std::move(subject);
    paragraph(name.empty() ? "Hello," : "Hello " + name + ",");
  }

  message_builder& paragraph(const std::string& text)
  {
    written_.text += text + "\r\n\r\n";
    written_.html += "<p>" + escaped(text) + "</p>\r\n";
    return *this;
  }

  message_builder& table(const std::vector<std::string>& headings, const std::vector<std::vector<std::string>>& rows)
  {
    written_.html += "<table>\r\n<tr>";
    for (const auto& heading : headings) written_.html += "<th scope=\"col\">" + escaped(heading) + "</th>";
    written_.html += "</tr>\r\n";
    for (const auto& row : rows) {
      written_.html += "<tr>";
      std::string line;
      for (std::size_t i = 0; i < row.size(); ++i) {
        written_.html += "<td>" + escaped(row[i]) + "</td>";
        line += (i ? ", " : "- ") + (i < headings.size() ? headings[i] + ": " : std::string()) + row[i];
      }
      written_.html += "</tr>\r\n";
      written_.text += line + "\r\n";
    }
    written_.html += "</table>\r\n";
    written_.text += "\r\n";
    return *this;
  }

  written_message done()
  {
    written_.text += "-- \r\n" + scheme_ + "\r\n";
    written_.html = "<!DOCTYPE html>\r\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escaped(written_.subject) +
                    "</title></head>\r\n<body>\r\n" + written_.html + "<p>" + escaped(scheme_) + "</p>\r\n</body></html>\r\n";
    return std::move(written_);
  }

private:
  std::string scheme_;
  written_message written_;
};

const char* service_words(const std::string& kind)
{
  if (kind == "safety_check") return "safety check";
  if (kind == "full_service") return "full service";
  if (kind == "charger_pat") return "charger electrical safety (PAT) test";
  if (kind == "battery_check") return "battery check";
  return "service";
}

/// "120 km or 9 days left" for a service due soon; "40 km past due" for one overdue.
std::string service_measures(const nlohmann::json& facts, bool overdue)
{
  std::vector<std::string> parts;
  for (const auto& [name, unit] : {std::pair{"km_left", " km"}, {"days_left", " days"}, {"cycles_left", " charge cycles"}}) {
    const auto found = facts.find(name);
    if (found == facts.end() || !found->is_number_integer()) continue;
    const auto left = found->get<std::int64_t>();
    if (overdue && left >= 0) continue;  // only the measures that made it due
    parts.push_back(std::to_string(overdue ? -left : left) + unit);
  }
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) joined += (i == 0 ? "" : overdue ? " and " : " or ") + parts[i];
  if (joined.empty()) return {};
  return overdue ? joined + " past due" : joined + " left";
}

}  // namespace

written_message write_message(const outbox_entry& entry, std::string_view scheme_name)
{
  const auto& facts = entry.message.facts;
  const auto name = fact(facts, "name");
  const auto& kind = entry.message.kind;
  if (kind == "reservation_offered") {
    return message_builder("a bike is held for you at " + fact(facts, "site"), name, scheme_name)
        .paragraph("A bike is free for you: " + fact(facts, "bike_tag") + " is held for you at " + fact(facts, "site") +
                   " until " + when(facts, "expires_at") + ".")
        .paragraph("Come to the kiosk at the bike store before then to borrow it. If you no longer want a bike, "
                   "you need do nothing: the hold ends by itself and the bike goes to the next person waiting.")
        .done();
  }
  if (kind == "loan_due") {
    return message_builder("your bike is due back on " + day_of(facts, "due_at"), name, scheme_name)
        .paragraph("Your loan of " + fact(facts, "bike_tag") + " is due back at " + fact(facts, "site") + " by " +
                   when(facts, "due_at") + ".")
        .paragraph("You may be able to renew it at the kiosk. To stop these reminders, ask the scheme coordinator.")
        .done();
  }
  if (kind == "loan_overdue") {
    return message_builder("your bike was due back on " + day_of(facts, "due_at"), name, scheme_name)
        .paragraph("Your loan of " + fact(facts, "bike_tag") + " was due back at " + fact(facts, "site") + " by " +
                   when(facts, "due_at") + ".")
        .paragraph("Please return it at the kiosk, or contact the scheme coordinator if something is wrong.")
        .done();
  }
  if (kind == "overdue_digest") {
    std::vector<std::vector<std::string>> rows;
    for (const auto& loan : facts.value("loans", nlohmann::json::array())) {
      rows.push_back({fact(loan, "staff_number"), fact(loan, "name"), fact(loan, "bike_tag"), fact(loan, "site"),
                      when(loan, "due_at")});
    }
    const auto count =
        rows.size() == 1 ? std::string("1 overdue loan") : std::to_string(rows.size()) + " overdue loans";
    return message_builder(count + " on " + calendar_day(fact(facts, "date")), name, scheme_name)
        .paragraph("These loans are past their due date:")
        .table({"Staff number", "Name", "Bike", "Site", "Due"}, rows)
        .done();
  }
  if (kind == "safety_fault") {
    const auto note = fact(facts, "note");
    return message_builder("safety fault on " + fact(facts, "bike_tag"), name, scheme_name)
        .paragraph("A safety fault (" + fact(facts, "category") + ") was reported on " + fact(facts, "bike_tag") +
                   " at " + fact(facts, "site") + " at " + when(facts, "reported_at") + ".")
        .paragraph(note.empty() ? "No note was given." : "The note says: " + note)
        .paragraph("The bike cannot be lent until it is checked.")
        .done();
  }
  if (kind == "service_due_soon" || kind == "service_overdue") {
    const bool overdue = kind == "service_overdue";
    const std::string service = service_words(fact(facts, "service"));
    const auto measures = service_measures(facts, overdue);
    const auto last = fact(facts, "last_done_at");
    return message_builder(service + (overdue ? " overdue on " : " due soon on ") + fact(facts, "bike_tag"), name,
                           scheme_name)
        .paragraph("The " + service + " of " + fact(facts, "bike_tag") + " (" + fact(facts, "model") + ") at " +
                   fact(facts, "site") + (overdue ? " is overdue" : " is due soon") +
                   (measures.empty() ? "." : ": " + measures + "."))
        .paragraph(last.empty() || last == "null" ? "It has not been recorded as done on this bike yet."
                                                  : "It was last done at " + when(facts, "last_done_at") + ".")
        .paragraph("It is in the workshop queue in the admin. Recording the service there starts the count again.")
        .done();
  }
  if (kind == "kiosk_exception") {
    const auto reason = fact(facts, "reason");
    return message_builder("a kiosk action needs you (exception " + fact(facts, "exception_id") + ")", name, scheme_name)
        .paragraph(fact(facts, "kiosk") + " took a " + fact(facts, "action") + " of " + fact(facts, "bike_tag") +
                   " at " + when(facts, "recorded_at") + " while offline, and the scheme refused it on replay" +
                   (reason.empty() ? "." : ": " + reason))
        .paragraph("Look into it under kiosk exceptions in the admin and resolve it.")
        .done();
  }
  if (kind == "sign_in_throttled") {
    const bool locked = fact(facts, "reason") == "locked_for_address";
    return message_builder(locked ? "sign-ins to your account were locked" : "wrong passwords were tried on your account",
                           name, scheme_name)
        .paragraph(fact(facts, "failures") + " wrong passwords were typed for your account, the last from " +
                   fact(facts, "address") + " at " + when(facts, "at") + ".")
        .paragraph(locked ? "Sign-ins from that address are refused for 15 minutes; you can still sign in from elsewhere."
                          : "Sign-ins are slowed for a while. You can still sign in with your own password.")
        .paragraph("If this was not you, change your password and tell the scheme coordinator.")
        .done();
  }
  if (kind == "report_pack_ready") {
    return message_builder("the report pack for " + fact(facts, "month") + " is ready", name, scheme_name)
        .paragraph("The monthly report pack for " + fact(facts, "month") +
                   " is made: the activity, equity, fleet-use and distance reports in one workbook, with its method.")
        .paragraph("Sign in to the admin, then download it from " + fact(facts, "link") + ".")
        .paragraph("The figures stay behind sign-in, so they are not attached to this message.")
        .done();
  }
  return message_builder(kind, name, scheme_name).paragraph(facts.dump()).done();
}

}  // namespace pedalpower::domain
