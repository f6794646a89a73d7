#include "tls_context.hpp"

#include <stdexcept>

#include <openssl/ssl.h>

namespace pedalpower::http {
namespace ssl = boost::asio::ssl;

ssl::context make_tls_context(const std::string& certificate_file, const std::string& private_key_file)
{
  ssl::context context(ssl::context::tls_server);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                      ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  if (SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION) != 1) {
    throw std::runtime_error("cannot require TLS 1.2 or later");
  }
  boost::system::error_code ec;
  context.use_certificate_chain_file(certificate_file, ec);
  if (ec) throw std::runtime_error("cannot load the TLS certificate " + certificate_file + ": " + ec.message());
  context.use_private_key_file(private_key_file, ssl::context::pem, ec);
  if (ec) throw std::runtime_error("cannot load the TLS private key " + private_key_file + ": " + ec.message());
  return context;
}

}  // namespace pedalpower::http
