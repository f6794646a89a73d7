#include "pedalpower/telematics/timestamp.hpp"

#include <cstdint>
#include <cstdio>
#include <string>

#include "number_text.hpp"
#include "pedalpower/telematics/error.hpp"

namespace pedalpower::telematics {

namespace {

using namespace std::chrono;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// Reads `text` left to right, failing with one message that shows the whole input.
class cursor {
public:
  cursor(std::string_view text, std::string_view field) : text_(text), field_(field) {}

  bool at_end() const noexcept { return pos_ == text_.size(); }
  char peek() const noexcept { return at_end() ? '\0' : text_[pos_]; }
  bool peek_digit(std::size_t ahead = 0) const noexcept
  {
    return pos_ + ahead < text_.size() && is_digit(text_[pos_ + ahead]);
  }
  void skip() noexcept { ++pos_; }

  /// Exactly `count` digits as a number.
  int digits(std::size_t count)
  {
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (!peek_digit()) fail();
      value = value * 10 + (text_[pos_++] - '0');
    }
    return value;
  }

  void expect(char c)
  {
    if (peek() != c) fail();
    skip();
  }

  [[noreturn]] void fail(const std::string& why = {}) const
  {
    throw invalid_input(std::string(field_),
                        "'" + std::string(text_) + "' is not a timestamp" + (why.empty() ? "" : ": " + why) +
                            " (epoch seconds or milliseconds, ISO 8601, or yyyy-MM-dd HH:mm:ss)");
  }

private:
  std::string_view text_;
  std::string_view field_;
  std::size_t pos_ = 0;
};

time_point parse_epoch(std::string_view text, std::string_view field)
{
  // 1e11 seconds is the year 5138 and 1e11 milliseconds is March 1973: no real fix is ambiguous.
  constexpr std::int64_t smallest_milliseconds = 100'000'000'000;
  constexpr std::size_t most_digits = 15;  // milliseconds until the year 33658: ample, and no overflow
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  cursor error(text, field);
  if (whole.empty() || whole.size() > most_digits) error.fail("out of range");
  std::int64_t value = 0;
  for (char c : whole) value = value * 10 + (c - '0');
  if (value >= smallest_milliseconds) {
    if (!fraction.empty()) error.fail("epoch milliseconds take no fraction");
    return time_point{milliseconds{value}};
  }
  std::int64_t millis = 0;
  for (std::size_t i = 0; i < 3; ++i) millis = millis * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  return time_point{milliseconds{value * 1000 + millis}};
}

/// `.fff…` or `,fff…` after the seconds, as milliseconds (further digits are below our resolution).
int fraction_millis(cursor& in)
{
  if (in.peek() != '.' && in.peek() != ',') return 0;
  in.skip();
  if (!in.peek_digit()) in.fail("empty fraction of a second");
  int millis = 0;
  int places = 0;
  while (in.peek_digit()) {
    const int digit = in.digits(1);
    if (places < 3) {
      millis = millis * 10 + digit;
      ++places;
    }
  }
  for (; places < 3; ++places) millis *= 10;
  return millis;
}

/// The UTC offset at the end of an ISO 8601 time; none means UTC.
minutes utc_offset(cursor& in)
{
  if (in.at_end()) return minutes{0};
  const char sign = in.peek();
  if (sign == 'Z' || sign == 'z') {
    in.skip();
    return minutes{0};
  }
  // A '+' sent unescaped in a query string arrives decoded as a space.
  if (sign != '+' && sign != '-' && sign != ' ') in.fail();
  in.skip();
  const int hours = in.digits(2);
  int mins = 0;
  if (in.peek() == ':') {
    in.skip();
    mins = in.digits(2);
  } else if (in.peek_digit()) {
    mins = in.digits(2);
  }
  if (hours > 23 || mins > 59) in.fail("offset out of range");
  const minutes offset{hours * 60 + mins};
  return sign == '-' ? -offset : offset;
}

time_point parse_calendar(std::string_view text, std::string_view field)
{
  cursor in(text, field);
  const int y = in.digits(4);
  in.expect('-');
  const int mo = in.digits(2);
  in.expect('-');
  const int d = in.digits(2);
  if (in.peek() != 'T' && in.peek() != 't' && in.peek() != ' ') in.fail();
  in.skip();
  const int h = in.digits(2);
  in.expect(':');
  const int mi = in.digits(2);
  int s = 0;
  if (in.peek() == ':') {
    in.skip();
    s = in.digits(2);
  }
  const int millis = fraction_millis(in);
  const auto offset = utc_offset(in);
  if (!in.at_end()) in.fail();

  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) in.fail("no such date");
  if (h > 23 || mi > 59 || s > 59) in.fail("no such time of day");
  return time_point{sys_days{date}} + hours{h} + minutes{mi} + seconds{s} + milliseconds{millis} - offset;
}

}  // namespace

time_point parse_timestamp(std::string_view text, std::string_view field)
{
  const auto value = detail::trim(text);
  if (value.empty()) throw invalid_input(std::string(field), "is empty");
  bool epoch = true;
  int dots = 0;
  for (char c : value) {
    if (c == '.') ++dots;
    else if (!is_digit(c)) epoch = false;
  }
  const auto when = epoch && dots <= 1 && is_digit(value.front()) ? parse_epoch(value, field) : parse_calendar(value, field);
  // Only the years 0000 to 9999 can be written back (format_timestamp, ISO 8601 without
  // extension); past them std::chrono::year wraps and the time would be shown as another.
  constexpr time_point earliest{sys_days{year{0} / January / 1}};
  constexpr time_point latest{sys_days{year{10000} / January / 1}};
  if (when < earliest || when >= latest) cursor(value, field).fail("outside the years 0000 to 9999");
  return when;
}

std::string format_timestamp(time_point when)
{
  const auto day_start = floor<days>(when);
  const year_month_day date{day_start};
  const hh_mm_ss time{floor<seconds>(when - day_start)};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

}  // namespace pedalpower::telematics
