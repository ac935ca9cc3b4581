# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import subprocess

import lxml.html

from odoo import models

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

APPRAISAL_REPORT = "helpdesk_engineer_appraisal.report_engineer_appraisal"


@functools.cache
def wkhtmltopdf_prints_several_documents():
    """Whether wkhtmltopdf is the build on patched Qt that Odoo recommends.

    The build of Linux distributions (Debian's wkhtmltopdf package) runs on an
    unpatched Qt: it refuses more than one input document per call, and Odoo
    gives it one document per record, so batch printing fails there.
    """
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            check=False,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return b"with patched qt" in version


def join_documents(bodies):
    """One HTML document holding every body, each starting on a new page.

    The bodies are full documents rendered with the same layout and assets,
    so the head of the first serves them all.
    """
    document = lxml.html.document_fromstring(bodies[0])
    target = document.body
    for body in bodies[1:]:
        page = lxml.html.Element("div", style="page-break-before: always;")
        page.extend(lxml.html.document_fromstring(body).body)
        target.append(page)
    return lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(
        self,
        bodies,
        report_ref=False,
        header=None,
        footer=None,
        landscape=False,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        """Print a batch of appraisals with the wkhtmltopdf of Linux distributions.

        That build takes one document per call, so the appraisals are joined
        into one document with page breaks. Its header and footer options are
        ignored in any case, which is why the appraisal body names the company.
        """
        if (
            len(bodies) > 1
            and report_ref
            and self._get_report(report_ref).report_name == APPRAISAL_REPORT
            and not wkhtmltopdf_prints_several_documents()
        ):
            bodies = [join_documents(bodies)]
        return super()._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            landscape=landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )
