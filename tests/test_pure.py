# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The pure tests of ``tests/pure``, run by Odoo's test runner too.

pytest runs them without Odoo (``tools/test``, pure stage); these classes run
the same test functions in Odoo's runner, without a database, as core
``phone_validation/tests/test_phonenumbers.py`` tests its pure helper, so that
a plain Odoo or OCA CI runs them as well. Each test function is one test
method, each of its parametrised cases one subtest; ``TestPure<Name>`` runs
``tests/pure/test_<name>.py`` (``tools/test`` counts a failure that pytest
reported too only once, by this name). ``test_cluster_users``
tests the development tools (``tools/odoo_env.py``), not the addon, with
pytest's fixtures: pytest alone runs it.
"""

import inspect
import itertools

from odoo.tests import BaseCase

from .pure import (
    test_bounds,
    test_const,
    test_fact_rules,
    test_kpi_rules,
    test_pay_rules,
    test_scoring,
    test_timeliness_rules,
)


def _parametrised_cases(function):
    """The keyword arguments of each case of ``function``: the product of
    its ``pytest.mark.parametrize`` marks, one empty case without marks."""
    axes = []
    for mark in getattr(function, "pytestmark", ()):
        if mark.name != "parametrize":
            raise TypeError(f"{function.__name__}: only parametrize marks run here")
        names, values = mark.args[:2]
        if isinstance(names, str):
            names = [name.strip() for name in names.split(",")]
        if len(names) == 1:
            values = [(value,) for value in values]
        axes.append([dict(zip(names, case, strict=True)) for case in values])
    cases = [
        {name: value for axis in combination for name, value in axis.items()}
        for combination in itertools.product(*axes)
    ]
    parameters = set(inspect.signature(function).parameters)
    if any(set(case) != parameters for case in cases):
        raise TypeError(f"{function.__name__}: pytest fixtures do not run here")
    return cases


def _test_method(function):
    cases = _parametrised_cases(function)

    def test(self):
        for kwargs in cases:
            with self.subTest(**kwargs):
                function(**kwargs)

    test.__name__ = function.__name__
    test.__doc__ = function.__doc__
    return test


def runs_pure_tests(module):
    """Class decorator: a test method for each test function of ``module``."""

    def decorate(cls):
        for name, function in vars(module).items():
            if name.startswith("test_") and inspect.isfunction(function):
                setattr(cls, name, _test_method(function))
        return cls

    return decorate


@runs_pure_tests(test_scoring)
class TestPureScoring(BaseCase):
    """``tests/pure/test_scoring.py``: the rules of ``scoring.py``."""


@runs_pure_tests(test_bounds)
class TestPureBounds(BaseCase):
    """``tests/pure/test_bounds.py``: the bounds of numbers and dates."""


@runs_pure_tests(test_const)
class TestPureConst(BaseCase):
    """``tests/pure/test_const.py``: the names shared through ``const.py``."""


@runs_pure_tests(test_fact_rules)
class TestPureFactRules(BaseCase):
    """``tests/pure/test_fact_rules.py``: the reference rules of the fact sources."""


@runs_pure_tests(test_kpi_rules)
class TestPureKpiRules(BaseCase):
    """``tests/pure/test_kpi_rules.py``: the rule kinds of ``kpi_rules.py``."""


@runs_pure_tests(test_timeliness_rules)
class TestPureTimelinessRules(BaseCase):
    """``tests/pure/test_timeliness_rules.py``: timeliness and fix quality."""


@runs_pure_tests(test_pay_rules)
class TestPurePayRules(BaseCase):
    """``tests/pure/test_pay_rules.py``: the pay rules of ``pay_rules.py``."""
