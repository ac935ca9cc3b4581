# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A score or count of a monthly appraisal that was 0 could be stored empty
(NULL): created without numbers, a refresh computing 0 did not write the 0
the ORM read back already. The pivots' averages skip empty values, so they
left out the engineers without points. Store them as 0, as appraisals are
now created (issue 16); the frozen settings stay as they are."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    columns = [
        SQL.identifier(name)
        for name in env["helpdesk.engineer.appraisal"]._aggregated_numbers()
    ]
    cr.execute(
        SQL(
            "UPDATE helpdesk_engineer_appraisal SET %s WHERE %s",
            SQL(", ").join(
                SQL("%s = COALESCE(%s, 0)", column, column) for column in columns
            ),
            SQL(" OR ").join(SQL("%s IS NULL", column) for column in columns),
        )
    )
