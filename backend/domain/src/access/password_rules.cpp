#include "pedalpower/domain/password_rules.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <unordered_set>

#include "common_passwords.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::size_t min_password_length = 12;
// scrypt takes any length, but hashing megabytes on request would be a cheap way to tie up workers.
constexpr std::size_t max_password_length = 1024;
constexpr std::size_t min_distinct_characters = 5;

const std::unordered_set<std::string_view>& common_passwords()
{
  static const auto listed = [] {
    std::unordered_set<std::string_view> words;
    auto text = common_passwords_text();
    while (!text.empty()) {
      const auto end = text.find('\n');
      if (const auto word = text.substr(0, end); !word.empty()) words.insert(word);
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
    return words;
  }();
  return listed;
}

bool is_decoration(char c)
{
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x80 && std::isalpha(byte) == 0;
}

/// `text` without the digits, spaces and symbols people put around a word ("!password123" gives "password").
std::string_view core_word(std::string_view text)
{
  while (!text.empty() && is_decoration(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_decoration(text.back())) text.remove_suffix(1);
  return text;
}

bool is_repetitive(std::string_view password)
{
  if (std::set<char>(password.begin(), password.end()).size() < min_distinct_characters) return true;
  // One piece said over and over ("monkeymonkey", "abc123abc123").
  for (std::size_t period = 1; period <= password.size() / 2; ++period) {
    if (password.size() % period != 0) continue;
    bool repeats = true;
    for (std::size_t i = period; i < password.size() && repeats; ++i) repeats = password[i] == password[i - period];
    if (repeats) return true;
  }
  return false;
}

bool is_common(std::string_view password)
{
  const auto lowered = lower_case(password);
  const auto& listed = common_passwords();
  return listed.contains(lowered) || listed.contains(core_word(lowered));
}

}  // namespace

std::optional<problem> check_new_password(std::string_view password, const password_context& context)
{
  if (password.size() < min_password_length) {
    return invalid("password", "a password needs at least 12 characters", "password_too_short");
  }
  if (password.size() > max_password_length) {
    return invalid("password", "a password may not be longer than 1024 characters", "password_too_long");
  }
  if (is_repetitive(password)) {
    return invalid("password", "this password repeats itself too much to be safe; try a few unrelated words",
                   "password_too_repetitive");
  }
  // Twelve digits are a phone number, a date or a count, which guessing lists try early.
  if (std::all_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return invalid("password", "a password of digits alone is guessed quickly; try a few unrelated words",
                   "password_only_digits");
  }
  if (is_common(password)) {
    return invalid("password", "this password is one of the most commonly used and is guessed first; choose another",
                   "password_too_common");
  }
  if (context.username.size() >= 3 && lower_case(password).find(lower_case(context.username)) != std::string::npos) {
    return invalid("password", "a password may not contain the username", "password_contains_username");
  }
  if (!context.current_password.empty() && password == context.current_password) {
    return invalid("password", "the new password must differ from the current one", "password_reused");
  }
  return std::nullopt;
}

}  // namespace pedalpower::domain
