# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase

from . import benchmark_scenario


class TestBenchmark(TransactionCase):
    """tools/benchmark at a tiny size, so that its scenario follows the
    models: every operation runs, is timed and has its queries counted."""

    def test_tiny_scenario(self):
        facts = benchmark_scenario.build(self.env, engineers=3)
        # 3 engineers x 60 participations / 2 per order = 90 orders.
        self.assertEqual(len(facts["ticket_ids"]), 90)
        self.assertEqual(facts["sizes"]["callbacks"], 30)
        results = benchmark_scenario.measure(self.env, facts, repeat=1)
        expected = [
            "generate appraisals of the month",
            "credits after 1 ticket's difficulty changes",
            "credits after 90 tickets change",
            "daily completion rates of all areas",
            "SQL floor: per-engineer sums",
        ]
        self.assertEqual([row["operation"] for row in results][:5], expected)
        # Generation as users run it, the nightly refresh and the bulk edit
        # of a manager are measured too, next to the floor that writes.
        self.assertEqual(
            [row["operation"] for row in results][5:],
            [
                "SQL floor: the same sums, written as the appraisals",
                "generate as the cron",
                "generate as a manager, through the wizard",
                "nightly refresh after 90 orders change",
                "90 orders reviewed again by a manager (tracked)",
                "Refresh Scores on one appraisal, by a manager",
                "generate + team XLSX report",
                "KPI sheets of a 10-line template, as a manager through the wizard",
                "SQL floor: the same KPI sheets and lines written, numbers at 0",
            ],
        )
        for row in results:
            self.assertGreater(row["seconds"], 0, row["operation"])
            self.assertGreater(row["queries"], 0, row["operation"])
            self.assertGreater(row["reads"], 0, row["operation"])
        for row in results:
            self.assertGreaterEqual(row["cpu"], 0, row["operation"])
            self.assertEqual(len(row["runs"]), 1, row["operation"])
        appraised = benchmark_scenario.appraised_employees(self.env, facts)
        self.assertLessEqual(set(facts["engineer_ids"]), appraised)
        # The floor writes the rows a generation writes: one per engineer
        # appraised.
        self.assertEqual(benchmark_scenario.floor_rows(self.env, facts), appraised)
        # The month's daily completion rates are filled: the generation reads
        # them.
        self.assertTrue(
            self.env["helpdesk.service.area.daily"].search_count(
                [("area_id", "in", facts["area_ids"])]
            )
        )
        # Each measured run was rolled back: no appraisal is left behind.
        self.assertFalse(
            self.env["helpdesk.engineer.appraisal"].search_count(
                [("employee_id", "in", facts["engineer_ids"])]
            )
        )
