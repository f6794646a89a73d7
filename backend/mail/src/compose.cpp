#include <algorithm>
#include <ctime>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "pedalpower/mail/smtp_relay.hpp"

namespace pedalpower::mail {
namespace {

constexpr std::size_t base64_line_bytes = 57;  // 76 characters a line, as RFC 2045 asks

std::string base64(std::string_view bytes)
{
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string base64_lines(std::string_view bytes)
{
  std::string out;
  for (std::size_t at = 0; at < bytes.size(); at += base64_line_bytes) {
    out += base64(bytes.substr(at, base64_line_bytes)) + "\r\n";
  }
  return out;
}

bool plain_ascii(std::string_view text)
{
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

/// A header value: as it is when plain ASCII, else an RFC 2047 encoded word.
std::string header_text(std::string_view text)
{
  if (plain_ascii(text)) return std::string(text);
  return "=?UTF-8?B?" + base64(text) + "?=";
}

/// Header values never carry a line break: one would start a header of its own.
std::string one_line(std::string_view text)
{
  std::string out(text);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return out;
}

std::string rfc5322_date(std::chrono::system_clock::time_point date)
{
  const auto seconds = std::chrono::system_clock::to_time_t(date);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

std::string boundary()
{
  unsigned char bytes[12];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return "=_pedalpower_boundary";
  std::string text = "=_";
  for (const auto byte : bytes) {
    text += "0123456789abcdef"[byte >> 4];
    text += "0123456789abcdef"[byte & 15];
  }
  return text;
}

std::string part(std::string_view content_type, std::string_view body)
{
  return "Content-Type: " + std::string(content_type) +
         "; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64_lines(body);
}

}  // namespace

std::string compose(const relay_settings& relay, const message& mail, std::chrono::system_clock::time_point date)
{
  std::string from = "<" + one_line(relay.from_address) + ">";
  if (!relay.from_name.empty()) from = header_text(one_line(relay.from_name)) + " " + from;
  std::string out = "Date: " + rfc5322_date(date) + "\r\nFrom: " + from + "\r\nTo: <" + one_line(mail.to) +
                    ">\r\nSubject: " + header_text(one_line(mail.subject)) + "\r\nMessage-ID: " + one_line(mail.message_id) +
                    "\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n";
  if (mail.html.empty()) return out + part("text/plain", mail.text);
  const auto separator = boundary();
  out += "Content-Type: multipart/alternative; boundary=\"" + separator + "\"\r\n\r\n";
  out += "--" + separator + "\r\n" + part("text/plain", mail.text);
  out += "--" + separator + "\r\n" + part("text/html", mail.html);
  out += "--" + separator + "--\r\n";
  return out;
}

}  // namespace pedalpower::mail
