"""Sasaran web GIS: Flask application factory (``flask --app webgis run``)."""
from flask import Flask
from flask_wtf.csrf import CSRFProtect

from spatial.settings import load as load_settings
from webgis import assets, auth, database, errors, formats, i18n, settings
from webgis.api import blueprint as api_blueprint
from webgis.maps import blueprint as maps_blueprint
from webgis import map_api, tiles, village_profile
from webgis import imports
from webgis.imports import blueprint as imports_blueprint
from webgis.growth import blueprint as growth_blueprint
from webgis import access, admin, health, params, security
from webgis import analysis_api, analysis_pages
from webgis import compression
from webgis import fieldwork, households, selection
from webgis import areas, exports, lokus, ogcapi
from webgis import basemap
from webgis import targeting

csrf = CSRFProtect()


def create_app(overrides: dict | None = None) -> Flask:
    """Build the app: configuration from the environment, then blueprints and extensions."""
    app = Flask(__name__)
    app.config.update(settings.flask_config(load_settings()))
    app.config.update(overrides or {})
    csrf.init_app(app)
    errors.init_app(app)
    database.init_app(app)
    i18n.init_app(app)
    formats.init_app(app)
    auth.init_app(app)
    for blueprint in (assets.blueprint, basemap.blueprint, i18n.blueprint, auth.blueprint, maps_blueprint,
                      api_blueprint):
        app.register_blueprint(blueprint)
    for blueprint in (map_api.blueprint, tiles.blueprint, village_profile.blueprint):
        app.register_blueprint(blueprint)
    app.register_blueprint(imports_blueprint)
    imports.init_app(app)
    app.register_blueprint(growth_blueprint)
    app.register_blueprint(health.blueprint)
    app.register_blueprint(admin.blueprint)
    app.register_blueprint(analysis_api.blueprint)
    app.register_blueprint(analysis_pages.blueprint)
    app.register_blueprint(selection.blueprint)
    app.register_blueprint(targeting.blueprint)
    app.register_blueprint(fieldwork.blueprint)
    app.register_blueprint(households.blueprint)
    for blueprint in (areas.blueprint, lokus.blueprint, exports.blueprint, ogcapi.blueprint):
        app.register_blueprint(blueprint)
    csrf.exempt(ogcapi.blueprint)  # read-only API for agency clients (bearer tokens, no forms)
    security.init_app(app)
    params.init_app(app)
    access.init_app(app)
    compression.init_app(app)
    return app
