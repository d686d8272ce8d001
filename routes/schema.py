"""The JSON Schema of the data files, generated from the models."""

from __future__ import annotations

import json

from .models import DataFile

__all__ = ["schema_json"]


def schema_json() -> str:
    """The JSON Schema for one data file, as committed in ``data/schema.json``."""
    schema = DataFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
