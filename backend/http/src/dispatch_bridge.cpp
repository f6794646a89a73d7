#include "dispatch_bridge.hpp"

#include <memory>
#include <string>

#include <boost/asio/async_result.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "pedalpower/http/logger.hpp"
#include "pending_response.hpp"

namespace pedalpower::http {
namespace net = boost::asio;

namespace {

void report_failure(logger& log, const std::string& what)
{
  log.write(log_level::error, "request handler failed: " + what);
}

}  // namespace

net::awaitable<api::response> dispatch_request(api::request request, connection_control& control,
                                               const session_context& context)
{
  auto answer = co_await net::async_initiate<decltype(net::use_awaitable), void(api::response)>(
      [&](auto resume) {
        auto pending = std::make_shared<pending_response>(pending_response::handler(std::move(resume)), control.strand());
        control.set_pending(pending);
        const auto fail = [&](const std::string& what) {
          report_failure(context.log, what);
          pending->answer(api::error_response(500, "internal_error", "the server failed to answer the request"));
        };
        try {
          context.dispatch(std::move(request), [pending](api::response r) { pending->answer(std::move(r)); });
        } catch (const std::exception& failure) {
          fail(failure.what());
        } catch (...) {
          fail("unknown exception");
        }
      },
      net::use_awaitable);
  control.set_pending({});
  co_return answer;
}

}  // namespace pedalpower::http
