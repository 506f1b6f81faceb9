"""A small element tree that writes XML and the NIST JSON style, and the mappings VIP and NIST share.

Both formats are the same object model (NIST's Common Data Format; VIP 5 borrowed from it): objects with an
id, properties in schema order, references by id. An `Obj` holds one object's properties in the order its
schema's sequence demands; the writers turn it into XML elements, or into JSON objects with `@type` and `@id`.
Where the two formats map an OCD record the same way (a party, a person, a candidate, a ballot measure's
own properties), the mapping is here once; each format's module keeps what it does its own way (districts,
offices, contests, where objects go).
"""

from __future__ import annotations

import datetime as dt
import uuid
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from lxml import etree

from calaccess.ocd.election_data import (
    ElectionData,
    Record,
    is_top_ticket,
    measure_type,
    post_election_status,
)
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


# ----------------------------------------------------------------------------------------------------------
# the mappings both formats share


class Document(ABC):
    """A VIP feed or a NIST report being built: the records it maps, its texts' language, and what the
    shared mappings below ask of it."""

    language_attribute: ClassVar[str]  # LanguageString's attribute: VIP spells it `language`, NIST `Language`

    def __init__(self, data: ElectionData, language: str) -> None:
        self.data = data
        self.language = language

    def text(self, value: str | None) -> Obj:
        """An InternationalizedText of one LanguageString in the document's language.

        A missing required text (validation reports it) is written empty, keeping the document valid.
        """
        text = Obj("LanguageString", attrs={self.language_attribute: self.language}, content=value or "")
        return Obj("InternationalizedText").add("Text", [text])

    @abstractmethod
    def identify(self, obj: Obj, ocd_id: str, upstream: list[Record] | None = None) -> Obj:
        """`obj` with its external identifiers added, nested as the format nests them."""

    @abstractmethod
    def party(self, organization_id: str | None) -> str | None:
        """The Party's id, added to the document; None when the reference is empty or dangling."""

    @abstractmethod
    def person(self, person_id: str) -> str | None:
        """The Person's id, added to the document; None when there is no such person."""


def party_object(doc: Document, organization_id: str, organization: Record) -> Obj:
    obj = Obj("Party", object_id=xml_id(organization_id))
    doc.identify(obj, organization_id, organization["identifiers"])
    return obj.add("Name", doc.text(organization["name"]))


def person_object(doc: Document, person_id: str, person: Record) -> Obj:
    """A Person; a birth date only when it is a whole date (OCD allows a year or a month alone)."""
    obj = Obj("Person", object_id=xml_id(person_id))
    birth = person["birth_date"]
    obj.add("DateOfBirth", birth if birth and len(birth) == 10 else None)
    doc.identify(obj, person_id, person["identifiers"])
    obj.add("FirstName", person["given_name"])
    obj.add("FullName", doc.text(person["name"]))
    obj.add("Gender", person["gender"])
    return obj.add("LastName", person["family_name"])


def candidate_object(
    doc: Document, candidacy: Record, top_tickets: set[str], statuses: tuple[str, ...]
) -> Obj:
    """A candidacy's Candidate: BallotName is the candidate_name, or the person's name when missing;
    PostElectionStatus one of the format's `statuses`."""
    person = doc.data.people.get(candidacy["person_id"])
    obj = Obj("Candidate", object_id=xml_id(candidacy["id"]))
    obj.add("BallotName", doc.text(candidacy["candidate_name"] or (person["name"] if person else "")))
    doc.identify(obj, candidacy["id"])
    obj.add("FileDate", candidacy["filed_date"])
    obj.add("IsIncumbent", candidacy["is_incumbent"])
    obj.add("IsTopTicket", is_top_ticket(candidacy, top_tickets))
    obj.add("PartyId", doc.party(candidacy["party_id"]))
    obj.add("PersonId", doc.person(candidacy["person_id"]))
    obj.add("PostElectionStatus", post_election_status(candidacy, statuses))
    return obj.add("PreElectionStatus", candidacy["registration_status"])


def office_holder_object(doc: Document, contest: Record, membership: Record) -> Obj:
    """The Candidate a retention contest asks about: the holder of the membership, an incumbent."""
    person = doc.data.people.get(membership["person_id"])
    obj = Obj("Candidate", object_id=f"{xml_id(contest['id'])}-holder")
    obj.add("BallotName", doc.text(person["name"] if person else ""))
    doc.identify(obj, membership["id"])
    obj.add("IsIncumbent", True)
    return obj.add("PersonId", doc.person(membership["person_id"]))


def add_measure_properties(doc: Document, obj: Obj, contest: Record, types: tuple[str, ...]) -> Obj:
    """A ballot measure's own properties, after the contest's: requirement as PassageThreshold,
    description as SummaryText, classification as Type (one of the format's `types`) and OtherType."""
    obj.add("PassageThreshold", doc.text(contest["requirement"]) if contest["requirement"] else None)
    obj.add("SummaryText", doc.text(contest["description"]) if contest["description"] else None)
    measure, other = measure_type(contest["classification"], types)
    return obj.add("Type", measure).add("OtherType", contest.get("other_type") or other)
