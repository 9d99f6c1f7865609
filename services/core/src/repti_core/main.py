"""repti-core: identity, tenancy, plans, API keys and feature flags."""

from __future__ import annotations

from fastapi import FastAPI

from repti_core import jwks
from repti_core.api_keys.router import router as api_keys_router
from repti_core.auth.router import router as auth_router
from repti_core.config import SERVICE, get_signing_key
from repti_core.feature_flags.router import router as feature_flags_router
from repti_core.invitations.router import router as invitations_router
from repti_core.invitations.router import vivarium_router as vivarium_invitations_router
from repti_core.members.router import router as members_router
from repti_core.partnerships.router import router as partnerships_router
from repti_core.partnerships.router import vivarium_router as vivarium_partnerships_router
from repti_core.plans.router import router as plans_router
from repti_core.users.router import router as users_router
from repti_core.vivariums.router import router as vivariums_router
from reptidex_common.app_factory import create_service_app
from reptidex_common.auth.api_keys import ApiKeyScope
from reptidex_common.auth.jwks import StaticJwks
from reptidex_common.auth.key_policy import PUBLIC, ApiKeyPolicy, KeyAccess

# Account, user, member, invitation, session, key, partnership, plan and flag data never
# answer a key (embed keys sit in public web pages). A key that reads a vivarium's data may read
# that vivarium's own record, to learn its name and slug. See the table in `key_policy`.
DATA_READ_SCOPES = frozenset(
    scope.value
    for scope in (
        ApiKeyScope.animals_read,
        ApiKeyScope.animals_write,
        ApiKeyScope.breeding_read,
        ApiKeyScope.breeding_write,
        ApiKeyScope.husbandry_read,
        ApiKeyScope.husbandry_write,
    )
)
API_KEY_POLICY = ApiKeyPolicy(
    by_tag={"vivariums": KeyAccess(read=DATA_READ_SCOPES)},
    by_operation={
        "auth-jwks": PUBLIC,
        "plans-list-plans": PUBLIC,
        # An embed widget asks which features are on for its vivarium.
        "feature-flags-evaluate-flags": KeyAccess(
            read=DATA_READ_SCOPES | {ApiKeyScope.embed.value}
        ),
    },
)


def create_app() -> FastAPI:
    return create_service_app(
        SERVICE,
        title="ReptiDex Core API",
        description="Accounts, vivariums, members, invitations, partnerships, plans, API keys and feature flags.",
        # Core verifies its own tokens with its own public key; no HTTP round trip to itself.
        jwks=StaticJwks(get_signing_key().jwks()),
        api_key_policy=API_KEY_POLICY,
        routers=[
            jwks.router,
            auth_router,
            api_keys_router,
            plans_router,
            feature_flags_router,
            users_router,
            vivariums_router,
            members_router,
            vivarium_invitations_router,
            invitations_router,
            vivarium_partnerships_router,
            partnerships_router,
        ],
    )
