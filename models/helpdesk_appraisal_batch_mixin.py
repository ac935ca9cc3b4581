# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# Marks the values given to create, in _prepare_create_values.
_GIVEN = object()


class HelpdeskAppraisalBatchMixin(models.AbstractModel):
    """The ORM's creation, with its per-record steps done once per batch for
    the models a generation creates by the thousand (monthly appraisals, KPI
    sheets): the same values, checks and errors, at a fraction of the cost
    (tools/BENCHMARK.md)."""

    _name = "helpdesk.appraisal.batch.mixin"
    _description = "Appraisal Batch Creation"

    def _prepare_create_values(self, vals_list):
        """The ORM's, looking the defaults up once per set of fields given
        rather than once per record (a fifth of the time of creating the
        thousand appraisals of a generation): with no precomputed nor
        properties field, what the ORM adds to the values of a record (the
        defaults of the fields not given, who created it and when) depends
        only on which fields are given, and is the same for the others."""
        if any(
            field.precompute or field.type == "properties"
            for field in self._fields.values()
        ):
            return super()._prepare_create_values(vals_list)
        templates = {}
        prepared = []
        for vals in vals_list:
            given = frozenset(vals)
            if given not in templates:
                # The values given marked, to tell them from what the ORM
                # adds or sets in their place (who created the record).
                [templates[given]] = super()._prepare_create_values(
                    [dict.fromkeys(vals, _GIVEN)]
                )
            prepared.append(
                {
                    name: vals[name] if value is _GIVEN else value
                    for name, value in templates[given].items()
                }
            )
        return prepared

    def _check_company(self, fnames=None):
        """The ORM's check, for all the records at once: the records each
        checked relation links to are compared with the domain of each
        company once (rather than once per record, a generation creating a
        thousand); only the records linking to a record of another company
        go through the ORM's own check, which refuses them."""
        names = (
            self._fields
            if fnames is None or {"company_id", "company_ids"} & set(fnames)
            else fnames
        )
        checked = [
            name
            for name in names
            if self._fields[name].relational and self._fields[name].check_company
        ]
        if len(self) < 2 or any(
            self._fields[name].company_dependent for name in checked
        ):
            super()._check_company(fnames)
            return
        suspects = self.browse()
        for company, records in self.sudo().grouped("company_id").items():
            for name in checked:
                linked = records[name]
                if not linked:
                    continue
                wrong = linked - linked.with_context(active_test=False).filtered_domain(
                    linked._check_company_domain(company)
                )
                if wrong:
                    suspects |= records.filtered(
                        lambda record, name=name, wrong=wrong: record[name] & wrong
                    )
        if suspects:
            super(
                HelpdeskAppraisalBatchMixin, suspects.with_env(self.env)
            )._check_company(fnames)
