"""HTTP for the genetics calculator."""

from __future__ import annotations

from fastapi import APIRouter, Response

from repti_animal.genetics import service
from repti_animal.genetics.presenter import prediction_read
from repti_animal.genetics.schemas import PredictionRead, PredictRequest
from reptidex_common.auth.dependencies import CurrentPrincipal
from reptidex_common.db.engine import DbSession

router = APIRouter(prefix="/api/v1/genetics", tags=["genetics"])


@router.post("/predict", response_model=PredictionRead)
async def predict(
    body: PredictRequest, principal: CurrentPrincipal, session: DbSession
) -> Response:
    """The offspring outcomes of a pairing, most likely first.

    The `limit` most likely outcomes are listed; the others are grouped in `other_outcomes`
    with their exact count and total probability, so a 9-gene project's 1,152 outcomes are
    answered at once and the listed and grouped odds still sum to exactly 1.

    Each parent is an animal the caller may see (`{"animal_id": ...}`: in one of their
    vivariums, or public or lineage-only) or a genotype list. Outcomes carry exact odds,
    the morph name, possible-het percentages and welfare or lethal warnings; polygenic and
    line-bred traits are listed apart, without odds.
    """
    result = await service.predict_pairing(session, principal, body)
    # Serialized here: the body is already a validated PredictionRead, and letting FastAPI
    # validate a thousand outcomes again would double the response time.
    return Response(prediction_read(result).model_dump_json(), media_type="application/json")
