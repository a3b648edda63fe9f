"""Static files in production: WhiteNoise's compressed, hashed copies of everything under
STATICFILES_DIRS (Tabler, htmx, ECharts from node_modules) and the apps' own files.

Vendored CSS and JavaScript name source maps and fonts that their npm packages do not always
ship (Tabler's bundled tom-select CSS points to a `.map` that is not in the package). Django's
manifest storage refuses the whole collectstatic for one such reference; a browser only asks
for a source map when its developer tools are open. So a reference to a file that does not
exist is left as written, and every file that does exist is still hashed and compressed."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class TolerantManifestMixin:
    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError as error:
            if content is None and "could not be found" in str(error):
                return name
            raise


class StaticStorage(TolerantManifestMixin, CompressedManifestStaticFilesStorage):
    """Production: hashed and compressed."""
