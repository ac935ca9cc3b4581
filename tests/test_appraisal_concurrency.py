# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import sys
import threading
import time
import traceback
from datetime import date
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

# A month no other test uses: the records of the two-transaction test are
# committed (and removed at its end).
MONTH = date(2003, 1, 1)
TIMEOUT = 60


@tagged("post_install", "-at_install")
class TestAppraisalConcurrency(TransactionCase):
    """Issue 10, item 10: two generations of the same month at once both end
    well. Each runs in its own database transaction (its own registry
    cursor), as two managers' requests do, and is retried by Odoo's RPC
    layer (``odoo.service.model.retrying``) as a request is."""

    def _commit_an_engineer(self):
        """An engineer committed to the database, so that the other
        transactions see them; removed with their appraisals at the end."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            employee = env["hr.employee"].create(
                {"name": "Engineer Concurrency", "appraisal_appraised": True}
            )
            self.employee_id = employee.id
            self.company_id = employee.company_id.id
        self.addCleanup(self._remove_committed_records)

    def _remove_committed_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["helpdesk.engineer.appraisal"].search(
                [("employee_id", "=", self.employee_id)]
            ).unlink()
            env["hr.employee"].browse(self.employee_id).unlink()

    def _committed_appraisals(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return (
                env["helpdesk.engineer.appraisal"]
                .search([("employee_id", "=", self.employee_id), ("month", "=", MONTH)])
                .ids
            )

    def _generate_as_a_request(self, name, results, calls, holding=None, hold=None):
        """Generate MONTH in a transaction of its own, retried as Odoo retries
        a request; with ``hold``, keep the transaction open (after setting
        ``holding``) until ``hold`` is set."""
        try:
            with self.registry.cursor() as cr:
                env = self._env(cr)

                def generate():
                    calls.append(name)
                    appraisals = env["helpdesk.engineer.appraisal"]._generate(
                        MONTH,
                        env["res.company"].browse(self.company_id),
                        employees=env["hr.employee"].browse(self.employee_id),
                    )
                    if hold:
                        holding.set()
                        hold.wait(TIMEOUT)
                    return appraisals.ids

                results[name] = retrying(generate, env)
        except Exception:  # noqa: BLE001 - reported by the test
            results[name] = traceback.format_exc()
        finally:
            if holding:
                holding.set()

    def _env(self, cr):
        """An environment on ``cr`` in any thread: given its registry, as the
        test's thread holds the lock of ``Registry()`` while it runs."""
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _diagnose(self, thread):
        """Where ``thread`` is and what the database waits for."""
        frame = sys._current_frames().get(thread.ident)
        stack = "".join(traceback.format_stack(frame)) if frame else "ended"
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT pid, state, wait_event_type, wait_event, LEFT(query, 200) "
                "FROM pg_stat_activity WHERE datname = current_database()"
            )
            activity = cr.fetchall()
        return f"{stack}\n{activity}"

    def _wait_for_a_lock_waiter(self):
        """Wait until a transaction waits for an advisory lock."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT COUNT(*) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND NOT granted"
                )
                if cr.fetchone()[0]:
                    return True
            time.sleep(0.05)
        return False

    def test_two_generations_of_the_same_month_at_once(self):
        # The test runner's thread holds the registry lock while tests run;
        # the requests' threads need it (a retry looks the registry up
        # again): a lock of their own, as HttpCase gives its server.
        patcher = patch.object(Registry, "_lock", threading.RLock())
        patcher.start()
        self.addCleanup(patcher.stop)
        # This test's own transaction touches nothing: only the threads do.
        self._commit_an_engineer()
        results, calls = {}, []
        holding, hold = threading.Event(), threading.Event()
        first = threading.Thread(
            target=self._generate_as_a_request,
            args=("first", results, calls, holding, hold),
        )
        first.start()
        try:
            # The first has created the appraisal and not committed yet.
            self.assertTrue(holding.wait(TIMEOUT), self._diagnose(first))
            self.assertNotIn("first", results, results.get("first"))
            second = threading.Thread(
                target=self._generate_as_a_request, args=("second", results, calls)
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
        # Both ended well, with the same single appraisal: the second ran
        # again once the first had committed, and refreshed it.
        self.assertIsInstance(results["first"], list, results["first"])
        self.assertIsInstance(results["second"], list, results["second"])
        self.assertEqual(len(results["first"]), 1)
        self.assertEqual(results["second"], results["first"])
        self.assertEqual(calls, ["first", "second", "second"])
        self.assertEqual(self._committed_appraisals(), results["first"])

    def test_generation_takes_the_lock_of_its_company_and_month(self):
        Appraisal = self.env["helpdesk.engineer.appraisal"]
        company = self.env.company
        employees = self.env["hr.employee"].create(
            {"name": "Engineer Lock", "appraisal_appraised": True}
        )
        # Not the other tests' month: this transaction keeps its locks until
        # the end of the test class.
        month = date(2004, 1, 1)

        def advisory_locks():
            self.env.cr.execute(
                "SELECT COUNT(*) FROM pg_locks "
                "WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
            )
            return self.env.cr.fetchone()[0]

        held = advisory_locks()
        appraisal = Appraisal._generate(month, company, employees=employees)
        self.assertEqual(appraisal.employee_id, employees)
        self.assertEqual(advisory_locks(), held + 1)
        # The same month again in the same transaction: the same lock.
        Appraisal._generate(month, company, employees=employees)
        self.assertEqual(advisory_locks(), held + 1)
        # Another month: another lock.
        Appraisal._generate(date(2004, 2, 1), company, employees=employees)
        self.assertEqual(advisory_locks(), held + 2)

    def test_generation_that_missed_a_commit_runs_again(self):
        """The first generation commits after the second's transaction began
        but before it asks for the lock: the second does not see its
        appraisal, its insert collides, and it runs again as a retried
        request does."""
        self._commit_an_engineer()
        calls = []
        with self.registry.cursor() as second_cr:
            second_env = api.Environment(second_cr, SUPERUSER_ID, {})
            # The second transaction's snapshot is taken here.
            second_env["res.company"].browse(self.company_id).name  # noqa: B018
            first = {}
            self._generate_as_a_request("first", first, calls)

            def generate():
                calls.append("second")
                return (
                    second_env["helpdesk.engineer.appraisal"]
                    ._generate(
                        MONTH,
                        second_env["res.company"].browse(self.company_id),
                        employees=second_env["hr.employee"].browse(self.employee_id),
                    )
                    .ids
                )

            # The failed insert is logged by the cursor; the caller sees no
            # error.
            with mute_logger("odoo.sql_db"):
                second = retrying(generate, second_env)
        self.assertEqual(calls, ["first", "second", "second"])
        self.assertEqual(len(first["first"]), 1)
        self.assertEqual(second, first["first"])
        self.assertEqual(self._committed_appraisals(), second)
