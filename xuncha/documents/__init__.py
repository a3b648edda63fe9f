"""Official documents (公文) laid out after GB/T 9704-2012: the one writer of every document the
platform prints (progress reports, supervision letters, the inspection announcement).

``content`` holds a document as data (``OfficialDocument``), ``writer.render_docx`` lays it out
(``layout`` the standard's measures, ``fonts`` the faces and their fallbacks, ``lines`` balanced
titles, ``punctuation`` Chinese punctuation), ``pdf`` converts through LibreOffice,
``downloads.document_download`` sends either, ``samples`` lists a typical document of every
type (the layout tests and docs/documents/ use them). Nothing here knows about inspections.
See docs/documents.md.
"""
