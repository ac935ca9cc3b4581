# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import AppraisalCommon


class TestDifficultyLevel(AppraisalCommon):
    def test_shipped_levels(self):
        levels = self.env["helpdesk.difficulty.level"].search([])
        self.assertEqual(levels.mapped("points"), [0.5, 1.0, 1.5, 2.0])
        self.assertEqual(self.level_hard.display_name, "Hard (1.5)")

    def test_points_must_be_positive(self):
        Level = self.env["helpdesk.difficulty.level"]
        for points in (0.0, -1.0):
            with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
                Level.create({"name": "Trivial", "points": points})
                self.env.flush_all()
        self.assertFalse(Level.search([("name", "=", "Trivial")]))

    def test_points_are_unique_per_company(self):
        Level = self.env["helpdesk.difficulty.level"]
        with self.assertRaisesText(ValidationError, "same points"):
            Level.create({"name": "Normal", "points": 1.0})
        self.assertFalse(Level.search([("name", "=", "Normal")]))
        # An archived level frees its points.
        self.level_standard.active = False
        normal = Level.create({"name": "Normal", "points": 1.0})
        self.assertEqual(normal.company_id, self.env.company)
        # Another company may define the same points once the shared level is gone.
        other_company = self.env["res.company"].create({"name": "Branch"})
        Level.create({"name": "Normal", "points": 1.0, "company_id": other_company.id})

    def test_manager_configures_levels_engineer_reads_them(self):
        Level = self.env["helpdesk.difficulty.level"]
        level = Level.with_user(self.manager_user).create(
            {"name": "Extreme", "points": 3.0}
        )
        self.assertEqual(
            Level.with_user(self.engineer_a_user).browse(level.id).points, 3.0
        )
        with self.assertRaises(AccessError):
            Level.with_user(self.engineer_a_user).create(
                {"name": "Easy", "points": 0.2}
            )
