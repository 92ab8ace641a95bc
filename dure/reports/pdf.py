"""An edition as PDF: A4, the Korean font embedded, cover, table of contents with page numbers,
running chapter titles and page numbers, tables that repeat their header, charts as vectors."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from dure.core.formatting import format_date
from dure.reports.document import Document


def document_html(document: Document, *, frozen: bool = False) -> str:
    return render_to_string(
        "reports/edition_pdf.html",
        {
            "document": document,
            "frozen": frozen,
            "for_print": True,
            "made_on": format_date(timezone.localdate()),
        },
    )


def document_pdf(document: Document, *, frozen: bool = False) -> bytes:
    from weasyprint import HTML

    return HTML(string=document_html(document, frozen=frozen)).write_pdf()
