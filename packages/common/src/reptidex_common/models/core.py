"""Tables owned by repti-core (schema `core`): identity, tenancy, plans, keys, flags."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reptidex_common.bounds import instant_in_range_sql
from reptidex_common.db.base import Base, IdMixin, TimestampMixin
from reptidex_common.models.columns import str_enum
from reptidex_common.models.enums import (
    InvitationStatus,
    PartnershipStatus,
    PlatformRole,
    UserStatus,
    UserTokenPurpose,
    VivariumRole,
)

SCHEMA = "core"


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        Index("uq_users_email_lower", func.lower(text("email")), unique=True),
        {"schema": SCHEMA},
    )

    email: Mapped[str] = mapped_column(String(320))
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(100))
    bio: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(200))
    contact_preferences: Mapped[dict[str, Any]] = mapped_column(
        JSONB, default=dict, server_default="{}"
    )
    privacy_settings: Mapped[dict[str, Any]] = mapped_column(
        JSONB, default=dict, server_default="{}"
    )
    platform_role: Mapped[PlatformRole] = mapped_column(
        str_enum(PlatformRole, "platform_role"), default=PlatformRole.user, server_default="user"
    )
    status: Mapped[UserStatus] = mapped_column(
        str_enum(UserStatus, "user_status"), default=UserStatus.active, server_default="active"
    )
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", lazy="raise")


class Plan(IdMixin, TimestampMixin, Base):
    __tablename__ = "plans"
    __table_args__ = {"schema": SCHEMA}

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    monthly_price_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    entitlements: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Vivarium(IdMixin, TimestampMixin, Base):
    __tablename__ = "vivariums"
    __table_args__ = {"schema": SCHEMA}

    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    logo_url: Mapped[str | None] = mapped_column(String(500))
    location: Mapped[str | None] = mapped_column(String(200))
    is_public: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    is_personal: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(f"{SCHEMA}.plans.id"))
    # Staff grants beyond the plan (e.g. a larger animal limit for a rescue).
    entitlement_overrides: Mapped[dict[str, Any]] = mapped_column(
        JSONB, default=dict, server_default="{}"
    )
    # IANA name; it alone decides what "today", "in the future" and "due" mean for its records.
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    plan: Mapped[Plan] = relationship(lazy="raise")
    memberships: Mapped[list[Membership]] = relationship(back_populates="vivarium", lazy="raise")


class Membership(IdMixin, TimestampMixin, Base):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("vivarium_id", "user_id"),
        Index("ix_memberships_user_id", "user_id"),
        {"schema": SCHEMA},
    )

    vivarium_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.vivariums.id", ondelete="CASCADE")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(f"{SCHEMA}.users.id", ondelete="CASCADE"))
    role: Mapped[VivariumRole] = mapped_column(str_enum(VivariumRole, "vivarium_role"))

    user: Mapped[User] = relationship(back_populates="memberships", lazy="raise")
    vivarium: Mapped[Vivarium] = relationship(back_populates="memberships", lazy="raise")


class Invitation(IdMixin, TimestampMixin, Base):
    __tablename__ = "invitations"
    __table_args__ = (
        Index("ix_invitations_email_lower", func.lower(text("email"))),
        Index("ix_invitations_vivarium_id", "vivarium_id"),
        {"schema": SCHEMA},
    )

    vivarium_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.vivariums.id", ondelete="CASCADE")
    )
    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[VivariumRole] = mapped_column(str_enum(VivariumRole, "invitation_role"))
    # Only the SHA-256 of the emailed token is kept, as for refresh and mailed tokens.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[InvitationStatus] = mapped_column(
        str_enum(InvitationStatus, "invitation_status"),
        default=InvitationStatus.pending,
        server_default="pending",
    )
    invited_by_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.users.id", ondelete="CASCADE")
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    responded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    vivarium: Mapped[Vivarium] = relationship(lazy="raise")


class Partnership(IdMixin, TimestampMixin, Base):
    __tablename__ = "partnerships"
    __table_args__ = (
        CheckConstraint("requester_vivarium_id <> partner_vivarium_id", name="not_self"),
        # One open partnership per pair of vivariums, whichever side proposed it.
        Index(
            "uq_partnerships_open_pair",
            func.least(text("requester_vivarium_id"), text("partner_vivarium_id")),
            func.greatest(text("requester_vivarium_id"), text("partner_vivarium_id")),
            unique=True,
            postgresql_where=text("status <> 'ended'"),
        ),
        {"schema": SCHEMA},
    )

    requester_vivarium_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.vivariums.id", ondelete="CASCADE")
    )
    partner_vivarium_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.vivariums.id", ondelete="CASCADE")
    )
    status: Mapped[PartnershipStatus] = mapped_column(
        str_enum(PartnershipStatus, "partnership_status"),
        default=PartnershipStatus.proposed,
        server_default="proposed",
    )
    note: Mapped[str | None] = mapped_column(Text)
    proposed_by_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(f"{SCHEMA}.users.id", ondelete="CASCADE")
    )
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RefreshToken(IdMixin, Base):
    __tablename__ = "refresh_tokens"
    __table_args__ = (
        Index("ix_refresh_tokens_family_id", "family_id"),
        Index("ix_refresh_tokens_user_id", "user_id"),
        {"schema": SCHEMA},
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(f"{SCHEMA}.users.id", ondelete="CASCADE"))
    # Every rotation of one login shares a family; reuse of a spent token revokes the family.
    family_id: Mapped[uuid.UUID] = mapped_column()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    ip_address: Mapped[str | None] = mapped_column(String(64))


class UserToken(IdMixin, Base):
    """Single-use tokens mailed to a user: password reset and email verification."""

    __tablename__ = "user_tokens"
    __table_args__ = (Index("ix_user_tokens_user_id", "user_id"), {"schema": SCHEMA})

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(f"{SCHEMA}.users.id", ondelete="CASCADE"))
    purpose: Mapped[UserTokenPurpose] = mapped_column(
        str_enum(UserTokenPurpose, "user_token_purpose")
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ApiKey(IdMixin, TimestampMixin, Base):
    __tablename__ = "api_keys"
    __table_args__ = (
        Index("ix_api_keys_user_id", "user_id"),
        CheckConstraint(instant_in_range_sql("expires_at"), name="expires_at_in_range"),
        {"schema": SCHEMA},
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(f"{SCHEMA}.users.id", ondelete="CASCADE"))
    # A key may be limited to one vivarium; without one it acts for all of its owner's.
    vivarium_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(f"{SCHEMA}.vivariums.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list, server_default="{}")
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class FeatureFlag(IdMixin, TimestampMixin, Base):
    __tablename__ = "feature_flags"
    __table_args__ = (
        CheckConstraint("rollout_percent BETWEEN 0 AND 100", name="rollout_percent_range"),
        {"schema": SCHEMA},
    )

    key: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    # Gradual rollout: a stable hash of the user id decides who is inside the percentage.
    rollout_percent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    user_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(Uuid(as_uuid=True)), default=list, server_default="{}"
    )
    vivarium_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(Uuid(as_uuid=True)), default=list, server_default="{}"
    )
