"""The record contract of ANNOTATION.md (v1) as pydantic models.

These models are the single source of truth for the output JSON, the gold
files and the committed JSON Schema. Fields that ANNOTATION.md lists are
typed exactly; the extra fields the contract allows (``pattern``,
``system_id``, ``in_lexicon``) are optional so gold files validate too.
"""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Category = Literal[
    "cruise_missile", "ballistic_missile", "hypersonic_missile", "anti_ship_missile",
    "air_defense", "loitering_munition", "drone", "aircraft", "helicopter", "tank",
    "armored_vehicle", "artillery", "rocket_artillery", "anti_tank", "ammunition",
    "naval_vessel", "small_arms", "other",
]
Approx = Literal["exact", "about", "under", "over", "at_most", "at_least", "range", "vague"]
Measure = Literal[
    "stock", "remaining", "delivered", "promised", "used", "destroyed", "produced",
    "range", "payload", "cost", "other",
]
SourceType = Literal["person", "media", "organization", "government", "document", "unknown"]
Status = Literal["delivered", "promised", "negotiating", "considering", "denied"]
Number = Union[int, float]


class _Record(BaseModel):
    # Gold files and later contract versions may carry fields we do not know;
    # keep them rather than fail (ANNOTATION.md: "Output records may carry more fields").
    model_config = ConfigDict(extra="allow")


class Span(_Record):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Weapon(_Record):
    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    name: str
    category: Category
    origin: Optional[str] = Field(default=None, pattern=r"^[A-Z]{2}$")
    system_id: Optional[str] = None
    in_lexicon: Optional[bool] = None
    pattern: Optional[str] = None
    optional: Optional[bool] = None


class Quantity(_Record):
    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    value: Optional[Number] = None
    low: Optional[Number] = None
    high: Optional[Number] = None
    approx: Approx
    unit: str
    measure: Measure
    weapon: Optional[str] = None
    weapon_class: Optional[str] = None
    owner: Optional[str] = None
    attribution: Optional[str] = None
    pattern: Optional[str] = None
    optional: Optional[bool] = None


class Attribution(_Record):
    id: str
    cue: Span
    source: Span
    source_name: Optional[str] = None
    source_type: SourceType
    content: Optional[Span] = None
    kind: Literal["direct", "indirect"]
    stance: Literal["assert", "deny"]
    hedged: bool
    pattern: Optional[str] = None
    optional: Optional[bool] = None


class Transfer(_Record):
    id: str
    supplier: Optional[str] = None
    supplier_country: Optional[str] = Field(default=None, pattern=r"^[A-Z]{2}$")
    recipient: Optional[str] = None
    recipient_country: Optional[str] = Field(default=None, pattern=r"^[A-Z]{2}$")
    weapon: Optional[str] = None
    weapon_class: Optional[str] = None
    quantity: Optional[str] = None
    status: Status
    evidence: Span
    attribution: Optional[str] = None
    pattern: Optional[str] = None
    optional: Optional[bool] = None


class Document(_Record):
    """One article and everything extracted from it."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str
    date: Optional[str] = None
    url: Optional[str] = None
    language: Optional[str] = None
    text: str
    weapons: list[Weapon] = []
    quantities: list[Quantity] = []
    attributions: list[Attribution] = []
    transfers: list[Transfer] = []


class ErrorInfo(BaseModel):
    type: str
    message: str


class ErrorDocument(BaseModel):
    """The line written for an input document that could not be processed."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str
    error: ErrorInfo


KINDS = ("weapons", "quantities", "attributions", "transfers")
RECORD_MODELS = {"weapons": Weapon, "quantities": Quantity, "attributions": Attribution, "transfers": Transfer}
