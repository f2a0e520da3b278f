"""Photos and files on recoveries, incidents and registry items: kept byte for byte, checked, seen with their record."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image, ImageFile
from sqlalchemy import func, select

from armstrace import attachments, audit
from armstrace.attachments.inspection import inspect_file
from armstrace.auth import Actor
from armstrace.cli import run
from armstrace.exceptions import InputError, NotFoundError, PermissionDeniedError
from armstrace.model import Attachment, AuditEvent, Share
from armstrace.store import Workspace

from .photos import drawing, png_header_bomb
from .test_web_access import login
from .webkit import World, build_world


@pytest.fixture
def world(workspace: Workspace) -> World:
    return build_world(workspace)


def _actor(world: World, agency: str, role: str = "analyst", user: str | None = None) -> Actor:
    return Actor(None, user or f"{agency.lower()}_{role}", world.ids[f"agency_{agency}"], agency, role)


def test_a_photo_is_kept_byte_for_byte_with_exif_time_gps_thumbnail_and_audit(world: World) -> None:
    photo = drawing(gps=(29.6, -67.91))
    a = _actor(world, "A")
    with world.workspace.session() as s:
        added = attachments.add(s, a, "recovery", world.ids["recovery_A-R1"], photo, file_name="C:\\field\\r1.jpg",
                                shows="marking", caption="receiver, left side")  # fmt: skip
    assert added["added"] and added["file_name"] == "r1.jpg"  # the folders a browser sends are dropped
    assert added["sha256"] == hashlib.sha256(photo).hexdigest() and added["size"] == len(photo)
    assert added["taken_at"].isoformat() == "2025-03-11T09:15:00"
    assert added["latitude"] == pytest.approx(29.6, abs=1e-4) and added["longitude"] == pytest.approx(-67.91, abs=1e-4)
    assert added["image"] == {"width": 480, "height": 240, "format": "JPEG", "camera": "armstrace tests drawing"}
    with world.workspace.session() as s:
        row = s.get(Attachment, added["id"])
        assert row is not None and row.data == photo and row.created_by == "a_analyst" and row.shows == "marking"
        assert row.thumbnail is not None
        with Image.open(io.BytesIO(row.thumbnail)) as thumb:
            assert thumb.format == "JPEG" and max(thumb.size) == 320
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "attachment.add")))
        assert [(e.entity, e.entity_id, e.agency_id) for e in events] == [
            ("recovery", str(world.ids["recovery_A-R1"]), world.ids["agency_A"])
        ]
        assert events[0].detail is not None and events[0].detail["sha256"] == added["sha256"]
        # The same file again is kept once and changes nothing, the audit log included.
        again = attachments.add(s, a, "recovery", world.ids["recovery_A-R1"], photo, file_name="r1.jpg",
                                shows="marking")  # fmt: skip
        assert not again["added"] and again["id"] == added["id"]
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "attachment.add")) == 1
        assert audit.verify(s).ok


def test_files_attach_to_incidents_and_registry_items_by_their_codes(world: World) -> None:
    a = _actor(world, "A")
    with world.workspace.session() as s:
        scene = attachments.add(s, a, "incident", "A-PRIV", drawing("SCENE", fmt="PNG", gps=None), file_name="s.png",
                                shows="scene")  # fmt: skip
        label = attachments.add(s, a, "item", "A-0", b"%PDF-1.4\n% shipping record\n", file_name="invoice.pdf",
                                shows="document")  # fmt: skip
        assert scene["media_type"] == "image/png" and scene["latitude"] is None and scene["has_thumbnail"]
        assert label["media_type"] == "application/pdf" and not label["has_thumbnail"]
        assert [f["id"] for f in attachments.list_for(s, a, "incident", "A-PRIV")] == [scene["id"]]
        assert [f["id"] for f in attachments.list_for(s, a, "item", "A-0")] == [label["id"]]


BAD = [
    pytest.param(b"just some notes", "marking.jpg", "marking", {}, "the name says a JPEG image but the content is "
                 "plain text", id="text-named-jpg"),
    pytest.param(b"just some notes", "notes.txt", "serial", {}, "must be an image", id="text-as-a-photo"),
    pytest.param(drawing(fmt="PNG"), "marking.jpg", "marking", {}, "the name says a JPEG image but the content is "
                 "a PNG image", id="png-named-jpg"),
    pytest.param(b"MZ\x90\x00\x03" + bytes(200), "tool.exe", "other", {}, "files of type .exe are not kept",
                 id="executable"),
    pytest.param(b"\x00\x01\x02\xff" * 50, None, "other", {}, "is not a photo", id="unknown-content"),
    pytest.param(drawing(), "big.jpg", "marking", {"max_bytes": 1000}, "over the limit of 1,000", id="oversized"),
    pytest.param(png_header_bomb(100_000, 100_000), "bomb.png", "marking", {}, "decompression bomb",
                 id="bomb-error"),
    pytest.param(png_header_bomb(10_000, 10_000), "bomb.png", "marking", {"max_pixels": 10**9},
                 "decompression bomb", id="bomb-warning"),  # Pillow warns (89M < 100M px); the warning refuses it
    pytest.param(drawing(), "m.jpg", "marking", {"max_pixels": 10_000}, "decompression bomb", id="over-pixel-limit"),
    pytest.param(drawing()[:1500], "cut.jpg", "marking", {}, "not a readable JPEG image", id="truncated"),
    pytest.param(b"", "empty.jpg", "marking", {}, "the file is empty", id="empty"),
    pytest.param(drawing(), "m.jpg", "weapon", {}, "shows: 'weapon' is not one of", id="unknown-shows"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "name", "shows", "limits", "message"), BAD)
def test_bad_files_are_refused_with_one_line_and_nothing_is_kept(
    sqlite_workspace: Workspace, data: bytes, name: str | None, shows: str, limits: dict[str, int], message: str
) -> None:
    world = build_world(sqlite_workspace)
    with sqlite_workspace.session() as s:
        before = s.scalar(select(func.count()).select_from(AuditEvent))
        with pytest.raises(InputError) as caught:
            attachments.add(s, _actor(world, "A"), "recovery", world.ids["recovery_A-R1"], data, file_name=name,
                            shows=shows, **limits)  # fmt: skip
        assert message in str(caught.value) and "\n" not in str(caught.value)
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_a_file_is_seen_only_with_its_record(world: World) -> None:
    a, b = _actor(world, "A"), _actor(world, "B")
    with world.workspace.session() as s:
        private = attachments.add(s, a, "recovery", world.ids["recovery_A-R1"], drawing("R1"), file_name="r1.jpg",
                                  shows="serial")  # fmt: skip
        shared = attachments.add(s, a, "incident", "A-SHARED", drawing("SHARED"), file_name="s.jpg", shows="scene")
    with world.workspace.session() as s:
        # B may not see A's private recovery: its file answers exactly like a file that does not exist.
        with pytest.raises(NotFoundError) as hidden:
            attachments.find(s, b, private["id"])
        with pytest.raises(NotFoundError) as missing:
            attachments.find(s, b, 999_999)
        assert str(hidden.value).replace(str(private["id"]), "N") == str(missing.value).replace("999999", "N")
        with pytest.raises(NotFoundError):
            attachments.list_for(s, b, "recovery", world.ids["recovery_A-R1"])
        with pytest.raises(NotFoundError):
            attachments.add(s, b, "recovery", world.ids["recovery_A-R1"], drawing("X"), shows="marking")
        # The incident shared with B: B sees its file but may not add one.
        assert attachments.find(s, b, shared["id"]).data == drawing("SHARED")
        with pytest.raises(PermissionDeniedError):
            attachments.add(s, b, "incident", world.ids["incident_A-SHARED"], drawing("B"), shows="scene")
        # A viewer of the owning agency reads but does not add; a server admin sees everything.
        with pytest.raises(PermissionDeniedError):
            attachments.add(s, _actor(world, "A", "viewer"), "incident", "A-PRIV", drawing("V"), shows="scene")
        assert attachments.find(s, _actor(world, "C", "server_admin"), private["id"]).id == private["id"]
        # Unsharing the incident hides its file from B again.
        s.execute(Share.__table__.delete().where(Share.entity == "incident"))
    with world.workspace.session() as s, pytest.raises(NotFoundError):
        attachments.find(s, b, shared["id"])


def test_cli_attach_and_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ws.db")
    assert run(["--db", db, "init"]) == 0
    assert run(["--db", db, "incident", "add", "JE-1", "--date", "2025-03-11", "--country", "pk"]) == 0
    photo, bad = tmp_path / "scene.jpg", tmp_path / "label.jpg"
    photo.write_bytes(drawing("SCENE"))
    bad.write_bytes(drawing("LABEL", fmt="PNG"))
    capsys.readouterr()
    assert run(["--db", db, "attach", "incident:JE-1", str(photo), "--shows", "scene", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert added["added"] and added["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert run(["--db", db, "attach", "JE-1", str(bad), "--on", "incident", "--shows", "label"]) == 2
    err = capsys.readouterr().err
    assert "label.jpg: the name says a JPEG image but the content is a PNG image" in err and "Traceback" not in err
    assert run(["--db", db, "files", "incident:JE-1", "--json"]) == 0
    assert [f["file_name"] for f in json.loads(capsys.readouterr().out)] == ["scene.jpg"]
    out = tmp_path / "copy.jpg"
    assert run(["--db", db, "files", "incident:JE-1", "--save", str(added["id"]), "--out", str(out)]) == 0
    assert out.read_bytes() == photo.read_bytes()
    assert run(["--db", db, "files", "incident:NOPE"]) == 3


def test_api_upload_list_download_and_thumbnail_and_another_agency_gets_404(world: World) -> None:
    a, b = world.client("a_analyst"), world.client("b_analyst")
    rec = world.ids["recovery_A-R1"]
    photo = drawing("W1004340", gps=(29.58, 67.4))
    r = a.post(f"/api/v1/recoveries/{rec}/attachments", files={"file": ("r1.jpg", photo, "image/jpeg")},
               data={"shows": "serial", "caption": "serial on the receiver"})  # fmt: skip
    assert r.status_code == 201, r.text
    found = r.json()
    assert found["sha256"] == hashlib.sha256(photo).hexdigest() and found["shows"] == "serial"
    assert found["latitude"] == pytest.approx(29.58, abs=1e-4) and found["taken_at"] == "2025-03-11T09:15:00"
    fid = found["id"]
    assert [f["id"] for f in a.get(f"/api/v1/recoveries/{rec}/attachments").json()] == [fid]
    content = a.get(found["content"])
    assert content.status_code == 200 and content.content == photo and content.headers["etag"] == f'"{found["sha256"]}"'
    assert content.headers["content-disposition"].startswith("attachment;")
    thumb = a.get(found["thumbnail"])
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    # A bad upload: 422 with one message, and nothing kept.
    r = a.post(f"/api/v1/recoveries/{rec}/attachments", files={"file": ("r2.jpg", b"GIF89a not really", "image/jpeg")},
               data={"shows": "marking"})  # fmt: skip
    assert r.status_code == 422 and "the name says a JPEG image but the content is" in r.json()["error"]["message"]
    assert len(a.get(f"/api/v1/recoveries/{rec}/attachments").json()) == 1
    # B, by token: every file route answers like a missing id.
    missing = b.get("/api/v1/attachments/999999").json()
    for url in (f"/api/v1/attachments/{fid}", found["content"], found["thumbnail"],
                f"/api/v1/recoveries/{rec}/attachments"):  # fmt: skip
        r = b.get(url)
        assert r.status_code == 404 and set(r.json()["error"]) == set(missing["error"]), url
        assert "W1004340" not in r.text and found["sha256"] not in r.text
    r = b.post(f"/api/v1/recoveries/{rec}/attachments", files={"file": ("x.jpg", photo, "image/jpeg")})
    assert r.status_code == 404
    # A document has no thumbnail; asking for one is a 404 that says why.
    doc = a.post(f"/api/v1/items/{world.ids['item_A']}/attachments",
                 files={"file": ("bill.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}).json()  # fmt: skip
    assert doc["thumbnail"] is None and doc["shows"] == "document"
    assert "no thumbnail" in a.get(f"/api/v1/attachments/{doc['id']}/thumbnail").json()["error"]["message"]


def test_pages_upload_form_shows_thumbnails_and_refuses_bad_files(world: World) -> None:
    pages = world.client()
    csrf = login(pages, "a_analyst")
    rec = world.ids["recovery_A-R1"]
    page = pages.get(f"/recoveries/{rec}")
    assert 'enctype="multipart/form-data"' in page.text and "data-dropzone" in page.text
    files = [("file", ("m.png", drawing("MARK", fmt="PNG"), "image/png")),
             ("file", ("fake.jpg", b"not a photo", "image/jpeg"))]  # fmt: skip
    r = pages.post(f"/recoveries/{rec}/attachments", files=files,
                   data={"csrf_token": csrf, "shows": "marking", "caption": "left side"})  # fmt: skip
    assert r.status_code == 303 and r.headers["location"].endswith("#files")
    page = pages.get(f"/recoveries/{rec}")
    assert "1 file(s) attached" in page.text and "fake.jpg: the name says a JPEG image" in page.text
    [kept] = world.client("a_analyst").get(f"/api/v1/recoveries/{rec}/attachments").json()
    assert f'src="/api/v1/attachments/{kept["id"]}/thumbnail"' in page.text and kept["sha256"] in page.text
    assert pages.get(kept["thumbnail"]).status_code == 200  # the session cookie reads what the page shows
    # Without the form's CSRF token nothing is kept.
    r = pages.post(f"/recoveries/{rec}/attachments", files=[("file", ("n.png", drawing("N", fmt="PNG"), "image/png"))],
                   data={"shows": "marking"})  # fmt: skip
    assert r.status_code == 403
    assert len(world.client("a_analyst").get(f"/api/v1/recoveries/{rec}/attachments").json()) == 1
    # A viewer sees the photos but no upload form.
    viewer = world.client()
    login(viewer, "a_viewer")
    page = viewer.get(f"/recoveries/{rec}")
    assert kept["sha256"] in page.text and "data-dropzone" not in page.text


def test_the_incident_report_has_a_photo_annex_with_hashes_and_thumbnails(world: World, tmp_path: Path) -> None:
    from armstrace.report import incident_report

    a = _actor(world, "A")
    with world.workspace.session() as s:
        scene = attachments.add(s, a, "incident", "A-PRIV", drawing("SCENE"), file_name="scene.jpg", shows="scene")
        mark = attachments.add(s, a, "recovery", world.ids["recovery_A-R1"], drawing("W1004340"),
                               file_name="r1.jpg", shows="serial", caption="receiver")  # fmt: skip
        doc = attachments.add(s, a, "recovery", world.ids["recovery_A-R1"], b"seized with the rifle\n",
                              file_name="note.txt", shows="document")  # fmt: skip
        attachments.add(s, a, "incident", "A-PUB", drawing("ELSEWHERE"), file_name="other.jpg", shows="scene")
    [html] = incident_report(world.workspace, "A-PRIV", tmp_path, agency_id=world.ids["agency_A"], formats=("html",))
    text = html.read_text(encoding="utf-8")
    annex = text[text.index('id="annex-photos"') :]
    assert "Photos and files" in annex
    positions = [annex.index(f["sha256"]) for f in (scene, mark, doc)]
    assert positions == sorted(positions)  # the scene first, then the items in order
    assert annex.count("data:image/jpeg;base64,") == 2  # two photos; the note has no thumbnail
    assert "item A-R1: serial" in annex and "29.60000, -67.91000" in annex
    assert "other.jpg" not in text  # another incident's photo is not in this report


def test_a_truncated_photo_is_refused_after_a_report_made_pillow_tolerant(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint (reports) sets Pillow's truncated-file tolerance for the whole process when imported."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(InputError, match="not a readable JPEG image"):
        inspect_file(drawing()[:1500], "cut.jpg", "marking")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
