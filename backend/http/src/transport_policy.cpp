#include "pedalpower/http/transport_policy.hpp"

#include <stdexcept>
#include <string>

#include <boost/asio/ip/address.hpp>

namespace pedalpower::http {

bool is_loopback(std::string_view address)
{
  if (address == "localhost") return true;
  boost::system::error_code ec;
  const auto parsed = boost::asio::ip::make_address(address, ec);
  if (ec) throw std::invalid_argument("not an IP address: '" + std::string(address) + "'");
  if (parsed.is_v6() && parsed.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, parsed.to_v6()).is_loopback();
  }
  return parsed.is_loopback();
}

bool plain_http_permitted(std::string_view address, bool allow_plain_http)
{
  return allow_plain_http || is_loopback(address);
}

}  // namespace pedalpower::http
