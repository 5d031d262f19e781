"""Options several commands share."""

from __future__ import annotations

from typing import Any

import click


def ocr_option(command: Any) -> Any:
    """``--ocr auto|always|never``, given to the command as ``ocr`` (an OcrMode)."""
    from ..readers.ocr import OcrMode

    return click.option(
        "--ocr", type=click.Choice([m.value for m in OcrMode]), default=OcrMode.AUTO.value, show_default=True,
        callback=lambda ctx, param, value: OcrMode(value),
        help="When to read PDF pages and images by OCR (Tesseract, Thai): auto = pages without a text layer "
             "and pages whose Thai text layer is damaged; always = every page; never = the text layer only.",
    )(command)
