"""Plan errors."""

from __future__ import annotations

from reptidex_common.errors import UnprocessableEntity


class UnknownPlan(UnprocessableEntity):
    type_slug = "unknown-plan"

    def __init__(self, code: str, known: list[str]) -> None:
        super().__init__(
            f"There is no plan '{code}'. Known plans: {', '.join(known)}.",
            extra={
                "errors": [
                    {"field": "body.plan_code", "message": "unknown plan", "type": "unknown_plan"}
                ]
            },
        )
