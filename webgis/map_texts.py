"""Texts of the map controls in the page's language: Leaflet.draw (``L.drawLocal``), Leaflet's own
zoom buttons and popup close button, and leaflet-measure (its npm build is English only). The
English texts of the last two are replaced in the map's DOM by ``static/js/map_texts.js``;
leaflet-measure's units and number format come from the control's options."""
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from flask import url_for
from flask_babel import get_locale, gettext as _
from jinja2 import Template


def draw_local() -> dict:
    """``L.drawLocal`` of Leaflet.draw 1.0 (toolbar, tooltips, edit mode), translated."""
    cancel = _("Batal")
    return {
        "draw": {
            "toolbar": {
                "actions": {"title": _("Batalkan menggambar"), "text": cancel},
                "finish": {"title": _("Selesai menggambar"), "text": _("Selesaikan")},
                "undo": {"title": _("Hapus titik terakhir yang digambar"), "text": _("Hapus titik terakhir")},
                "buttons": {"polyline": _("Gambar garis"), "polygon": _("Gambar poligon"),
                            "rectangle": _("Gambar persegi panjang"), "circle": _("Gambar lingkaran"),
                            "marker": _("Tempatkan penanda"), "circlemarker": _("Tempatkan penanda lingkaran")},
            },
            "handlers": {
                "circle": {"tooltip": {"start": _("Klik dan seret untuk menggambar lingkaran.")}, "radius": _("Jari-jari")},
                "circlemarker": {"tooltip": {"start": _("Klik peta untuk menempatkan penanda lingkaran.")}},
                "marker": {"tooltip": {"start": _("Klik peta untuk menempatkan penanda.")}},
                "polygon": {"tooltip": {"start": _("Klik untuk mulai menggambar bidang."),
                                        "cont": _("Klik untuk melanjutkan menggambar bidang."),
                                        "end": _("Klik titik pertama untuk menutup bidang ini.")}},
                "polyline": {"error": "<strong>" + _("Galat:") + "</strong> " + _("sisi bidang tidak boleh berpotongan!"),
                             "tooltip": {"start": _("Klik untuk mulai menggambar garis."),
                                         "cont": _("Klik untuk melanjutkan menggambar garis."),
                                         "end": _("Klik titik terakhir untuk mengakhiri garis.")}},
                "rectangle": {"tooltip": {"start": _("Klik dan seret untuk menggambar persegi panjang.")}},
                "simpleshape": {"tooltip": {"end": _("Lepaskan tombol tetikus untuk selesai menggambar.")}},
            },
        },
        "edit": {
            "toolbar": {
                "actions": {"save": {"title": _("Simpan perubahan"), "text": _("Simpan")},
                            "cancel": {"title": _("Batalkan penyuntingan, semua perubahan dibuang"), "text": cancel},
                            "clearAll": {"title": _("Hapus semua lapisan"), "text": _("Hapus semua")}},
                "buttons": {"edit": _("Sunting bidang"), "editDisabled": _("Tidak ada bidang untuk disunting"),
                            "remove": _("Hapus bidang"), "removeDisabled": _("Tidak ada bidang untuk dihapus")},
            },
            "handlers": {
                "edit": {"tooltip": {"text": _("Seret titik sudut atau penanda untuk menyunting bidang."),
                                     "subtext": _("Klik Batal untuk membatalkan perubahan.")}},
                "remove": {"tooltip": {"text": _("Klik bidang untuk menghapusnya.")}},
            },
        },
    }


# Leaflet's English titles and leaflet-measure's texts (node_modules/leaflet-measure/languages/en.json)
# -> ours.
def english_texts() -> dict:
    """English text of Leaflet's controls and of leaflet-measure -> the same text in the page's language."""
    return {
        "Zoom in": _("Perbesar"), "Zoom out": _("Perkecil"), "Close popup": _("Tutup popup"),
        "Measure": _("Ukur"), "Measure distances and areas": _("Ukur jarak dan luas"),
        "Create a new measurement": _("Buat pengukuran baru"),
        "Start creating a measurement by adding points to the map":
            _("Mulai mengukur dengan menambahkan titik di peta"),
        "Finish measurement": _("Selesai mengukur"), "Last point": _("Titik terakhir"), "Area": _("Luas"),
        "Perimeter": _("Keliling"), "Point location": _("Lokasi titik"), "Area measurement": _("Pengukuran luas"),
        "Linear measurement": _("Pengukuran jarak"), "Path distance": _("Jarak lintasan"),
        "Center on this area": _("Pusatkan pada bidang ini"), "Center on this line": _("Pusatkan pada garis ini"),
        "Center on this location": _("Pusatkan pada lokasi ini"), "Cancel": _("Batal"), "Delete": _("Hapus"),
    }


def measure_options() -> dict:
    """Units and number format of leaflet-measure in the page's language."""
    english = str(get_locale()) == "en"
    return {"dec_point": "." if english else ",", "thousands_sep": "," if english else ".",
            "units": {"meters": {"factor": 1, "display": _("meter"), "decimals": 0},
                      "kilometers": {"factor": 0.001, "display": _("kilometer"), "decimals": 2},
                      "hectares": {"factor": 0.0001, "display": _("hektare"), "decimals": 2},
                      "sqmeters": {"factor": 1, "display": _("meter persegi"), "decimals": 0}}}


class ControlTexts(JSCSSMixin, MacroElement):
    """Sets ``L.drawLocal`` before any drawing control is made and translates Leaflet's and
    leaflet-measure's English texts."""
    _template = Template("""{% macro script(this, kwargs) %}
        Sasaran.controlTexts({{ this._parent.get_name() }}, {{ this.draw|tojson }}, {{ this.english|tojson }});
    {% endmacro %}""")

    def __init__(self):
        super().__init__()
        self._name = "ControlTexts"
        self.draw, self.english = draw_local(), english_texts()
        self.default_js = [("sasaran_map_texts", url_for("static", filename="js/map_texts.js"))]
