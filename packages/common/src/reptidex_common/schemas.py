"""Schema building blocks shared by every service."""

from __future__ import annotations

from typing import ClassVar, Self

from pydantic import BaseModel, model_validator


class PartialUpdate(BaseModel):
    """An `XUpdate` body: every field optional, applied with `exclude_unset`.

    Fields named in `not_nullable` may be left out but not sent as null, because the record
    always needs a value for them (other optional fields may be cleared with null).
    """

    not_nullable: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="after")
    def _no_null_for_required(self) -> Self:
        for name in self.not_nullable:
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} may be left out but not set to null")
        return self
