#include <algorithm>
#include <mutex>
#include <string>

#include <curl/curl.h>

#include "pedalpower/mail/smtp_relay.hpp"

namespace pedalpower::mail {
namespace {

struct upload {
  std::string_view rest;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* state)
{
  auto& source = *static_cast<upload*>(state);
  const auto n = std::min(size * count, source.rest.size());
  std::copy_n(source.rest.data(), n, buffer);
  source.rest.remove_prefix(n);
  return n;
}

void initialise_curl_once()
{
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string url_of(const relay_settings& relay)
{
  const char* scheme = relay.security == transport_security::implicit ? "smtps://" : "smtp://";
  return scheme + relay.host + ":" + std::to_string(relay.port);
}

struct easy_handle {
  CURL* handle = curl_easy_init();
  curl_slist* recipients = nullptr;
  ~easy_handle()
  {
    curl_slist_free_all(recipients);
    if (handle) curl_easy_cleanup(handle);
  }
};

}  // namespace

delivery send(const relay_settings& relay, const message& mail)
{
  initialise_curl_once();
  easy_handle curl;
  if (!curl.handle) return {false, false, "could not start an SMTP client"};
  const auto text = compose(relay, mail, std::chrono::system_clock::now());
  upload source{text};
  const auto url = url_of(relay);
  const auto from = "<" + relay.from_address + ">";
  curl.recipients = curl_slist_append(curl.recipients, ("<" + mail.to + ">").c_str());
  char error_text[CURL_ERROR_SIZE] = {};

  CURL* h = curl.handle;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, curl.recipients);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &source);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(relay.timeout.count()));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (relay.security == transport_security::starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!relay.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, relay.ca_file.c_str());
  if (!relay.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, relay.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, relay.password.c_str());
  }

  const CURLcode result = curl_easy_perform(h);
  if (result == CURLE_OK) return {true, false, {}};
  long reply = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
  std::string why = error_text[0] ? error_text : curl_easy_strerror(result);
  if (reply) why = "relay answered " + std::to_string(reply) + ": " + why;
  return {false, reply >= 500 && reply < 600, why};
}

}  // namespace pedalpower::mail
