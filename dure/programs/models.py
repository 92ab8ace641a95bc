"""A fiscal year's program tree: area (구분) → program (사업) → optional sub-program (세부사업)."""

from __future__ import annotations

from django.db import models

from dure.core.models import CenterOwned, FiscalYear, User


class ProgramArea(CenterOwned):
    """구분: a program area of a center's fiscal year (판로지원, 경영지원 …)."""

    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name="회계연도", on_delete=models.PROTECT, related_name="program_areas"
    )
    code = models.CharField("코드", max_length=30)
    name = models.CharField("구분", max_length=100)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "사업 구분"
        verbose_name_plural = "사업 구분"
        ordering = ["fiscal_year", "center", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "fiscal_year", "code"],
                name="program_area_unique_code",
                violation_error_message="같은 연도·센터에 같은 구분 코드가 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["center", "fiscal_year", "name"],
                name="program_area_unique_name",
                violation_error_message="같은 연도·센터에 같은 구분 이름이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year.year} {self.name}"


class Program(CenterOwned):
    """사업: a program of an area, with its owner center and staff."""

    area = models.ForeignKey(
        ProgramArea, verbose_name="구분", on_delete=models.PROTECT, related_name="programs"
    )
    code = models.CharField("코드", max_length=30)
    name = models.CharField("사업명", max_length=200)
    order = models.PositiveSmallIntegerField("순서", default=0)
    staff = models.ManyToManyField(User, verbose_name="담당자", blank=True, related_name="programs")

    class Meta:
        verbose_name = "사업"
        verbose_name_plural = "사업"
        ordering = ["area__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "code"],
                name="program_unique_code",
                violation_error_message="같은 구분에 같은 사업 코드가 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["area", "name"],
                name="program_unique_name",
                violation_error_message="같은 구분에 같은 사업명이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def fiscal_year(self) -> FiscalYear:
        return self.area.fiscal_year


class SubProgram(CenterOwned):
    """세부사업: an optional part of a program."""

    program = models.ForeignKey(
        Program, verbose_name="사업", on_delete=models.PROTECT, related_name="sub_programs"
    )
    code = models.CharField("코드", max_length=30)
    name = models.CharField("세부사업명", max_length=200)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "세부사업"
        verbose_name_plural = "세부사업"
        ordering = ["program", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "code"],
                name="sub_program_unique_code",
                violation_error_message="같은 사업에 같은 세부사업 코드가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program.name} › {self.name}"
