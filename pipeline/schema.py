"""The JSON Schema of an output line, generated from the pydantic models.

The committed copy lives at ``schema/wapenradar.schema.json``; a test fails
when the models change and the file is not regenerated
(``wapenradar schema > schema/wapenradar.schema.json``).
"""
from __future__ import annotations

from pydantic import TypeAdapter

from .records import SCHEMA_VERSION, Document, ErrorDocument

OutputLine = Document | ErrorDocument


def output_schema() -> dict:
    schema = TypeAdapter(OutputLine).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Wapenradar output line (schema_version {SCHEMA_VERSION})"
    schema["description"] = ("One JSON object per article: the extracted records (ANNOTATION.md contract v1), "
                             "or an error object for an article that could not be processed.")
    return schema
