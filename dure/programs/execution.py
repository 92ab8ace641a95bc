"""Budget execution rate (집행률) per program, as supplied by the budget module.

The performance report's overview shows each program's execution rate. Programs sit below the
budget module in the dependency order, so the budget module registers a provider here at start-up;
until one is registered the rate is "not available" (None), never 0."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from dure.programs.models import Program


@dataclass(frozen=True)
class ExecutionRate:
    """A program's execution: executed ÷ base, with the link to the records behind it."""

    percent: Decimal | None
    executed_won: int
    base_won: int
    url: str


ExecutionRateProvider = Callable[[list[Program]], dict[int, ExecutionRate]]

_providers: list[ExecutionRateProvider] = []


def register_execution_rate_provider(provider: ExecutionRateProvider) -> None:
    """Called once by the budget module's AppConfig.ready()."""
    if provider not in _providers:
        _providers.append(provider)


def execution_rates(programs: Iterable[Program]) -> dict[int, ExecutionRate]:
    """Execution rates by program id, in a bounded number of queries; {} without a provider."""
    program_list = list(programs)
    rates: dict[int, ExecutionRate] = {}
    for provider in _providers:
        rates.update(provider(program_list))
    return rates
