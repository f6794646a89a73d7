// OsmAnd requests as trackers send them: a query string, a form body or Traccar Client's JSON.
// The input is the query, a line break, then the body; its first byte picks the method and the
// Content-Type. Each request is read by the telematics parsers directly, then sent to /osmand on
// the demo scheme, which must answer it as a device's request, never with a server fault.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_app.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/form_urlencoded.hpp"
#include "pedalpower/telematics/osmand.hpp"
#include "pedalpower/telematics/traccar_json.hpp"
#include "pedalpower/telematics/validation.hpp"

using namespace pedalpower;

namespace {

constexpr std::array<const char*, 4> content_types{"", "application/x-www-form-urlencoded", "application/json",
                                                   "application/json; charset=utf-8"};

void parse_directly(std::string_view query, std::string_view body, telematics::time_point received)
{
  try {
    auto fields = telematics::parse_form_urlencoded(query);
    const auto from_body = telematics::parse_form_urlencoded(body);
    fields.insert(fields.end(), from_body.begin(), from_body.end());
    telematics::validate_position(telematics::parse_osmand(fields, received), received);
  } catch (const telematics::invalid_input&) {
  }
  try {
    telematics::validate_position(telematics::parse_traccar_json(body), received);
  } catch (const telematics::invalid_input&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto& scheme = fuzz_app::demo_scheme();
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto newline = input.find('\n');
  const auto query = input.substr(0, newline);
  const auto body = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);

  const telematics::time_point received{std::chrono::seconds(fuzz_app::seeded_at)};
  parse_directly(query, body, received);

  api::request req;
  const char* method = data[0] & 4 ? "POST" : "GET";
  if (!fuzz_app::make_request(req, method, "/osmand?" + std::string(query), std::string(body),
                              content_types[data[0] % content_types.size()])) {
    return 0;
  }
  if (fuzz_app::is_fault(fuzz_app::dispatch(scheme.app(), std::move(req)))) std::abort();
  return 0;
}
