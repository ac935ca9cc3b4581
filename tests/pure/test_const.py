# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shared names of ``const.py``, tested without Odoo.

``const.py`` labels keys that ``scoring.py`` decides on, so both are imported
as modules of a bare package standing for the addon: the addon's own package,
which imports Odoo, is never imported here.
"""

import importlib
import subprocess
import sys
import types
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_PACKAGE = "helpdesk_engineer_appraisal_files"
if _PACKAGE not in sys.modules:
    _package = types.ModuleType(_PACKAGE)
    _package.__path__ = [str(_ROOT)]
    sys.modules[_PACKAGE] = _package
const = importlib.import_module(f"{_PACKAGE}.const")
scoring = importlib.import_module(f"{_PACKAGE}.scoring")

DEFAULT_BANDS = (90, 80, 60, 40)


def test_const_and_scoring_import_without_odoo():
    # In a fresh interpreter: the test runner may have imported Odoo itself.
    code = (
        "import importlib, sys, types\n"
        f"package = types.ModuleType({_PACKAGE!r})\n"
        f"package.__path__ = [{str(_ROOT)!r}]\n"
        f"sys.modules[{_PACKAGE!r}] = package\n"
        f"importlib.import_module('{_PACKAGE}.const')\n"
        "print(sorted(name for name in sys.modules if name.startswith('odoo')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("total", [100, 90, 89.999, 80, 60, 59.99, 40, 39.99, 0])
def test_every_grade_of_a_total_has_a_label(total):
    keys = dict(const.GRADE_SELECTION)
    assert scoring.grade(total, DEFAULT_BANDS) in keys


def test_grade_selection_lists_the_bands_best_first():
    assert [key for key, _label in const.GRADE_SELECTION] == [
        scoring.GRADE_EXCELLENT,
        scoring.GRADE_GOOD,
        scoring.GRADE_PASS,
        scoring.GRADE_BELOW_STANDARD,
        scoring.GRADE_FAIL,
    ]


def test_appraisal_stages_in_workflow_order():
    assert [key for key, _label in const.APPRAISAL_STATE_SELECTION] == [
        const.APPRAISAL_DRAFT,
        const.APPRAISAL_SELF_ASSESSMENT,
        const.APPRAISAL_REVIEW,
        const.APPRAISAL_APPROVAL,
        const.APPRAISAL_DONE,
    ]


@pytest.mark.parametrize(
    "group",
    [
        "ENGINEER_GROUP",
        "SUPERVISOR_GROUP",
        "MANAGER_GROUP",
        "SERVICE_CENTRE_GROUP",
    ],
)
def test_groups_are_xml_ids_of_the_addon(group):
    module, name = getattr(const, group).split(".")
    assert module == "helpdesk_engineer_appraisal"
    assert name.startswith("group_")


def test_finding_kinds_differ():
    assert const.KIND_WORK_LOG != const.KIND_ORDER_FORM
