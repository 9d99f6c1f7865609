"""Schema building blocks shared by every service."""

from __future__ import annotations

from typing import ClassVar, Self

from pydantic import BaseModel, model_validator
from starlette.responses import Response


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


def json_response(model: BaseModel, status_code: int = 200) -> Response:
    """The model serialized once, as FastAPI would, without validating it again first.

    For hot reads whose handler builds its `response_model` itself: the route keeps declaring
    the model (OpenAPI, generated clients), and the answer is byte for byte the same.
    """
    return Response(
        model.model_dump_json(by_alias=True),
        status_code=status_code,
        media_type="application/json",
    )
