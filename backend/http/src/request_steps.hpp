#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "connection_control.hpp"
#include "message_conversion.hpp"
#include "pedalpower/api/response.hpp"
#include "session.hpp"

// The steps of serving a request that do not depend on the stream type (plain or TLS).
namespace pedalpower::http {

struct connection_facts {
  std::string remote_address;
  bool secure = false;
  bool plain_permitted = true;  ///< false: plain requests are redirected to https
};

/// A request as read from the wire: the request, or the error answer to a request that could not be
/// read (the connection closes after it), or neither when the client went away or timed out.
struct incoming {
  std::optional<wire_request> request;
  std::optional<api::response> refusal;
};

/// The error answer to a request that could not be read, or nullopt when the client went away.
std::optional<api::response> refusal_for(const boost::beast::error_code& ec);

/// The redirect a plain request gets where only HTTPS is permitted.
api::response https_redirect(const wire_request& request);

/// The bytes read and not yet parsed.
std::string_view buffered(const boost::beast::flat_buffer& buffer);

struct answer {
  api::response response;
  bool no_store = true;
};

/// The dispatcher's answer to a request read whole (or a redirect or refusal that needs no dispatcher).
boost::asio::awaitable<answer> answer_request(wire_request&& wire, const connection_facts& facts,
                                              connection_control& control, const session_context& context);

/// How far an answer got: the write's outcome and the bytes of its body sent.
struct sent_answer {
  boost::beast::error_code ec;
  std::size_t body_bytes = 0;
};

/// The pace a download keeps: each window ends `window` after the last one was filled with
/// `min_bytes`, and a write still waiting when its window ends fails, so the connection closes.
class download_pace {
public:
  download_pace(std::size_t min_bytes, std::chrono::milliseconds window)
      : min_bytes_(min_bytes), window_(window), window_end_(std::chrono::steady_clock::now() + window)
  {
  }
  std::chrono::steady_clock::time_point deadline() const { return window_end_; }
  /// Counts `bytes` sent; a window filled starts the next.
  void sent(std::size_t bytes);

private:
  std::size_t min_bytes_;
  std::chrono::milliseconds window_;
  std::chrono::steady_clock::time_point window_end_;
  std::size_t in_window_ = 0;
};


}  // namespace pedalpower::http
