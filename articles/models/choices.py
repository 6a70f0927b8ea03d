"""Closed vocabularies shared by models, ingest, tagging and filters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


class DateOrigin(models.TextChoices):
    """Where a publication date came from: stated by the caller, or guessed from the text."""

    GIVEN = "given", _("given with the article")
    GUESSED = "guessed", _("guessed from the text")
    NONE = "none", _("no date")


class ActorKind(models.TextChoices):
    PERSON = "person", _("person")
    STATE = "state", _("state")
    ORGANISATION = "organisation", _("organisation")


class ActorStatus(models.TextChoices):
    """Dictionary actors are active; discovery proposes candidates for editors."""

    ACTIVE = "active", _("active")
    CANDIDATE = "candidate", _("candidate")
    REJECTED = "rejected", _("rejected")
    MERGED = "merged", _("merged into another actor")


class VenueKind(models.TextChoices):
    CITY = "city", _("city")
    REGION = "region", _("region")
    SITE = "site", _("site")
    CORRIDOR = "corridor", _("corridor")


class EventType(models.TextChoices):
    SUMMIT = "summit", _("summit")
    MEETING = "meeting", _("meeting")
    TALKS = "talks", _("talks")
    PHONE_CALL = "phone_call", _("phone call")
    CEASEFIRE = "ceasefire", _("ceasefire")
    AGREEMENT = "agreement", _("agreement")
    JOINT_STATEMENT = "joint_statement", _("joint statement")
    PRESS_CONFERENCE = "press_conference", _("press conference")
    MILITARY_OPERATION = "military_operation", _("military operation")
    CLASHES = "clashes", _("clashes")


class ParticipantRole(models.TextChoices):
    PARTY = "party", _("party")
    MEDIATOR = "mediator", _("mediator")
    HOST = "host", _("host")


class ReviewStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")
