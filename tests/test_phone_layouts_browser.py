"""The pages a field worker uses, on a 390x844 phone (issue #19): sign-in, selection map and table,
recipient list, village profile, household page. The navigation collapses behind a menu button,
nothing is wider than the screen, every action button lies on it; the household page verifies the
house with a photo taken on the phone and shows the photo."""
import base64

import psycopg
import pytest

from spatial.selection import actions, candidates
from tests.conftest import ARTIFACTS, browser_login
from tests.phone_helpers import assert_fits
from tests.selection_helpers import drop_programs, new_program, program

# A 1x1 PNG, as a phone camera would send a (much larger) picture.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


@pytest.fixture
def selected(db_url):
    """A programme with three proposals; yields (program_id, first household row)."""
    program_id = new_program(db_url, "Uji ponsel", 5)
    with psycopg.connect(db_url) as conn:
        rows = [r for r in candidates.households(conn, program(conn, program_id)) if r["lon"] is not None][:3]
        actions.add_households(conn, program_id, [(r["kode_prov"], r["id"]) for r in rows], "budi")
        conn.commit()
    yield program_id, rows[0]
    drop_programs(db_url, [program_id])


def test_sign_in_and_menu_on_a_phone(phone):
    phone.goto("/login")
    assert_fits(phone, "button[type=submit]", "#menu-tombol")
    assert not phone.locator("#nav-utama").is_visible()
    browser_login(phone, "perkim")
    assert phone.locator("#navigasi").bounding_box()["height"] < 70
    phone.click("#menu-tombol")
    link = phone.locator("#nav-utama a", has_text="Seleksi Penerima")
    link.wait_for()
    assert_fits(phone, "#nav-utama a >> nth=0")
    link.click()
    phone.wait_for_url("**/seleksi/")
    assert_fits(phone)


def test_field_pages_fit_a_phone(phone, selected, tmp_path):
    program_id, household = selected
    browser_login(phone, "perkim")
    phone.goto(f"/seleksi/{program_id}")
    phone.wait_for_selector("#kandidat-table tbody tr[data-key]")
    assert_fits(phone, "#tombol-usulan", "#halaman-sesudah", "#kandidat-table .toggle")
    phone.goto(f"/seleksi/{program_id}/daftar")
    assert_fits(phone, "#lapangan-link", "#formulir-link", "#daftar-table .rincian")
    position = "getComputedStyle(document.getElementById('langkah-form')).position"
    assert phone.evaluate(position) == "static"          # nothing chosen: the bar does not cover the list
    phone.check("#daftar-table input.pilih >> nth=0")
    assert phone.evaluate(position) == "sticky"          # chosen: the step bar stays under the thumb
    assert_fits(phone, "#terapkan-langkah", "#formulir-dipilih")
    phone.goto(f"/desa/{household['kode_desa']}")
    assert_fits(phone, "#priority-households")

    # the household page: reasons of the score, and a verification with a photo from the phone
    phone.goto(f"/rumah-tangga/{household['kode_prov']}/{household['id']}?program={program_id}")
    assert "+" in phone.locator("#rincian-skor").inner_text()
    form = phone.locator(".status-form").first
    assert_fits(phone, ".status-form button")
    photo = tmp_path / "rumah.png"
    photo.write_bytes(PNG)
    form.locator("select[name=ke]").select_option("terverifikasi")
    form.locator("input[name=verifikator]").fill("Sari")
    form.locator("input[name=foto]").set_input_files(str(photo))
    form.locator("button").click()
    phone.wait_for_selector(".seleksi-kartu img")
    assert phone.locator(".seleksi-kartu .status").first.inner_text() == "Terverifikasi"
    assert phone.evaluate("document.querySelector('.seleksi-kartu img').naturalWidth") == 1
    assert "Terverifikasi" in phone.locator("#riwayat-rumah").inner_text()
    assert_fits(phone)
    phone.screenshot(path=str(ARTIFACTS / "rumah-tangga-ponsel.png"), full_page=True)
    assert phone.console_errors == [] and phone.external_requests == []
