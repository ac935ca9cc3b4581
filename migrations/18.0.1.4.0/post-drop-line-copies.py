# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A KPI sheet line read its sheet's employee, template, department and month
from copies of them it stored; it now reads them through its sheet (issue
16). Odoo keeps the columns of fields no longer stored: drop them, with their
foreign keys and index, which every line generation creates would still
check and update."""

from odoo.tools import SQL, sql

_TABLE = "helpdesk_appraisal_sheet_line"
_COPIES = ("employee_id", "template_id", "department_id", "month")


def migrate(cr, version):
    for column in _COPIES:
        if sql.column_exists(cr, _TABLE, column):
            cr.execute(
                SQL(
                    "ALTER TABLE %s DROP COLUMN %s",
                    SQL.identifier(_TABLE),
                    SQL.identifier(column),
                )
            )
