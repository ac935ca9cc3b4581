# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The month a fact or an appraisal counts in is called ``month`` everywhere:
rename the columns that were called ``period`` so their data stays."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists

RENAMED_COLUMNS = (
    ("helpdesk_engineer_appraisal", "period", "month"),
    ("helpdesk_ticket_credit", "period", "month"),
    ("helpdesk_ticket_credit", "frozen_period", "frozen_month"),
)


def migrate(cr, version):
    for table, old, new in RENAMED_COLUMNS:
        if column_exists(cr, table, old) and not column_exists(cr, table, new):
            cr.execute(
                SQL(
                    "ALTER TABLE %s RENAME COLUMN %s TO %s",
                    SQL.identifier(table),
                    SQL.identifier(old),
                    SQL.identifier(new),
                )
            )
