# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form

from .common import AppraisalCommon


class TestAppraisalSettings(AppraisalCommon):
    def test_defaults_follow_the_policy(self):
        company = self.env.company
        self.assertEqual(company._appraisal_component_maxima(), (60, 20, 10, 10))
        self.assertEqual(company._appraisal_grade_thresholds(), (90, 80, 60, 40))
        self.assertRecordValues(
            company,
            [
                {
                    "appraisal_dissatisfied_deduction": 2,
                    "appraisal_work_log_deduction": 1,
                    "appraisal_order_form_deduction": 1,
                    "appraisal_standard_points": 40,
                    "appraisal_efficiency_cap": 1,
                    "appraisal_add_area_score": False,
                    "appraisal_include_interns": False,
                    "appraisal_overdue_task_penalty": 2,
                }
            ],
        )

    def test_settings_page_saves_per_company(self):
        with Form(self.env["res.config.settings"]) as settings:
            settings.appraisal_standard_points = 36
            settings.appraisal_grade_good = 75
            settings.appraisal_workload_max = 70
            # Maxima that do not add up to 100 are allowed, with a warning.
            self.assertEqual(settings.appraisal_maxima_total, 110)
        settings.save().execute()
        self.assertEqual(self.env.company.appraisal_standard_points, 36)
        self.assertEqual(self.env.company.appraisal_grade_good, 75)
        self.assertEqual(sum(self.env.company._appraisal_component_maxima()), 110)

    def test_bad_settings_are_rejected(self):
        company = self.env.company
        bad_values = [
            ({"appraisal_grade_good": 90}, "strictly decreasing"),
            ({"appraisal_grade_pass": 85}, "strictly decreasing"),
            ({"appraisal_grade_below_standard": 0}, "strictly decreasing"),
            ({"appraisal_grade_excellent": 101}, "strictly decreasing"),
            ({"appraisal_dissatisfied_deduction": -2}, "cannot be negative"),
            ({"appraisal_work_log_deduction": -1}, "cannot be negative"),
            ({"appraisal_customer_max": -20}, "cannot be negative"),
            ({"appraisal_overdue_task_penalty": -2}, "cannot be negative"),
            ({"appraisal_standard_points": 0}, "standard monthly points"),
            ({"appraisal_efficiency_cap": 0}, "efficiency cap"),
        ]
        for values, message in bad_values:
            with (
                self.subTest(values=values),
                self.assertRaisesText(ValidationError, message),
            ):
                company.write(values)
        company.invalidate_recordset()
        self.assertEqual(company._appraisal_grade_thresholds(), (90, 80, 60, 40))
        self.assertEqual(company.appraisal_standard_points, 40)
        self.assertEqual(company.appraisal_dissatisfied_deduction, 2)

    def test_bad_setting_from_the_settings_page_saves_nothing(self):
        with self.assertRaisesText(ValidationError, "strictly decreasing"):
            self.env["res.config.settings"].create(
                {"appraisal_grade_good": 95, "appraisal_standard_points": 30}
            ).execute()
        self.env.company.invalidate_recordset()
        self.assertEqual(self.env.company.appraisal_grade_good, 80)
        self.assertEqual(self.env.company.appraisal_standard_points, 40)

    def test_employee_standard_points_override(self):
        self.engineer_a.appraisal_standard_points = 30
        standard = (self.engineer_a | self.engineer_b)._appraisal_standard_points()
        self.assertEqual(standard, {self.engineer_a.id: 30, self.engineer_b.id: 40})
        with self.assertRaisesText(ValidationError, "cannot be negative"):
            self.engineer_b.appraisal_standard_points = -5
        self.engineer_b.invalidate_recordset()
        self.assertEqual(self.engineer_b.appraisal_standard_points, 0)

    def test_override_is_an_hr_field(self):
        # Engineers read employees through hr.employee.public: no such field.
        public = self.env["hr.employee.public"].with_user(self.engineer_a_user)
        self.assertNotIn("appraisal_standard_points", public._fields)
