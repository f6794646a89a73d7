#include <catch2/catch.hpp>

#include <string>

#include "xml_text.hpp"

namespace {

std::string escaped(std::string_view text)
{
  std::string out;
  pedalpower::exports::append_xml_escaped(out, text);
  return out;
}

std::string paragraph(std::string_view text)
{
  std::string out;
  pedalpower::exports::append_paragraph_text(out, text);
  return out;
}

}  // namespace

TEST_CASE("XML text escapes markup and keeps UTF-8 as it is", "[export][xml]")
{
  CHECK(escaped(R"(<a href="x">Tom & Jerry</a>)") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;");
  CHECK(escaped("Bénédicte 🚲 Zoë") == "Bénédicte 🚲 Zoë");
  CHECK(escaped("tab\tline\ncarriage\r") == "tab\tline\ncarriage\r");
}

TEST_CASE("XML text leaves out control characters and replaces what is not UTF-8 or not allowed in XML", "[export][xml]")
{
  CHECK(escaped(std::string("a\x01" "b\x1f" "c\x7f", 6) + std::string(1, '\0') + "d") == "abc\x7f" "d");
  CHECK(escaped("caf\xE9!") == "caf\xEF\xBF\xBD!");                 // Latin-1 é
  CHECK(escaped("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // an overlong '/'
  CHECK(escaped("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(escaped("\xEF\xBF\xBE") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // U+FFFE
  CHECK(escaped("end\xE2\x82") == "end\xEF\xBF\xBD\xEF\xBF\xBD");    // cut off mid-character
}

TEST_CASE("a paragraph keeps every space, tab and line break a reader would otherwise collapse", "[export][xml]")
{
  CHECK(paragraph("one two") == "one two");
  CHECK(paragraph("one  two") == "one <text:s/>two");
  CHECK(paragraph("one    two") == R"(one <text:s text:c="3"/>two)");
  CHECK(paragraph(" lead") == "<text:s/>lead");
  CHECK(paragraph("trail  ") == R"(trail<text:s text:c="2"/>)");
  CHECK(paragraph("a\tb") == "a<text:tab/>b");
  CHECK(paragraph("a\nb\r\nc\rd") == "a<text:line-break/>b<text:line-break/>c<text:line-break/>d");
  CHECK(paragraph("a\n b") == "a<text:line-break/><text:s/>b");
  CHECK(paragraph("x < y & z") == "x &lt; y &amp; z");
}
