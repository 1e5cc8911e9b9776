"""One error model: a SasaranError carries message, status and code; the app's one handler renders
it as JSON for API clients, a flashed message after a form, or the error page, in the user's language."""
import pytest
from flask import Blueprint
from flask_babel import force_locale, gettext

from spatial.errors import N_, AreaError, Conflict, InvalidInput, Message, NotFound, Number, SasaranError, SelectionError
from spatial.selection.rules import trigger_refusal
from webgis import create_app


def test_message_with_values_translates_then_fills():
    error = InvalidInput(N_("Tahun harus antara %(awal)s dan %(akhir)s."), awal=2000, akhir=2100)
    assert str(error) == "Tahun harus antara 2000 dan 2100."
    english = {"Tahun harus antara %(awal)s dan %(akhir)s.": "The year must be between %(awal)s and %(akhir)s."}
    assert error.translated(lambda m: english.get(m, m)) == "The year must be between 2000 and 2100."
    broken = {"Tahun harus antara %(awal)s dan %(akhir)s.": "Year %(tahun)s"}  # a bad translation
    assert error.translated(lambda m: broken.get(m, m)) == "Tahun harus antara 2000 dan 2100."


def test_status_and_code_follow_the_class():
    assert (InvalidInput("x").status, NotFound("x").status, Conflict("x").status) == (400, 404, 409)
    assert (AreaError("x").status, AreaError("x").code) == (400, "kawasan_tidak_valid")
    assert SelectionError("x").status == 409 and isinstance(SelectionError("x"), ValueError)
    assert SasaranError("x", status=422, code="lain").status == 422


@pytest.fixture(scope="module")
def client():
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False,
                      "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"})
    probe = Blueprint("probe", __name__)

    @probe.route("/api/probe/area")
    def api_area():
        raise AreaError(N_("Tahun harus berupa angka."))

    @probe.route("/probe/missing")
    def page_missing():
        raise NotFound(N_("Tahun harus berupa angka."))

    @probe.route("/probe/form", methods=["POST"])
    def form():
        raise SelectionError(N_("Tahun harus berupa angka."))

    for view in (api_area, page_missing, form):
        view.required_roles = ()  # classified as open (webgis.access), the guard lets it through
    app.register_blueprint(probe)
    return app.test_client()


def test_api_gets_json_with_code_in_the_users_language(client):
    response = client.get("/api/probe/area")
    assert response.status_code == 400
    assert response.get_json() == {"error": "Tahun harus berupa angka.", "kode": "kawasan_tidak_valid"}
    client.get("/bahasa/en")
    english = client.get("/api/probe/area").get_json()["error"]
    client.get("/bahasa/id")
    assert english != "Tahun harus berupa angka." and "year" in english.lower()


def test_page_gets_the_error_page_with_status(client):
    response = client.get("/probe/missing")
    assert response.status_code == 404 and "Tahun harus berupa angka." in response.get_data(as_text=True)


def test_form_goes_back_with_a_flashed_message(client):
    response = client.post("/probe/form", headers={"Referer": "http://localhost/seleksi/"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/seleksi/")
    with client.session_transaction() as session:
        assert ("danger", "Tahun harus berupa angka.") in session["_flashes"]


def test_a_list_of_reasons_is_translated_reason_by_reason():
    reasons = [InvalidInput(N_("minimal %(n)s karakter"), n=12), InvalidInput(N_("kata sandi demo tidak boleh dipakai"))]
    error = InvalidInput(N_("Kata sandi ditolak: %(alasan)s."), alasan=reasons)
    assert str(error) == "Kata sandi ditolak: minimal 12 karakter; kata sandi demo tidak boleh dipakai."
    english = {"Kata sandi ditolak: %(alasan)s.": "Password refused: %(alasan)s.",
               "minimal %(n)s karakter": "at least %(n)s characters"}
    assert error.translated(lambda m: english.get(m, m)) == \
        "Password refused: at least 12 characters; kata sandi demo tidak boleh dipakai."



def test_a_number_in_a_message_is_written_as_its_language_writes_numbers():
    message = Message(N_("%(meter)s m dari kantong kemiskinan #%(kantong)s; prevalensi %(persen)s %%"),
                      meter=Number(9568.4, 0), kantong=12, persen=Number(23.45))
    assert str(message) == "9.568 m dari kantong kemiskinan #12; prevalensi 23,4 %"
    english = {message.message: "%(meter)s m from poverty pocket #%(kantong)s; prevalence %(persen)s %%"}
    assert message.translated(lambda m: english.get(m, m), "en") == "9,568 m from poverty pocket #12; prevalence 23.4 %"


TRIGGER_MESSAGES = [  # what the selection triggers of migration 0006 raise, as psycopg reports it
    ("perubahan status usulan -> selesai tidak diizinkan", "The status change usulan -> selesai is not allowed."),
    ("program 12 sudah ditutup", "The programme is closed."),
    ("program sudah ditutup", "The programme is closed."),
    ("hanya usulan yang dapat dihapus (status ditetapkan)", "Only proposals can be removed (status ditetapkan)."),
    ("seleksi baru harus berstatus usulan", "A new selection must have the status usulan (proposed)."),
    ("program dan rumah tangga sebuah seleksi tidak dapat diubah",
     "The programme and household of a selection cannot be changed."),
    ("program masih memiliki rumah tangga berstatus ditetapkan; selesaikan atau tolak dahulu",
     "The programme still has households with status ditetapkan (decided); complete or reject them first."),
]


@pytest.mark.parametrize("raised, english", TRIGGER_MESSAGES)
def test_trigger_refusals_become_translated_selection_errors(client, raised, english):
    refusal = trigger_refusal(raised)
    assert isinstance(refusal, SelectionError) and refusal.status == 409
    with client.application.app_context(), force_locale("en"):
        assert refusal.translated(gettext) == english
