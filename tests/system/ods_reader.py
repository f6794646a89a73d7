"""Reading the ODS files the server writes with an independent reader, Debian's python3-odf
(odfpy), after checking the package as the OpenDocument standard lays it out."""

import datetime
import os
import xml.etree.ElementTree as ElementTree
import zipfile

from odf import teletype
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow

ODS = "application/vnd.oasis.opendocument.spreadsheet"
CONFIG = "{urn:oasis:names:tc:opendocument:xmlns:config:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def frozen_sheets(settings):
    """The sheets whose view settings freeze the rows above row 2 (a split of mode 2 after row 1)."""
    frozen = set()
    for entry in ElementTree.fromstring(settings).iter(CONFIG + "config-item-map-entry"):
        items = {item.get(CONFIG + "name"): item.text for item in entry.findall(CONFIG + "config-item")}
        if items.get("VerticalSplitMode") == "2" and items.get("VerticalSplitPosition") == "1":
            frozen.add(entry.get(CONFIG + "name"))
    return frozen


def check_package(path):
    """The ZIP holds `mimetype` first, stored (never compressed) and without extra fields, naming the
    spreadsheet type, as ODF 1.3 part 2 requires; then the content, settings and manifest. Gives
    the sheets the settings freeze."""
    with zipfile.ZipFile(path) as package:
        entries = package.infolist()
        first = entries[0]
        assert first.filename == "mimetype", [entry.filename for entry in entries]
        assert first.compress_type == zipfile.ZIP_STORED and not first.extra, (first.compress_type, first.extra)
        assert package.read("mimetype") == ODS.encode()
        names = {entry.filename for entry in entries}
        assert {"content.xml", "settings.xml", "META-INF/manifest.xml"} <= names, names
        assert package.testzip() is None
        settings = package.read("settings.xml")
        check_paragraph_spacing(package.read("content.xml"))
    with open(path, "rb") as file:
        assert file.read(38)[30:38] == b"mimetype", "the mimetype entry starts the file"
    return frozen_sheets(settings)


def check_paragraph_spacing(content):
    """No paragraph holds a run of spaces, a tab or a line end as plain characters, which a reader
    would collapse: they are written as text:s, text:tab and text:line-break."""
    for paragraph in ElementTree.fromstring(content).iter(TEXT + "p"):
        pieces = [paragraph.text or ""] + [child.tail or "" for child in paragraph]
        for piece in pieces:
            assert "  " not in piece and "\t" not in piece and "\n" not in piece and "\r" not in piece, repr(piece)
        if paragraph.text and paragraph.text.startswith(" "):
            raise AssertionError(f"a paragraph starts with a space a reader would drop: {paragraph.text!r}")


def cell_value(cell):
    """A cell's value as openpyxl gives an XLSX cell's: numbers as numbers, dates as datetimes,
    text as text, an empty cell as None."""
    kind = cell.getAttribute("valuetype")
    if kind == "float":
        number = float(cell.getAttribute("value"))
        return int(number) if number.is_integer() else number
    if kind == "date":
        return datetime.datetime.fromisoformat(cell.getAttribute("datevalue"))
    if kind == "string":
        return "\n".join(teletype.extractText(paragraph) for paragraph in cell.childNodes)
    assert kind is None, kind
    return None


def read_ods(content, folder, name):
    """The sheets of an ODS file as {name: rows of values}, in the file's order."""
    path = os.path.join(folder, name)
    with open(path, "wb") as file:
        file.write(content)
    frozen = check_package(path)
    document = load(path)
    sheets = {}
    for table in document.spreadsheet.getElementsByType(Table):
        rows = []
        for row in table.getElementsByType(TableRow):
            assert not row.getAttribute("numberrowsrepeated"), "rows are written out one by one"
            cells = row.getElementsByType(TableCell)
            assert not any(cell.getAttribute("numbercolumnsrepeated") for cell in cells)
            rows.append([cell_value(cell) for cell in cells])
        sheets[table.getAttribute("name")] = rows
    assert frozen == set(sheets), f"every sheet's header row is frozen: {frozen} of {list(sheets)}"
    return sheets
