#include "ods_parts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "column_width.hpp"
#include "xml_text.hpp"

namespace pedalpower::exports::ods {
namespace {

constexpr std::string_view namespaces =
    R"( xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
    R"( xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0")"
    R"( xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0")"
    R"( xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")"
    R"( xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0")"
    R"( xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0")";

/// A spreadsheet's character is about 0.19 cm wide in its default font.
constexpr double centimetres_per_character = 0.19;

constexpr std::array<std::string_view, max_decimal_places + 1> number_styles{
    "n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"};

std::string number_formats()
{
  std::string styles;
  for (int places = 0; places <= max_decimal_places; ++places) {
    const auto data_style = "N" + std::to_string(places);
    const auto digits = '"' + std::to_string(places) + '"';
    styles += R"(<number:number-style style:name=")" + data_style + R"("><number:number number:decimal-places=)" + digits +
              " number:min-decimal-places=" + digits + R"( number:min-integer-digits="1"/></number:number-style>)";
    styles += R"(<style:style style:name=")" + std::string(number_style(places)) +
              R"(" style:family="table-cell" style:data-style-name=")" + data_style + R"("/>)";
  }
  return styles;
}

constexpr std::string_view calendar_formats =
    R"(<number:date-style style:name="Ndate"><number:year number:style="long"/><number:text>-</number:text>)"
    R"(<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>)"
    R"(<number:date-style style:name="Nmoment"><number:year number:style="long"/><number:text>-</number:text>)"
    R"(<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>)"
    R"(<number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text>)"
    R"(<number:minutes number:style="long"/><number:text>:</number:text><number:seconds number:style="long"/></number:date-style>)"
    R"(<number:date-style style:name="Nmonth"><number:month number:textual="true"/><number:text> </number:text>)"
    R"(<number:year number:style="long"/></number:date-style>)"
    R"(<style:style style:name="date" style:family="table-cell" style:data-style-name="Ndate"/>)"
    R"(<style:style style:name="moment" style:family="table-cell" style:data-style-name="Nmoment"/>)"
    R"(<style:style style:name="month" style:family="table-cell" style:data-style-name="Nmonth"/>)"
    R"(<style:style style:name="header" style:family="table-cell"><style:table-cell-properties)"
    R"( fo:border-bottom="0.06pt solid #000000" fo:wrap-option="wrap" style:vertical-align="top"/>)"
    R"(<style:text-properties fo:font-weight="bold"/></style:style>)";

int whole_characters(double characters)
{
  return static_cast<int>(std::lround(std::clamp(characters, column_width::narrowest, column_width::widest)));
}

std::string column_formats()
{
  std::string styles;
  for (int characters = whole_characters(column_width::narrowest); characters <= whole_characters(column_width::widest);
       ++characters) {
    char width[16];
    std::snprintf(width, sizeof width, "%.2fcm", characters * centimetres_per_character);
    styles += R"(<style:style style:name="c)" + std::to_string(characters) + R"(" style:family="table-column">)" +
              R"(<style:table-column-properties style:column-width=")" + width + R"("/></style:style>)";
  }
  return styles;
}

}  // namespace

std::string content_start()
{
  std::string start = R"(<?xml version="1.0" encoding="UTF-8"?>)";
  start += "\n<office:document-content";
  start += namespaces;
  start += R"( office:version="1.3"><office:automatic-styles>)";
  start += number_formats();
  start += calendar_formats;
  start += column_formats();
  start += "</office:automatic-styles><office:body><office:spreadsheet>";
  return start;
}

std::string_view content_end() { return "</office:spreadsheet></office:body></office:document-content>\n"; }

std::string_view number_style(int places)
{
  return number_styles[static_cast<std::size_t>(std::clamp(places, 0, max_decimal_places))];
}

std::string_view date_style(bool with_time) { return with_time ? "moment" : "date"; }

std::string_view month_style() { return "month"; }

std::string_view header_style() { return "header"; }

std::string column_style(double characters) { return "c" + std::to_string(whole_characters(characters)); }

std::string settings(std::span<const std::string> sheet_names)
{
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>)";
  xml += "\n<office:document-settings"
         R"( xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
         R"( xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3">)"
         R"(<office:settings><config:config-item-set config:name="ooo:view-settings">)"
         R"(<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>)"
         R"(<config:config-item config:name="ViewId" config:type="string">view1</config:config-item>)"
         R"(<config:config-item-map-named config:name="Tables">)";
  for (const auto& name : sheet_names) {
    xml += R"(<config:config-item-map-entry config:name=")";
    append_xml_escaped(xml, name);
    // A split below the first row, frozen (mode 2), the cursor in the pane below it.
    xml += R"(">)"
           R"(<config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>)"
           R"(<config:config-item config:name="VerticalSplitPosition" config:type="int">1</config:config-item>)"
           R"(<config:config-item config:name="ActiveSplitRange" config:type="short">2</config:config-item>)"
           R"(<config:config-item config:name="PositionTop" config:type="int">0</config:config-item>)"
           R"(<config:config-item config:name="PositionBottom" config:type="int">1</config:config-item>)"
           R"(</config:config-item-map-entry>)";
  }
  xml += "</config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed>"
         "</config:config-item-set></office:settings></office:document-settings>\n";
  return xml;
}

std::string_view manifest()
{
  return R"(<?xml version="1.0" encoding="UTF-8"?>)"
         "\n"
         R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">)"
         R"(<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>)"
         R"(<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>)"
         R"(<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>)"
         "</manifest:manifest>\n";
}

}  // namespace pedalpower::exports::ods
