# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..const import ENGINEER_GROUP, SUPERVISOR_GROUP
from .helpdesk_appraisal_input_mixin import Bounds


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "helpdesk.appraisal.input.mixin"]
    _appraisal_bounds = {"appraisal_standard_points": Bounds(None, 10000)}

    appraisal_standard_points = fields.Float(
        string="Standard Monthly Points",
        groups="hr.group_hr_user",
        help="Points this engineer is expected to earn in a month (S of the "
        "workload). Leave 0 to use the company's standard monthly points.",
    )

    appraisal_appraised = fields.Boolean(
        string="Appraised",
        compute="_compute_appraisal_appraised",
        store=True,
        readonly=False,
        groups="hr.group_hr_user",
        help="The employee gets a monthly appraisal when a month is generated. "
        "Set by default for employees whose user is an appraisal engineer but "
        "not a supervisor or manager; supervisors and department heads are "
        "appraised only when this is checked.",
    )

    @api.depends("user_id")
    def _compute_appraisal_appraised(self):
        # Only when the user changes: once set, the flag is the HR decision,
        # never moved by a later change of the user's roles.
        engineer = self.env.ref(ENGINEER_GROUP, raise_if_not_found=False)
        supervisor = self.env.ref(SUPERVISOR_GROUP, raise_if_not_found=False)
        for employee in self:
            groups = employee.user_id.sudo().groups_id
            employee.appraisal_appraised = bool(
                engineer and engineer in groups and supervisor not in groups
            )

    @api.constrains("appraisal_standard_points")
    def _check_appraisal_standard_points(self):
        if any(employee.appraisal_standard_points < 0 for employee in self):
            raise ValidationError(
                self.env._("The standard monthly points cannot be negative.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_appraisal_facts(self):
        """An employee who took part in orders, earned credits, was found
        unqualified, appraised or leads an area stays, archived."""
        referenced = self.browse()
        for model, field in (
            ("helpdesk.ticket.participant", "employee_id"),
            ("helpdesk.ticket.credit", "employee_id"),
            ("helpdesk.quality.finding", "employee_id"),
            ("helpdesk.engineer.appraisal", "employee_id"),
            ("helpdesk.service.area", "leader_id"),
        ):
            # sudo: every fact counts, also those the deleting user cannot see.
            groups = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                ._read_group([(field, "in", self.ids)], [field])
            )
            referenced |= self.browse(employee.id for (employee,) in groups)
        if referenced:
            raise UserError(
                self.env._(
                    "Employee %(employee)s has facts that count in the appraisal "
                    "(service orders, credits, findings, appraisals or a service "
                    "area): archive the employee instead of deleting it.",
                    employee=referenced[0].display_name,
                )
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
