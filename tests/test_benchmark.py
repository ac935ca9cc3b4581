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
        for row in results:
            self.assertGreater(row["seconds"], 0, row["operation"])
            self.assertGreater(row["queries"], 0, row["operation"])
            self.assertGreater(row["reads"], 0, row["operation"])
        appraised = benchmark_scenario.appraised_employees(self.env, facts)
        self.assertLessEqual(set(facts["engineer_ids"]), appraised)
        # Each measured run was rolled back: no appraisal is left behind.
        self.assertFalse(
            self.env["helpdesk.engineer.appraisal"].search_count(
                [("employee_id", "in", facts["engineer_ids"])]
            )
        )
