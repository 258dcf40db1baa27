"""The curated skills taxonomy: categories, skills and the synonyms people type for them."""

from django.db import models

from tandem.skills.normalize import normalize


class SkillCategory(models.Model):
    """A group of related skills, e.g. 'Data & analytics'."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "name", "id")
        verbose_name_plural = "skill categories"

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    """One professional skill, e.g. 'JavaScript'."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    normalized_name = models.CharField(max_length=120, unique=True, editable=False)
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.normalized_name = normalize(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class SkillAlias(models.Model):
    """Another name for a skill ('JS' for JavaScript); unique across the taxonomy."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=120)
    normalized = models.CharField(max_length=120, unique=True, editable=False)

    class Meta:
        ordering = ("alias", "id")
        verbose_name_plural = "skill aliases"

    def __str__(self) -> str:
        return f"{self.alias} → {self.skill.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.normalized = normalize(self.alias)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
