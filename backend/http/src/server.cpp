#include "pedalpower/http/server.hpp"

#include <csignal>
#include <optional>
#include <stdexcept>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "connection_registry.hpp"
#include "io_pool.hpp"
#include "pedalpower/http/logger.hpp"
#include "pedalpower/http/transport_policy.hpp"
#include "session.hpp"
#include "tls_context.hpp"

namespace pedalpower::http {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
constexpr auto accept_retry_pause = std::chrono::milliseconds(100);

tcp::endpoint listening_endpoint(const server_options& options)
{
  const std::string address = options.address == "localhost" ? "127.0.0.1" : options.address;
  boost::system::error_code ec;
  const auto ip = net::ip::make_address(address, ec);
  if (ec) throw std::invalid_argument("not an IP address to listen on: '" + options.address + "'");
  if (!options.tls_enabled() && !plain_http_permitted(address, options.allow_plain_http)) {
    throw std::invalid_argument("refusing plain HTTP on " + options.address +
                                ": give a TLS certificate and key, listen on loopback, or allow plain HTTP explicitly");
  }
  return {ip, options.port};
}

std::optional<net::ssl::context> tls_context_for(const server_options& options)
{
  if (!options.tls_enabled()) return std::nullopt;
  return make_tls_context(options.tls_certificate_file, options.tls_private_key_file);
}

}  // namespace

class server::impl {
public:
  impl(server_options options, dispatcher dispatch, logger& log)
      : options_(std::move(options)),
        dispatch_(std::move(dispatch)),
        log_(log),
        tls_(tls_context_for(options_)),
        registry_(options_.max_connections, options_.max_connections_per_address),
        io_(options_.io_threads),
        control_(net::make_strand(io_.first())),
        acceptor_(control_),
        signals_(control_),
        accept_pause_(control_),
        shutdown_deadline_(control_),
        session_{options_, dispatch_, log_, tls_ ? &*tls_ : nullptr}
  {
    const auto endpoint = listening_endpoint(options_);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    boost::system::error_code ec;
    acceptor_.bind(endpoint, ec);
    if (ec) throw std::runtime_error("cannot listen on " + options_.address + ":" + std::to_string(options_.port) + ": " + ec.message());
    acceptor_.listen(net::socket_base::max_listen_connections);
    port_ = acceptor_.local_endpoint().port();
    if (options_.stop_on_signals) {
      signals_.add(SIGINT);
      signals_.add(SIGTERM);
    }
  }

  ~impl() { registry_.shut_down(); }

  unsigned short port() const { return port_; }
  bool secure() const { return tls_.has_value(); }

  void run()
  {
    net::co_spawn(control_, accept_connections(), [this](std::exception_ptr failure) { report(failure, "accepting"); });
    if (options_.stop_on_signals) wait_for_signal();
    io_.run([this](net::io_context& context) { run_io(context); });
  }

  void stop()
  {
    net::post(control_, [this] { begin_shutdown(); });
  }

private:
  void run_io(net::io_context& context)
  {
    for (;;) {
      try {
        context.run();
        return;
      } catch (const std::exception& failure) {
        log_.write(log_level::error, std::string("unexpected failure in the server: ") + failure.what());
      }
    }
  }

  void report(const std::exception_ptr& failure, const char* activity)
  {
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      log_.write(log_level::error, std::string(activity) + " failed: " + e.what());
    } catch (...) {
      log_.write(log_level::error, std::string(activity) + " failed");
    }
  }

  net::awaitable<void> accept_connections()
  {
    while (acceptor_.is_open()) {
      auto [ec, socket] = co_await acceptor_.async_accept(net::any_io_executor(io_.next().get_executor()), use_tuple);
      if (!acceptor_.is_open()) co_return;
      if (ec) {
        log_.write(log_level::warn, "accepting a connection failed: " + ec.message());
        accept_pause_.expires_after(accept_retry_pause);
        co_await accept_pause_.async_wait(use_tuple);
        continue;
      }
      boost::system::error_code address_ec;
      const auto remote = socket.remote_endpoint(address_ec);
      if (address_ec) continue;  // gone already
      auto lease = registry_.admit(socket.get_executor(), remote.address().to_string());
      if (!lease) {
        log_.write(log_level::debug, "connection limit reached: closing a new connection from " +
                                         remote.address().to_string());
        continue;
      }
      // An answer goes out as a header write and body writes: without this each small one would
      // wait for the client's delayed ACK (40 ms on Linux) behind Nagle's algorithm.
      boost::system::error_code option_ec;
      socket.set_option(net::ip::tcp::no_delay(true), option_ec);
      auto executor = socket.get_executor();
      net::co_spawn(executor, serve_connection(std::move(socket), std::move(lease), session_),
                    [this](std::exception_ptr failure) { report(failure, "serving a connection"); });
    }
  }

  void wait_for_signal()
  {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      if (stopping_) {
        log_.write(log_level::warn, "second signal " + std::to_string(signal) + ": stopping at once");
        io_.stop();
        return;
      }
      log_.write(log_level::info, "signal " + std::to_string(signal) + ": stopping");
      begin_shutdown();
      wait_for_signal();
    });
  }

  void begin_shutdown()
  {
    if (stopping_) return;
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    shutdown_deadline_.cancel();
    shutdown_deadline_.expires_after(options_.shutdown_timeout);
    shutdown_deadline_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      log_.write(log_level::warn, "shutdown timeout: abandoning " + std::to_string(registry_.size()) + " connections");
      io_.stop();
    });
    registry_.stop([this] { net::post(control_, [this] { finish_shutdown(); }); });
  }

  void finish_shutdown()
  {
    io_.release();
    shutdown_deadline_.cancel();
    boost::system::error_code ignored;
    signals_.cancel(ignored);
  }

  server_options options_;
  dispatcher dispatch_;
  logger& log_;
  std::optional<net::ssl::context> tls_;
  connection_registry registry_;  // outlives io_, whose destruction may still end connections
  io_pool io_;
  net::strand<net::io_context::executor_type> control_;  // acceptor, signals, deadline
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::steady_timer accept_pause_;  // after a failed accept, e.g. out of file descriptors
  net::steady_timer shutdown_deadline_;
  session_context session_;
  unsigned short port_ = 0;
  bool stopping_ = false;  // control_ only
};

server::server(server_options options, dispatcher dispatch, logger& log)
    : impl_(std::make_unique<impl>(std::move(options), std::move(dispatch), log))
{
}

server::~server() = default;

unsigned short server::port() const noexcept { return impl_->port(); }
bool server::secure() const noexcept { return impl_->secure(); }
void server::run() { impl_->run(); }
void server::stop() { impl_->stop(); }

}  // namespace pedalpower::http
