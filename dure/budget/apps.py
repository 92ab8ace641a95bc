from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "dure.budget"
    label = "budget"
    verbose_name = "예산·정산"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from dure.budget import models

        for model in (
            models.BudgetLine,
            models.InitialBudget,
            models.Transfer,
            models.Grant,
            models.Expenditure,
            models.Income,
            models.Disallowance,
            models.SettledYear,
            models.SettlementAdjustment,
        ):
            auditlog.register(model)
