"""`xuncha documents samples [--output DIR] [KEY ...]`: regenerate the page images of the sample
documents (docs/documents/*.png, page 1 of every document type; see docs/documents.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from xuncha.documents.page_images import ImagesUnavailable, write_page_images
from xuncha.documents.samples import SAMPLES


class Command(BaseCommand):
    help = "Official documents (GB/T 9704-2012): sample page images."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        samples = actions.add_parser("samples", help="Write page 1 of every sample document as PNG.")
        samples.add_argument("keys", nargs="*", choices=[[], *SAMPLES], help="only these samples (default: all)")
        samples.add_argument(
            "--output", default=str(settings.PROJECT_DIR / "docs" / "documents"), help="the directory of the images"
        )

    def handle(self, *args, **options) -> None:
        try:
            images = write_page_images(Path(options["output"]), keys=options["keys"] or None)
        except ImagesUnavailable as error:
            raise CommandError(str(error)) from error
        for image in images:
            self.stdout.write(str(image))
