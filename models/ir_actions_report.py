# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import io
import re
import subprocess
from pathlib import Path

import lxml.html
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

from ..const import APPRAISAL_DONE

APPRAISAL_REPORT = "helpdesk_engineer_appraisal.report_engineer_appraisal"
SHEET_REPORT = "helpdesk_engineer_appraisal.report_appraisal_sheet"
# The reports printed in batches as one document (see _run_wkhtmltopdf).
JOINED_REPORTS = (APPRAISAL_REPORT, SHEET_REPORT)

# The link of each appraisal's first page (its engineer's name) to the
# appraisal in Odoo: it tells which appraisal every page of a batch belongs to,
# whatever the wkhtmltopdf build (the Linux distributions' one writes no
# outlines, which Odoo's own splitting needs).
APPRAISAL_LINK = re.compile(r"/odoo/helpdesk\.engineer\.appraisal/(\d+)$")

# Fonts with Chinese glyphs and a sound ToUnicode map, first found wins:
# the stamped lines stay searchable in the PDF's text.
STAMP_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
STAMP_FONT = "HelpdeskAppraisalStamp"


@functools.cache
def stamp_font():
    """The font of the stamped lines: a Chinese one when installed."""
    for path in STAMP_FONT_FILES:
        if Path(path).is_file():
            pdfmetrics.registerFont(TTFont(STAMP_FONT, path, subfontIndex=0))
            return STAMP_FONT
    return "Helvetica"


def appraisal_of_pages(reader):
    """The appraisal id of each page: the last one whose link was seen."""
    current = False
    page_ids = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            match = APPRAISAL_LINK.search(str(action.get("/URI") or ""))
            if match:
                current = int(match.group(1))
                break
        page_ids.append(current)
    return page_ids


def stamp_pages(pdf_stream, stamps):
    """Draw each appraisal's line at the top of its pages.

    ``stamps`` maps an appraisal id to ``(left text, right text)``; the right
    text (the DRAFT mark) is drawn in bold red. The top margin of the page
    holds them: the report's paper format keeps room for them, and the
    report prints no header.
    """
    reader = PdfFileReader(pdf_stream, strict=False)
    page_ids = appraisal_of_pages(reader)
    if not any(page_ids):
        return pdf_stream
    font = stamp_font()
    packet = io.BytesIO()
    drawing = canvas.Canvas(packet)
    for page, appraisal_id in zip(reader.pages, page_ids, strict=True):
        width = float(page.mediabox.width)
        height = float(page.mediabox.height)
        drawing.setPageSize((width, height))
        left, right = stamps.get(appraisal_id, ("", ""))
        drawing.setFont(font, 9)
        drawing.setFillColor(colors.black)
        drawing.drawString(10 * mm, height - 12 * mm, left)
        if right:
            drawing.setFont(font, 16)
            drawing.setFillColor(colors.Color(0.86, 0.21, 0.27))
            drawing.drawRightString(width - 10 * mm, height - 13 * mm, right)
        drawing.showPage()
    drawing.save()
    overlay = PdfFileReader(packet, strict=False)
    writer = PdfFileWriter()
    for page, stamp in zip(reader.pages, overlay.pages, strict=True):
        page.merge_page(stamp)
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output


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

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        """Stamp the company and the DRAFT mark on every page of an appraisal.

        The first page prints them in its body; the pages its facts spill on
        would show neither, as wkhtmltopdf's headers are not printed by every
        build.
        """
        streams = super()._render_qweb_pdf_prepare_streams(
            report_ref, data, res_ids=res_ids
        )
        if not res_ids or self._get_report(report_ref).report_name != (
            APPRAISAL_REPORT
        ):
            return streams
        stamps = self._appraisal_report_stamps(
            self.env["helpdesk.engineer.appraisal"].browse(res_ids)
        )
        for entry in streams.values():
            if entry.get("stream") and not entry.get("attachment"):
                entry["stream"] = stamp_pages(entry["stream"], stamps)
        return streams

    def _appraisal_report_stamps(self, appraisals):
        """The line stamped on the pages of each appraisal.

        ``{appraisal id: (company - engineer - month, DRAFT mark)}``: the mark
        is empty for a done appraisal; the others are drafts until approved.
        """
        draft = self.env._("DRAFT")
        return {
            appraisal.id: (
                " - ".join(
                    name
                    for name in (
                        appraisal.company_id.name,
                        appraisal.employee_id.name,
                        appraisal.month.strftime("%Y-%m"),
                    )
                    if name
                ),
                "" if appraisal.state == APPRAISAL_DONE else draft,
            )
            for appraisal in appraisals
        }

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
        """Print a batch of appraisals or KPI sheets with the wkhtmltopdf of
        Linux distributions.

        That build takes one document per call, so the appraisals are joined
        into one document with page breaks. Its header and footer options are
        ignored in any case, which is why the appraisal body names the company.
        """
        if (
            len(bodies) > 1
            and report_ref
            and self._get_report(report_ref).report_name in JOINED_REPORTS
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
