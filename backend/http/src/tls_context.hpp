#pragma once

#include <string>

#include <boost/asio/ssl/context.hpp>

namespace pedalpower::http {

/// A server context speaking TLS 1.2 or later with the given PEM certificate chain and key.
/// Throws std::runtime_error naming the file that could not be loaded.
boost::asio::ssl::context make_tls_context(const std::string& certificate_file, const std::string& private_key_file);

}  // namespace pedalpower::http
