# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class HelpdeskAppraisalImportMixin(models.AbstractModel):
    """Import of facts from a spreadsheet (a month of callbacks, of
    complaints): a file without columns or rows, or whose rows do not have one
    cell per column, is refused with a message rather than a Python error;
    an error stays on its own row. Odoo's ``load`` already imports all the
    rows or none.

    A model inherits the mixin and says what a row of its file is in
    ``_import_empty_message``.
    """

    _name = "helpdesk.appraisal.import.mixin"
    _description = "Appraisal Fact Import"

    @api.model
    def load(self, fields, data):
        problem = self._import_shape_problem(fields, data)
        if problem:
            return {"ids": False, "messages": [problem], "nextrow": 0}
        result = super().load(fields, data)
        messages = result["messages"]
        # When a batch fails Odoo retries row by row, and also reports the
        # batch's error on the batch's first row: when that row did not fail
        # itself, the same error on another row is where it belongs.
        first = messages[0] if messages else None
        if first and any(
            other["type"] == "error"
            and other.get("message") == first.get("message")
            and other.get("record") != first.get("record")
            for other in messages[1:]
        ):
            result["messages"] = messages[1:]
        return result

    @api.model
    def _import_empty_message(self):
        """The message for a file without columns or rows: what it should
        hold."""
        raise NotImplementedError

    @api.model
    def _import_shape_problem(self, fields, data):
        """The error message of a file without columns, without rows or
        whose rows do not have one cell per column; ``None`` otherwise."""
        if not fields or not data:
            return {"type": "error", "message": self._import_empty_message()}
        for index, row in enumerate(data):
            if not isinstance(row, list | tuple) or len(row) != len(fields):
                cells = len(row) if isinstance(row, list | tuple) else 0
                return {
                    "type": "error",
                    "rows": {"from": index, "to": index},
                    "record": index,
                    "message": self.env._(
                        "Row %(row)s has %(cells)s cells where the file has "
                        "%(columns)s columns.",
                        row=index + 1,
                        cells=cells,
                        columns=len(fields),
                    ),
                }
        return None
