"""The desktop entry, AppStream metadata, icons and CHANGELOG agree with each other and validate."""
from __future__ import annotations

import configparser
import importlib.metadata
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.rusus.RususDesktop"
DESKTOP = ROOT / "packaging" / "linux" / f"{APP_ID}.desktop"
METAINFO = ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
VERSION = importlib.metadata.version("rusus-desktop")


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_desktop_entry_names_the_command_and_an_installed_icon():
    entry = _desktop_entry()
    assert entry["Type"] == "Application" and entry["Name"] == "Rusus Desktop"
    scripts = {ep.name for ep in importlib.metadata.distribution("rusus-desktop").entry_points
               if ep.group == "console_scripts"}
    assert entry["Exec"].split()[0] in scripts
    assert entry["Icon"] == APP_ID
    for size in PNG_SIZES:
        png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(png) == (size, size)


def test_icon_sources_are_valid():
    root = ET.parse(ICONS / "rusus-desktop.svg").getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 256 256"
    ico = (ROOT / "packaging" / "windows" / "rusus-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 6
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes
    icns = (ROOT / "packaging" / "macos" / "rusus-desktop.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_metainfo_matches_desktop_entry_package_and_changelog():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == importlib.metadata.metadata("rusus-desktop").get("License-Expression", "MIT")
    shot = root.find("screenshots/screenshot/image")
    assert shot is not None and shot.text.endswith("docs/screenshot.png")
    releases = root.findall("releases/release")
    assert releases, "no <release> in the metainfo"
    newest = releases[0]
    assert newest.get("version") == VERSION
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[(\d[^\]]*)\] - (\d{4}-\d{2}-\d{2})$", changelog, flags=re.M)
    assert versions[0] == (VERSION, newest.get("date")), "CHANGELOG.md and the metainfo disagree"
    assert [r.get("version") for r in releases] == [v for v, _ in versions]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validates():
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and "error" not in proc.stdout, proc.stdout + proc.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates():
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
