#include "dispatch_bridge.hpp"

#include <memory>
#include <string>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "pedalpower/http/logger.hpp"
#include "pending_response.hpp"

namespace pedalpower::http {
namespace net = boost::asio;

namespace {

void hand_to_dispatcher(api::request request, const std::shared_ptr<pending_response>& pending,
                        const session_context& context)
{
  const auto fail = [&](const std::string& what) {
    context.log.write(log_level::error, "request handler failed: " + what);
    pending->answer(api::error_response(problem_kind::internal, "internal_error", "the server failed to answer the request"));
  };
  try {
    context.dispatch(std::move(request), [pending](api::response answer) { pending->answer(std::move(answer)); });
  } catch (const std::exception& failure) {
    fail(failure.what());
  } catch (...) {
    fail("unknown exception");
  }
}

}  // namespace

net::awaitable<api::response> dispatch_request(api::request request, connection_control& control,
                                               const session_context& context)
{
  auto pending = std::make_shared<pending_response>(control.executor());
  hand_to_dispatcher(std::move(request), pending, context);
  if (auto early = pending->take_early_answer()) co_return std::move(*early);

  control.set_pending(pending);
  auto answer = co_await net::async_initiate<decltype(net::use_awaitable), void(api::response)>(
      [&pending](auto resume) {
        // From here the responder alone owns `pending`, so one dropped unanswered is noticed.
        std::exchange(pending, nullptr)->wait(pending_response::handler(std::move(resume)));
      },
      net::use_awaitable);
  control.set_pending({});
  co_return answer;
}

}  // namespace pedalpower::http
