"""Official documents (公文) laid out after GB/T 9704-2012, for everything the platform prints:
supervision documents now, generated reports later.

``layout`` holds the measures of the standard, ``content`` the parts of a document as data,
``docx`` writes them to a .docx file. Nothing here knows about inspections.
"""
