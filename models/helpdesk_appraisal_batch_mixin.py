# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from types import SimpleNamespace

import psycopg2

from odoo import api, models
from odoo.tools import SQL, clean_context, float_repr, float_round

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

    @api.model
    def _insert_computed(self, vals_list):
        """Create the records of ``vals_list`` with one ``COPY``, and return
        them in the same order. For values the module computed (a
        generation's appraisals and KPI sheets), never a client's: every
        record given the same fields, all of them plain stored fields.

        Through ``create``, the ORM's per-record conversions, cache and
        INSERTs of a hundred rows were half of a generation (tools/
        BENCHMARK.md). What ``create`` checks is still checked:

        - the rights to create, and the input checks, before anything;
        - the defaults of the fields not given, as ``create`` finds them,
          but none from the caller's context;
        - a selection's value among its options;
        - the rows stored as ``create`` stores them
          (``TestAppraisalBatchCreate``);
        - after the insert, the constraints, the company of every linked
          record and the record rules for creating; whatever depends on the
          new records is told of them.
        """
        if not vals_list:
            return self.browse()
        self = self.with_context(clean_context(self.env.context))
        self.check_access("create")
        self._check_appraisal_input(*vals_list)
        rows = self._prepare_create_values(vals_list)
        names = sorted(rows[0])
        fields = [self._fields[name] for name in names]
        for field in fields:
            if field.type == "selection":
                options = set(field.get_values(self.env))
                wrong = {row[field.name] for row in rows} - options - {False, None}
                if wrong:
                    raise ValueError(f"Wrong value for {field}: {wrong}")
        self.env.cr.execute(
            SQL(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                "FROM generate_series(1, %s)",
                self._table,
                len(rows),
            )
        )
        ids = [record_id for (record_id,) in self.env.cr.fetchall()]
        copy_rows(
            self,
            ["id", *names],
            (
                [record_id, *(row[name] for name in names)]
                for record_id, row in zip(ids, rows, strict=True)
            ),
        )
        records = self.browse(ids)
        for field in fields:
            if field.type == "many2one":
                # Cached as ``create`` caches them: what depends on the new
                # records finds what they link to without reading them back.
                self.env.cache.update(
                    records, field, [row[field.name] or None for row in rows]
                )
            for inverse in self.pool.field_inverses[field]:
                self.env[inverse.model_name].invalidate_model([inverse.name])
        records.modified(self._fields, create=True)
        records._validate_fields(names)
        if self._check_company_auto:
            records._check_company()
        # The record rules for creating, evaluated by PostgreSQL rather than
        # record by record; the ORM's own check names what is refused.
        rules = self.env["ir.rule"]._compute_domain(self._name, "create")
        if (
            rules
            and not self.env.su
            and self.sudo().search_count([("id", "in", ids), *rules]) < len(ids)
        ):
            records.check_access("create")
        return records


def copy_rows(model, names, rows):
    """Store ``rows`` (the values of the fields ``names``, in that order, of
    each record) in the table of ``model`` with one ``COPY``, converted as
    the ORM converts them for its INSERT."""
    converters = [_copy_converter(model._fields[name], model.env) for name in names]
    lines = _copy_file(
        "\t".join(
            [convert(value) for convert, value in zip(converters, row, strict=True)]
        )
        + "\n"
        for row in rows
    )
    model.env.flush_all()
    # As the ORM's own COPY (of external ids): no asynchronous wait callback
    # during it.
    callback = psycopg2.extensions.get_wait_callback()
    psycopg2.extensions.set_wait_callback(None)
    try:
        model.env.cr.copy_expert(
            SQL(
                "COPY %s (%s) FROM STDIN",
                SQL.identifier(model._table),
                SQL(", ").join(map(SQL.identifier, names)),
            ).code,
            lines,
        )
    finally:
        psycopg2.extensions.set_wait_callback(callback)


_COPY_NULL = r"\N"


def _copy_text(value):
    """A text as ``COPY`` reads it: its backslashes, tabs and line breaks
    escaped; the ORM's NULL for no text."""
    if value is False or value is None:
        return _COPY_NULL
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )


# How ``_copy_rows`` writes a value of each field type for ``COPY``, as the
# ORM stores it: an empty relation, selection or date is NULL, an empty
# number 0.
_COPY_CONVERTERS = {
    "boolean": lambda value: "t" if value else "f",
    "char": _copy_text,
    "date": lambda value: str(value) if value else _COPY_NULL,
    "datetime": lambda value: str(value) if value else _COPY_NULL,
    "float": lambda value: repr(float(value or 0.0)),
    "integer": lambda value: str(int(value or 0)),
    # JSON escapes the breaks and tabs of its strings, with backslashes.
    "json": lambda value: (
        json.dumps(value, ensure_ascii=False).replace("\\", "\\\\")
        if value
        else _COPY_NULL
    ),
    "many2one": lambda value: str(int(value)) if value else _COPY_NULL,
    "selection": lambda value: str(value) if value else _COPY_NULL,
    "text": _copy_text,
}


def _copy_converter(field, env):
    """The converter of ``field``'s values: a translated text is stored as
    its JSON, a number with digits rounded to them."""
    if field.translate:
        return _copy_translations()
    if field.type == "float" and (digits := field.get_digits(env)):
        scale = digits[1]
        return lambda value: float_repr(
            float_round(float(value or 0.0), precision_digits=scale),
            precision_digits=scale,
        )
    return _COPY_CONVERTERS[field.type]


def _copy_translations():
    """The converter of a translated text, stored as its ``{language: text}``
    JSON; each distinct text converted once: a generation's lines repeat
    the labels of their template's lines."""
    converted = {}

    def convert(value):
        key = tuple(value.items()) if isinstance(value, dict) else value
        if key not in converted:
            converted[key] = _COPY_CONVERTERS["json"](value)
        return converted[key]

    return convert


def _copy_file(rows):
    """The file ``COPY`` reads the texts ``rows`` from (psycopg2 calls only
    its ``read``), each converted when read: the server stores the first
    rows while the next are converted."""

    def read(size=8192):
        chunk = []
        length = 0
        for row in rows:
            chunk.append(row)
            length += len(row)
            if length >= size:
                break
        return "".join(chunk)

    return SimpleNamespace(read=read)
