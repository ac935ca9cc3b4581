# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Who reads and writes what the employees are paid: HR officers (payroll),
# never the employees nor their supervisors. Pay plans read it as superuser.
# Not the appraisal managers' group: a user outside HR reads employees as
# public profiles, and any private field their groups reach would make every
# read of an employee fail for them.
PAY_GROUPS = "hr.group_hr_user"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    appraisal_performance_base = fields.Float(
        string="Performance Pay Base",
        digits="Product Price",
        groups=PAY_GROUPS,
        help="The monthly performance pay (绩效工资基数) the employee earns at a "
        "score of 100 %; pay plans multiply it by the score, factors and "
        "vetoes.",
    )
