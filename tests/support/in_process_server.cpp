#include "in_process_server.hpp"

#include <iostream>

pedalpower::http::server_options test_server_options()
{
  pedalpower::http::server_options options;
  options.address = "127.0.0.1";
  options.port = 0;
  options.io_threads = 2;
  return options;
}

in_process_server::in_process_server(pedalpower::http::dispatcher dispatch, pedalpower::http::server_options options)
    : log_(pedalpower::http::log_level::warn, std::cerr),
      server_(std::make_unique<pedalpower::http::server>(std::move(options), std::move(dispatch), log_))
{
  runner_ = std::thread([this] {
    server_->run();
    finished_ = true;
  });
}

in_process_server::~in_process_server() { stop(); }

void in_process_server::stop()
{
  server_->stop();
  if (runner_.joinable()) runner_.join();
}

bool in_process_server::finished() const { return finished_; }
