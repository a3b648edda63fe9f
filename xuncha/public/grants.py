"""What the public site's database role may do, table by table: read what is published, insert
into the intake tables, nothing else. `xuncha public grants` turns this into SQL for PostgreSQL
(docs/public-site.md); tests/public/test_grants.py applies it to a real role and tries."""

# models whose rows the public site reads (published by the office)
PUBLIC_READS = [
    "public.PublicPage",
    "public.Receipt",
    "surveys.Questionnaire",
    "surveys.Question",
    "surveys.Option",
    "surveys.Window",
]

# models the public site inserts into (and reads back only the new row's id)
PUBLIC_INSERTS = [
    "public.Submission",
    "public.Receipt",
    "public.Addendum",
    "public.Attachment",
    "public.Tally",
    "surveys.Response",
    "surveys.Answer",
]
