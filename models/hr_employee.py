# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    appraisal_standard_points = fields.Float(
        string="Standard Monthly Points",
        groups="hr.group_hr_user",
        help="Points this engineer is expected to earn in a month (S of the "
        "workload). Leave 0 to use the company's standard monthly points.",
    )

    @api.constrains("appraisal_standard_points")
    def _check_appraisal_standard_points(self):
        if any(employee.appraisal_standard_points < 0 for employee in self):
            raise ValidationError(
                self.env._("The standard monthly points cannot be negative.")
            )

    def _appraisal_standard_points(self):
        """``{employee id: S}``: the employee's own standard points, else the
        company's."""
        # The override is an HR field; the appraisal reads it for everyone.
        return {
            employee.id: employee.appraisal_standard_points
            or employee.company_id.appraisal_standard_points
            for employee in self.sudo()
        }
