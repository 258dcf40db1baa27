"""Abstract bases shared by every app; no domain logic lives here."""

from django.db import models


class BaseModel(models.Model):
    """Timestamps every row carries; storage is UTC (USE_TZ)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
