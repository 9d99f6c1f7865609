"""Annotated vivarium-role dependencies shared by the tenancy domains."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from reptidex_common.auth.dependencies import VivariumAccess, require_vivarium_role
from reptidex_common.models.enums import VivariumRole

# Any member (and staff): read access.
MemberAccess = Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.keeper))]
CuratorAccess = Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.curator))]
OwnerAccess = Annotated[VivariumAccess, Depends(require_vivarium_role(VivariumRole.herpetologist))]
