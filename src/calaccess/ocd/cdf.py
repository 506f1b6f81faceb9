"""A small element tree that writes XML and the NIST JSON style, for the VIP and NIST exporters.

Both formats are the same object model (NIST's Common Data Format; VIP 5 borrowed from it): objects with an
id, properties in schema order, references by id. An `Obj` holds one object's properties in the order its
schema's sequence demands; the writers turn it into XML elements, or into JSON objects with `@type` and `@id`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lxml import etree

from calaccess.ocd.ids import NAMESPACE

XSI = "http://www.w3.org/2001/XMLSchema-instance"


class Refs(list[str]):
    """IDREFS: several ids, space-separated in XML, an array in JSON."""


@dataclass
class Obj:
    """One object: its class, its properties in schema order, and its id, attributes and simple content.

    `props` values are text, numbers, booleans, dates, `Refs`, an `Obj`, or a list (a repeated property).
    """

    type: str
    props: list[tuple[str, Any]] = field(default_factory=list)
    object_id: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    content: str | None = None

    def add(self, name: str, value: Any) -> Obj:
        """Append a property unless it is empty (None or an empty list): optional elements are left out."""
        if value is None or (isinstance(value, list) and not value):
            return self
        self.props.append((name, value))
        return self


def external_identifiers(ocd_id: str, upstream: list[dict[str, Any]] | None = None) -> list[Obj]:
    """An object's OCD id as ExternalIdentifier Type "ocd-id", then each upstream identifier as Type "other"
    with its scheme as OtherType: the same elements in VIP and NIST."""
    found = [Obj("ExternalIdentifier").add("Type", "ocd-id").add("Value", ocd_id)]
    for item in upstream or []:
        found.append(
            Obj("ExternalIdentifier")
            .add("Type", "other")
            .add("OtherType", item["scheme"])
            .add("Value", item["identifier"])
        )
    return found


def internationalized_text(value: str | None, *, language: str, attribute: str) -> Obj:
    """An InternationalizedText of one LanguageString, whose language attribute VIP spells `language` and
    NIST `Language`. A missing required text (validation reports it) is written empty, keeping the document
    valid."""
    text = Obj("LanguageString", attrs={attribute: language}, content=value or "")
    return Obj("InternationalizedText").add("Text", [text])


def xml_id(ocd_id: str) -> str:
    """An XML ID (an NCName: no '/' or ':') for an OCD id, the same every time.

    uuid ids keep their type and uuid (`ocd-contest/<uuid>` is `contest-<uuid>`); ids that spell a geography
    (divisions, jurisdictions) become their kind and a uuid5 of the whole id.
    """
    kind, _, rest = ocd_id.removeprefix("ocd-").partition("/")
    if kind in ("division", "jurisdiction"):
        return f"{kind}-{uuid.uuid5(NAMESPACE, ocd_id)}"
    return f"{kind}-{rest}"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Refs):
        return " ".join(value)
    return str(value)


def to_xml(
    root_name: str,
    root: Obj,
    *,
    namespace: str | None,
    id_attribute: str,
    abstract: frozenset[str],
) -> etree._Element:
    """The XML element tree of `root`.

    `abstract` names the elements whose schema type is abstract (NIST's Contest, GpUnit, ContestSelection):
    for those, the concrete class goes into `xsi:type`.
    """
    nsmap: Any = {"xsi": XSI}  # Any: lxml takes None as the default namespace's key; its stubs do not
    if namespace:
        nsmap[None] = namespace

    def tag(name: str) -> str:
        return f"{{{namespace}}}{name}" if namespace else name

    def build(parent: etree._Element | None, name: str, obj: Obj) -> etree._Element:
        element = (
            etree.Element(tag(name), nsmap=nsmap) if parent is None else etree.SubElement(parent, tag(name))
        )
        if name in abstract and obj.type != name:
            element.set(f"{{{XSI}}}type", obj.type)
        if obj.object_id is not None:
            element.set(id_attribute, obj.object_id)
        for key, value in obj.attrs.items():
            element.set(key, value)
        if obj.content is not None:
            element.text = obj.content
        for prop, value in obj.props:
            for item in value if isinstance(value, list) and not isinstance(value, Refs) else [value]:
                if isinstance(item, Obj):
                    build(element, prop, item)
                else:
                    etree.SubElement(element, tag(prop)).text = _text(item)
        return element

    return build(None, root_name, root)


def to_json(obj: Obj, *, type_prefix: str, repeated: Sequence[str] = ()) -> dict[str, Any]:
    """The NIST JSON object of `obj`: `@type` is the class with `type_prefix`, `@id` the object id.

    Attributes become properties and simple content `Content`, as NIST's JSON schema has them. A property
    named in `repeated` is always an array, even with one item.
    """
    document: dict[str, Any] = {"@type": f"{type_prefix}{obj.type}"}
    if obj.object_id is not None:
        document["@id"] = obj.object_id
    document.update(obj.attrs)
    if obj.content is not None:
        document["Content"] = obj.content
    for prop, value in obj.props:
        if isinstance(value, Refs):
            document[prop] = list(value)
        elif isinstance(value, list):
            document[prop] = [_json_item(v, type_prefix, repeated) for v in value]
        else:
            item = _json_item(value, type_prefix, repeated)
            document[prop] = [item] if prop in repeated else item
    return document


def _json_item(value: Any, type_prefix: str, repeated: Sequence[str]) -> Any:
    if isinstance(value, Obj):
        return to_json(value, type_prefix=type_prefix, repeated=repeated)
    if isinstance(value, bool | int):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return _text(value)
