from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class BudgetConfig(AppConfig):
    name = "dure.budget"
    label = "budget"
    verbose_name = "예산·정산"
    navigation = (
        NavItem(_("예산·정산"), "budget:home", Capability.VIEW_MONEY, order=500),
        NavItem(
            _("감사인 열람기록"), "budget:access_log", Capability.REVIEW_MONEY_ACCESS_LOG, order=930
        ),
    )

    def ready(self) -> None:
        from dure.budget import imports, models
        from dure.budget.execution import program_execution_rates
        from dure.core.audit import register_for_audit
        from dure.core.periods import register_closer
        from dure.programs.execution import register_execution_rate_provider

        register_execution_rate_provider(program_execution_rates)
        register_closer(models.settlement_closer)
        del imports  # imported for its register_importer calls

        for model in (
            models.BankAccount,
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
            register_for_audit(model)
