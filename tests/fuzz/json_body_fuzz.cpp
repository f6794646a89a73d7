// JSON request bodies: the typed field readers of json_input on every member, then the body sent
// as a coordinator to one of the routes that read JSON (the first byte picks it), over the demo
// scheme. Whatever the body, the answer is a success or a JSON error the caller caused, never 500.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"

using namespace pedalpower;

namespace {

struct route {
  const char* method;
  const char* target;
};

// Routes whose bodies a coordinator sends; those that hash a password or PIN are left out, as
// their deliberately slow hashing would take every second of the run.
constexpr std::array routes{
    route{"POST", "/api/v1/bikes"},
    route{"PATCH", "/api/v1/bikes/1"},
    route{"POST", "/api/v1/bikes/2/status"},
    route{"POST", "/api/v1/bikes/3/faults"},
    route{"POST", "/api/v1/staff"},
    route{"PATCH", "/api/v1/staff/1"},
    route{"PUT", "/api/v1/staff/2/badge"},
    route{"PUT", "/api/v1/staff/3/email-reminders"},
    route{"POST", "/api/v1/sites"},
    route{"PATCH", "/api/v1/sites/1"},
    route{"PUT", "/api/v1/sites/2/location"},
    route{"POST", "/api/v1/devices"},
    route{"PATCH", "/api/v1/devices/1"},
    route{"POST", "/api/v1/policy/versions"},
    route{"PUT", "/api/v1/policy/versions/1"},
    route{"POST", "/api/v1/service-schedules"},
    route{"PATCH", "/api/v1/service-schedules/1"},
    route{"POST", "/api/v1/bikes/4/services"},
    route{"POST", "/api/v1/components"},
    route{"PATCH", "/api/v1/components/1"},
    route{"POST", "/api/v1/components/2/fit"},
    route{"POST", "/api/v1/components/1/remove"},
    route{"POST", "/api/v1/campaigns"},
    route{"POST", "/api/v1/work-orders"},
    route{"PATCH", "/api/v1/work-orders/1"},
    route{"POST", "/api/v1/work-orders/2/status"},
    route{"POST", "/api/v1/work-orders/3/write-off"},
    route{"POST", "/api/v1/work-orders/1/labour"},
    route{"POST", "/api/v1/work-orders/1/parts"},
    route{"POST", "/api/v1/waitlist"},
    route{"POST", "/api/v1/loans"},
    route{"POST", "/api/v1/loans/1/return"},
    route{"POST", "/api/v1/loans/2/renew"},
    route{"POST", "/api/v1/loans/3/lost"},
    route{"POST", "/api/v1/kiosk/exceptions/1/resolve"},
    route{"POST", "/api/v1/trackers"},
    route{"PUT", "/api/v1/trackers/1/bike"},
    route{"PUT", "/api/v1/staff/4/privacy-zone"},
};

/// Every typed reader on every member: each answers with a value or a 422 naming the member.
void read_every_member(const nlohmann::json& body)
{
  for (const auto& member : body.items()) {
    const auto& key = member.key();
    const auto& value = member.value();
    const auto read = [&](auto reader) {
      try {
        (void)reader(body, key);
      } catch (const api::error&) {
      }
    };
    read(api::optional_string);
    read(api::required_string);
    read(api::optional_int);
    read(api::required_int);
    read(api::optional_number);
    read(api::optional_bool);
    try {
      (void)api::whole_number(value, key);
    } catch (const api::error&) {
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto& scheme = fuzz_app::demo_scheme();
  if (size == 0) return 0;
  const auto& [method, target] = routes[data[0] % routes.size()];
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);

  api::request req;
  if (!fuzz_app::make_request(req, method, target, body, "application/json")) std::abort();
  try {
    read_every_member(api::json_body(req));
  } catch (const api::error&) {
  }
  scheme.as_coordinator(req);
  if (fuzz_app::is_fault(fuzz_app::dispatch(scheme.app(), std::move(req)))) std::abort();
  return 0;
}
