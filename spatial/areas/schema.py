"""Published schemas of a layer, built from its declared property types (``Layer.fields``).

- ``feature_schema``: JSON Schema of a feature's properties (OGC API - Features Part 5 style,
  the geometry marked ``x-ogc-role: primary-geometry``), integers as ``int64``.
- ``queryables``: JSON Schema of the properties a client may filter on (Part 3 style).
- ``xml_schema``: a GML application schema (XSD) of the same feature type. GDAL's OAPIF driver
  (QGIS, ogr2ogr) types its fields from the collection's ``describedby`` link; from a JSON schema
  it makes every integer 32-bit, from an XSD ``xs:long`` it makes a 64-bit field. Without a
  schema it guesses from the first page of features (10 by default) and clips larger values later.
"""
from xml.sax.saxutils import quoteattr

from spatial.areas.layers import BOOLEAN, DECIMAL, INTEGER, TEXT, Layer

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
XSD_NAMESPACE = "urn:sasaran:ogc"
_JSON_TYPES = {TEXT: {"type": "string"}, INTEGER: {"type": "integer", "format": "int64"},
               DECIMAL: {"type": "number", "format": "double"}, BOOLEAN: {"type": "boolean"}}
_XSD_TYPES = {TEXT: "xs:string", INTEGER: "xs:long", DECIMAL: "xs:double", BOOLEAN: "xs:boolean"}
_GML_GEOMETRY = {"Point": "gml:PointPropertyType", "Polygon": "gml:SurfacePropertyType",
                 "MultiPolygon": "gml:MultiSurfacePropertyType"}
_JSON_GEOMETRY = {"Point": "geometry-point", "Polygon": "geometry-polygon", "MultiPolygon": "geometry-multipolygon"}


def feature_schema(layer: Layer, schema_id: str) -> dict:
    """JSON Schema of the layer's features: geometry role and every property with its type (may be null)."""
    properties: dict[str, dict] = {"geometry": {"x-ogc-role": "primary-geometry", "format": _JSON_GEOMETRY[layer.geometry]}}
    for name, kind in layer.fields.items():
        spec = _JSON_TYPES[kind]
        properties[name] = {**spec, "type": [spec["type"], "null"]}
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": schema_id, "type": "object", "title": layer.title,
            "description": layer.description, "properties": properties}


def queryables(layer: Layer, schema_id: str) -> dict:
    """JSON Schema of the properties a client may filter the items on (equality)."""
    properties = {name: dict(_JSON_TYPES[layer.fields.get(name, TEXT)]) for name in layer.properties}
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": schema_id, "type": "object", "title": layer.title,
            "properties": properties, "additionalProperties": False}


def xml_schema(layer: Layer) -> str:
    """GML 3.2 application schema of the layer (one feature type named like the collection)."""
    elements = [f'<xs:element name="geometry" type="{_GML_GEOMETRY[layer.geometry]}" minOccurs="0"/>']
    elements += [f'<xs:element name={quoteattr(name)} type="{_XSD_TYPES[kind]}" minOccurs="0" nillable="true"/>'
                 for name, kind in layer.fields.items()]
    body = "\n          ".join(elements)
    name = quoteattr(layer.name)
    type_name = quoteattr(f"{layer.name}Type")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:gml="http://www.opengis.net/gml/3.2"
    xmlns:sasaran="{XSD_NAMESPACE}" targetNamespace="{XSD_NAMESPACE}" elementFormDefault="qualified" version="1.0">
  <xs:import namespace="http://www.opengis.net/gml/3.2"/>
  <xs:element name={name} type={quoteattr(f"sasaran:{layer.name}Type")} substitutionGroup="gml:AbstractFeature"/>
  <xs:complexType name={type_name}>
    <xs:complexContent>
      <xs:extension base="gml:AbstractFeatureType">
        <xs:sequence>
          {body}
        </xs:sequence>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
</xs:schema>
"""
