# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import traceback
from datetime import date
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .test_appraisal_concurrency import TIMEOUT, TestAppraisalConcurrency

# A month no other test uses: the records of these tests are committed (and
# removed at their end).
MONTH = date(2003, 3, 1)


@tagged("post_install", "-at_install")
class TestKpiSheetConcurrency(TransactionCase):
    """Two generations of the sheets of the same template and period at once
    both end well, with one sheet per employee: each runs in its own
    transaction, as two managers' requests (or a manager's and the cron's)
    do, retried by Odoo's RPC layer, as the monthly appraisals'
    (``TestAppraisalConcurrency``, whose helpers these tests share)."""

    _env = TestAppraisalConcurrency._env
    _diagnose = TestAppraisalConcurrency._diagnose
    _wait_for_a_lock_waiter = TestAppraisalConcurrency._wait_for_a_lock_waiter

    def _commit_a_template(self):
        """An employee and a template for them, committed to the database so
        that the other transactions see them; removed with their sheets at
        the end."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            employee = env["hr.employee"].create({"name": "Engineer Sheet Race"})
            template = env["helpdesk.appraisal.sheet.template"].create(
                {
                    "name": "Race",
                    "employee_ids": [Command.set(employee.ids)],
                    "line_ids": [
                        Command.create(
                            {
                                "name": "Workload",
                                "metric": "points",
                                "rule_kind": "proportional",
                                "weight": 100,
                                "target": 40,
                            }
                        )
                    ],
                }
            )
            self.employee_id = employee.id
            self.template_id = template.id
        self.addCleanup(self._remove_committed_template)

    def _remove_committed_template(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["helpdesk.appraisal.sheet"].search(
                [("template_id", "=", self.template_id)]
            ).unlink()
            env["helpdesk.appraisal.sheet.template"].browse(self.template_id).unlink()
            env["hr.employee"].browse(self.employee_id).unlink()

    def _committed_sheets(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return (
                env["helpdesk.appraisal.sheet"]
                .search([("template_id", "=", self.template_id)])
                .ids
            )

    def _generate_sheets_as_a_request(
        self, name, results, calls, holding=None, hold=None
    ):
        """Generate the template's MONTH in a transaction of its own, retried
        as Odoo retries a request; with ``hold``, keep the transaction open
        (after setting ``holding``) until ``hold`` is set."""
        try:
            with self.registry.cursor() as cr:
                env = self._env(cr)

                def generate():
                    calls.append(name)
                    sheets = env["helpdesk.appraisal.sheet"]._generate(
                        env["helpdesk.appraisal.sheet.template"].browse(
                            self.template_id
                        ),
                        MONTH,
                    )
                    if hold:
                        holding.set()
                        hold.wait(TIMEOUT)
                    return sheets.ids

                results[name] = retrying(generate, env)
        except Exception:  # noqa: BLE001 - reported by the test
            results[name] = traceback.format_exc()
        finally:
            if holding:
                holding.set()

    def test_two_sheet_generations_of_the_same_period_at_once(self):
        patcher = patch.object(Registry, "_lock", threading.RLock())
        patcher.start()
        self.addCleanup(patcher.stop)
        self._commit_a_template()
        results, calls = {}, []
        holding, hold = threading.Event(), threading.Event()
        first = threading.Thread(
            target=self._generate_sheets_as_a_request,
            args=("first", results, calls, holding, hold),
        )
        first.start()
        try:
            # The first has created the sheet and not committed yet.
            self.assertTrue(holding.wait(TIMEOUT), self._diagnose(first))
            self.assertNotIn("first", results, results.get("first"))
            second = threading.Thread(
                target=self._generate_sheets_as_a_request,
                args=("second", results, calls),
            )
            second.start()
            # The second waits for the first: it does not fail, nor insert.
            self.assertTrue(self._wait_for_a_lock_waiter())
            self.assertNotIn("second", results)
        finally:
            hold.set()
            first.join(TIMEOUT)
        second.join(TIMEOUT * 2)
        self.assertFalse(first.is_alive(), self._diagnose(first))
        self.assertFalse(second.is_alive(), self._diagnose(second))
        # Both ended well with the same single sheet: the second ran again
        # once the first had committed, and refreshed it.
        self.assertIsInstance(results["first"], list, results["first"])
        self.assertIsInstance(results["second"], list, results["second"])
        self.assertEqual(len(results["first"]), 1)
        self.assertEqual(results["second"], results["first"])
        self.assertEqual(calls, ["first", "second", "second"])
        self.assertEqual(self._committed_sheets(), results["first"])

    def test_sheet_generation_takes_the_lock_of_its_template_and_period(self):
        Sheet = self.env["helpdesk.appraisal.sheet"]
        employee = self.env["hr.employee"].create({"name": "Engineer Sheet Lock"})
        template = self.env["helpdesk.appraisal.sheet.template"].create(
            {"name": "Lock", "employee_ids": [Command.set(employee.ids)]}
        )
        other = template.copy({"name": "Other lock"})
        # Not the other tests' months: this transaction keeps its locks until
        # the end of the test class.
        month = date(2004, 3, 1)

        def advisory_locks():
            self.env.cr.execute(
                "SELECT COUNT(*) FROM pg_locks "
                "WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
            )
            return self.env.cr.fetchone()[0]

        held = advisory_locks()
        sheet = Sheet._generate(template, month)
        self.assertEqual(sheet.employee_id, employee)
        self.assertEqual(advisory_locks(), held + 1)
        # Another day of the same period: the same lock.
        Sheet._generate(template, date(2004, 3, 20))
        self.assertEqual(advisory_locks(), held + 1)
        # Another period, another template: other locks.
        Sheet._generate(template, date(2004, 4, 1))
        self.assertEqual(advisory_locks(), held + 2)
        Sheet._generate(other, month)
        self.assertEqual(advisory_locks(), held + 3)

    def test_sheet_generation_that_missed_a_commit_runs_again(self):
        """The first generation commits after the second's transaction began
        but before it asks for the lock: the second does not see its sheet,
        its insert collides, and it runs again as a retried request does."""
        self._commit_a_template()
        calls = []
        with self.registry.cursor() as second_cr:
            second_env = api.Environment(second_cr, SUPERUSER_ID, {})
            # The second transaction's snapshot is taken here.
            second_env["hr.employee"].browse(self.employee_id).name  # noqa: B018
            first = {}
            self._generate_sheets_as_a_request("first", first, calls)

            def generate():
                calls.append("second")
                return (
                    second_env["helpdesk.appraisal.sheet"]
                    ._generate(
                        second_env["helpdesk.appraisal.sheet.template"].browse(
                            self.template_id
                        ),
                        MONTH,
                    )
                    .ids
                )

            with mute_logger("odoo.sql_db"):
                second = retrying(generate, second_env)
        self.assertEqual(calls, ["first", "second", "second"])
        self.assertEqual(len(first["first"]), 1)
        self.assertEqual(second, first["first"])
        self.assertEqual(self._committed_sheets(), second)
