"""The public site's database role (`xuncha public grants`, xuncha/public/roles.py): read what is
published, insert into the intake tables, nothing else. On PostgreSQL the grants are applied to
a real role and every table of the database is tried as that role.

Roles belong to the whole server: each test's role is created inside the test's transaction
(rolled back at its end) under a name that carries the test database's name, so parallel runs
never meet; the one test that logs in as the role creates it outside and drops it."""

import io
import re
import secrets
import uuid

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import DatabaseError, ProgrammingError, connection, transaction

from tests.factories import dated_inspection
from xuncha.public import grants
from xuncha.public.models import Addendum, Attachment, PublicPage, Receipt, Submission, Tally
from xuncha.public.roles import DEFAULT_ROLE, insert_tables, public_role_grants, public_tables, read_tables

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (roles and privileges)"
)

CONFIDENTIAL = ["petitions_petition", "clues_clue", "petitions_reporteridentity", "accounts_user"]


# -- the statements (any database) -----------------------------------------------------------


def test_the_statements_follow_grants_py():
    statements = public_role_grants("r")
    assert sorted(read_tables()) == [
        "public_publicpage", "public_receipt", "surveys_option", "surveys_question", "surveys_questionnaire",
        "surveys_window",
    ]
    assert set(insert_tables()) == {
        "public_submission",
        "public_receipt",
        "public_addendum",
        "public_attachment",
        "public_tally",
        "surveys_response",
        "surveys_answer",
    }
    granted = {m.group(1) for s in statements if (m := re.search(r'^GRANT \w+ ON "public"\."(\w+)"', s))}
    assert granted == public_tables()
    assert 'GRANT SELECT ON "public"."public_submission" TO "r"' not in statements
    assert 'GRANT SELECT ("id") ON "public"."public_submission" TO "r"' in statements
    assert not any(re.search(r"\b(UPDATE|DELETE|TRUNCATE|ALL PRIVILEGES)\b.* TO ", s) for s in statements)
    revoke_at = statements.index('REVOKE ALL ON ALL TABLES IN SCHEMA "public" FROM "r"')
    assert all(statements.index(s) > revoke_at for s in statements if s.startswith("GRANT"))


def test_a_new_intake_table_is_one_line_in_grants_py(monkeypatch):
    monkeypatch.setattr(grants, "PUBLIC_INSERTS", [*grants.PUBLIC_INSERTS, "orgs.Organisation"])
    from xuncha.public import roles

    monkeypatch.setattr(roles, "PUBLIC_INSERTS", grants.PUBLIC_INSERTS)
    statements = public_role_grants("r")
    assert 'GRANT INSERT ON "public"."orgs_organisation" TO "r"' in statements
    assert 'GRANT SELECT ("id") ON "public"."orgs_organisation" TO "r"' in statements


def test_the_command_prints_the_statements():
    out = io.StringIO()
    call_command("public", "grants", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines == [f"{s};" for s in public_role_grants(DEFAULT_ROLE)]
    other = io.StringIO()
    call_command("public", "grants", "--role", "码上巡_r", stdout=other)
    assert 'CREATE ROLE "码上巡_r" LOGIN' in other.getvalue() and '"xuncha_public"' not in other.getvalue()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite answer")
@pytest.mark.django_db
def test_apply_on_sqlite_says_it_needs_postgresql():
    with pytest.raises(CommandError, match="需要 PostgreSQL"):
        call_command("public", "grants", "--apply")


# -- `xuncha serve` on the public site --------------------------------------------------------


@pytest.mark.django_db
def test_serve_on_the_public_site_checks_the_key_format_and_reads_no_confidential_table(
    settings, django_assert_num_queries
):
    from xuncha.confidential.models import KeyCanary
    from xuncha.confidential.vault import IdentityKeyError
    from xuncha.web.management.commands.serve import Command

    settings.XUNCHA_PUBLIC_SITE = True
    err = io.StringIO()
    command = Command(stderr=err)
    with django_assert_num_queries(0):
        command._verify_identity_keys()
    assert "公开站点：已检查身份密钥的格式" in err.getvalue()
    settings.XUNCHA_IDENTITY_KEYS = "k1:not-hex"
    with pytest.raises(IdentityKeyError):
        command._verify_identity_keys()

    # the staff site reads the canaries (and stores the first one)
    settings.XUNCHA_PUBLIC_SITE = False
    settings.XUNCHA_IDENTITY_KEYS = "k1:" + "ab" * 16
    Command(stderr=io.StringIO())._verify_identity_keys()
    assert KeyCanary.objects.filter(key_id="k1").exists()


# -- the role on PostgreSQL -------------------------------------------------------------------


def _role(kind: str) -> str:
    return f"xuncha_{kind}_test_{re.sub(r'[^a-z0-9_]', '_', connection.settings_dict['NAME'].lower())}"[:63]


class _Succeeded(Exception):
    pass


def _as(role: str | None, sql: str, params=()) -> str | None:
    """Run `sql` as `role` (None: the test's own user) in a savepoint; the error message, or
    None if it succeeded. The savepoint's rollback also undoes the SET ROLE."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if role is not None:
                cursor.execute(f"SET ROLE {connection.ops.quote_name(role)}")
            cursor.execute(sql, params)
            raise _Succeeded
    except _Succeeded:
        return None
    except DatabaseError as error:
        return str(error)


@pytest.fixture
def public_role(db):
    role = _role("public")
    call_command("public", "grants", "--role", role, "--apply", stdout=io.StringIO())
    return role


@pytest.fixture
def page(tree):
    inspection = dated_inspection(tree)
    return PublicPage.objects.create(
        token=secrets.token_urlsafe(12),
        inspection=inspection,
        organisation=tree.district,
        title="巡察公告",
        organisation_name=tree.district.name,
        team_name="市委第一巡察组",
        announcement="根据市委统一部署……",
    )


def _all_tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


@pytest.mark.django_db
@pytest.mark.postgres_only
@needs_postgresql
def test_the_public_role_touches_no_other_table(public_role, page):
    tables = _all_tables()
    # the loop covers every model's table (also many-to-many and history tables) and Django's own
    model_tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    assert model_tables <= set(tables) and set(CONFIDENTIAL) <= set(tables) and "django_migrations" in tables
    others = [t for t in tables if t not in public_tables()]
    assert set(CONFIDENTIAL) <= set(others)
    assert len(others) > 100
    q = connection.ops.quote_name
    # positive control: as the test's own (super)user, these statements run
    assert _as(None, f"SELECT * FROM {q('clues_clue')} LIMIT 1") is None

    refused = {}
    for table in others:
        for verb, sql in {
            "SELECT": f"SELECT * FROM {q(table)} LIMIT 1",
            "SELECT count": f"SELECT count(*) FROM {q(table)}",
            "INSERT": f"INSERT INTO {q(table)} DEFAULT VALUES",
            "UPDATE": f"UPDATE {q(table)} SET {q(_first_column(table))} = {q(_first_column(table))}",
            "DELETE": f"DELETE FROM {q(table)}",
            "TRUNCATE": f"TRUNCATE {q(table)}",
        }.items():
            message = _as(public_role, sql)
            if message is None or "permission denied" not in message:
                refused[(table, verb)] = message
    assert refused == {}, refused


def _first_column(table: str) -> str:
    with connection.cursor() as cursor:
        return connection.introspection.get_table_description(cursor, table)[0].name


@pytest.mark.django_db
@pytest.mark.postgres_only
@needs_postgresql
def test_the_public_role_reads_what_is_published_and_only_inserts_into_the_intake(public_role, page):
    submission = Submission.objects.create(page=page, content="反映某局违规发放津补贴")
    Receipt.objects.create(code="AB12CD34", passphrase_digest="0" * 64, submission=submission, page=page)
    q = connection.ops.quote_name

    # reads: the published pages and the receipts, every column
    assert _as(public_role, "SELECT token, title, announcement FROM public_publicpage") is None
    assert _as(public_role, "SELECT code, passphrase_digest, status, reply FROM public_receipt") is None

    # inserts, and the new row's id back (what INSERT … RETURNING needs), nothing more
    for sql in (
        f"INSERT INTO public_submission (ref, page_id, submitted_at, content, real_name, sealed_identity, "
        f"intake_error) VALUES ('{uuid.uuid4()}', {page.pk}, now(), '内容', false, '', '') RETURNING id",
        "INSERT INTO public_tally (kind, reason, count, at) VALUES ('refused', 'rate_limit', 1, now()) RETURNING id",
        f"INSERT INTO public_addendum (receipt_id, submitted_at, content) VALUES "
        f"({submission.receipt.pk}, now(), '补充') RETURNING id",
        f"INSERT INTO public_attachment (submission_id, name, content_type, size, data) VALUES "
        f"({submission.pk}, 'a.jpg', 'image/jpeg', 1, '\\x00') RETURNING id",
        "SELECT id FROM public_submission",
    ):
        assert _as(public_role, sql) is None, sql

    refused = {
        "read a report's content": "SELECT content FROM public_submission",
        "read a sealed identity": "SELECT sealed_identity FROM public_submission",
        "read a report whole": "SELECT * FROM public_submission",
        "read added information": "SELECT content FROM public_addendum",
        "read an attachment": "SELECT data FROM public_attachment",
        "read the counts": "SELECT count FROM public_tally",
        "return the content": (
            f"INSERT INTO public_submission (ref, page_id, submitted_at, content, real_name, sealed_identity, "
            f"intake_error) VALUES ('{uuid.uuid4()}', {page.pk}, now(), 'x', false, '', '') RETURNING content"
        ),
        "update a report": f"UPDATE public_submission SET content = 'x' WHERE id = {submission.pk}",
        "delete a report": f"DELETE FROM public_submission WHERE id = {submission.pk}",
        "update a receipt": "UPDATE public_receipt SET status = 'concluded'",
        "delete a receipt": "DELETE FROM public_receipt",
        "publish a page": (
            "INSERT INTO public_publicpage (token, inspection_id, organisation_id, word, title, organisation_name, "
            "team_name, announcement, phone, mailbox, email, accepted_matters, published_at, updated_at) "
            "SELECT 'forged', inspection_id, organisation_id, word, title, organisation_name, team_name, "
            "announcement, phone, mailbox, email, accepted_matters, now(), now() FROM public_publicpage LIMIT 1"
        ),
        "change a page": "UPDATE public_publicpage SET announcement = 'forged'",
        "delete the counts": "DELETE FROM public_tally",
        "truncate": "TRUNCATE public_tally",
        "create a table": "CREATE TABLE public_forged (id int)",
        "alter a table": "ALTER TABLE public_submission ADD COLUMN forged int",
        "draw a sequence": f"SELECT nextval(pg_get_serial_sequence({q('public_submission')!r}, 'id'))",
    }
    answers = {name: _as(public_role, sql) for name, sql in refused.items()}
    allowed = {
        name: msg for name, msg in answers.items() if not msg or not re.search("permission denied|must be owner", msg)
    }
    assert allowed == {}


@pytest.mark.django_db
@pytest.mark.postgres_only
@needs_postgresql
def test_the_public_sites_orm_calls_run_as_the_role(public_role, page, settings):
    """What the public views do, through Django's own connection as the role: read the page,
    seal the identity, create the report, its receipt, its count, an attachment and added
    information, look the receipt up; and the foreign keys are checked (as the tables' owner)."""
    from xuncha.confidential.vault import encrypt

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {connection.ops.quote_name(public_role)}")
        found = PublicPage.objects.get(token=page.token, withdrawn_at__isnull=True)
        submission = Submission(page=found, content="反映某局违规发放津补贴", real_name=True)
        submission.sealed_identity = encrypt("张三 13800000000", aad=submission.aad)
        submission.save(force_insert=True)
        receipt = Receipt.objects.create(code="QX7K2M9P", passphrase_digest="f" * 64, submission=submission, page=found)
        Attachment.objects.create(submission=submission, name="a.jpg", content_type="image/jpeg", size=3, data=b"abc")
        Tally.objects.create(page=found, kind="report")
        looked_up = Receipt.objects.get(code="QX7K2M9P")
        Addendum.objects.create(receipt=looked_up, content="补充材料")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred foreign keys, checked now
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == public_role
        # and what it cannot: read the report back, or anything confidential through the ORM
        for read in (
            lambda: Submission.objects.get(pk=submission.pk),
            lambda: list(found.inspection.__class__.objects.all()[:1]),
            lambda: list(apps.get_model("petitions.ReporterIdentity").objects.all()[:1]),
        ):
            with pytest.raises(ProgrammingError, match="permission denied"), transaction.atomic():
                read()
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert Submission.objects.get(pk=submission.pk).receipt == receipt
    assert Addendum.objects.filter(receipt=receipt).count() == 1


@pytest.mark.django_db
@pytest.mark.postgres_only
@needs_postgresql
def test_applying_again_takes_back_what_was_added_by_hand(public_role):
    q = connection.ops.quote_name
    r = q(public_role)
    assert _as(public_role, "SELECT * FROM clues_clue LIMIT 1")  # refused
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT SELECT ON clues_clue TO {r}")
        cursor.execute(f"GRANT SELECT (content) ON public_submission TO {r}")
        cursor.execute(f"GRANT UPDATE ON public_receipt TO {r}")
        cursor.execute(f"GRANT pg_read_all_data TO {r}")
        cursor.execute(f"ALTER ROLE {r} CREATEDB")
    assert _as(public_role, "SELECT * FROM clues_clue LIMIT 1") is None  # the added grants work...
    assert _as(public_role, "SELECT * FROM accounts_user LIMIT 1") is None

    call_command("public", "grants", "--role", public_role, "--apply", stdout=io.StringIO())
    for sql in (
        "SELECT * FROM clues_clue LIMIT 1",  # ...and are gone
        "SELECT content FROM public_submission",
        "UPDATE public_receipt SET reply = ''",
        "SELECT * FROM accounts_user LIMIT 1",
    ):
        assert "permission denied" in (_as(public_role, sql) or ""), sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreatedb, rolcreaterole, rolcanlogin, rolbypassrls, "
            "(SELECT count(*) FROM pg_auth_members WHERE member = pg_roles.oid) FROM pg_roles WHERE rolname = %s",
            [public_role],
        )
        assert cursor.fetchone() == (False, False, False, True, False, 0)


@pytest.mark.django_db
@pytest.mark.postgres_only
@needs_postgresql
def test_apply_needs_a_superuser(public_role):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {connection.ops.quote_name(public_role)}")
        with pytest.raises(CommandError, match="超级用户"):
            call_command("public", "grants", "--role", "someone_else", "--apply", stdout=io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


@pytest.mark.django_db
@pytest.mark.postgres_only
@needs_postgresql
def test_the_role_logs_in_and_reads_no_confidential_table():
    """A real login as the role (a second connection, committed role and grants), the way the
    public host connects (XUNCHA_PUBLIC_DATABASE_URL)."""
    import psycopg

    db = connection.settings_dict
    role, password = _role("login"), secrets.token_urlsafe(16)
    where = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "dbname": db["NAME"]}
    with psycopg.connect(**where, user=db["USER"], password=db["PASSWORD"] or None, autocommit=True) as admin:
        try:
            for statement in public_role_grants(role):
                admin.execute(statement)
            admin.execute(f"ALTER ROLE {connection.ops.quote_name(role)} PASSWORD '{password}'")
            with psycopg.connect(**where, user=role, password=password, autocommit=True) as public:
                assert public.execute("SELECT current_user").fetchone()[0] == role
                assert public.execute("SELECT count(*) FROM public_publicpage").fetchone()[0] == 0
                for table in CONFIDENTIAL:
                    with pytest.raises(psycopg.errors.InsufficientPrivilege):
                        public.execute(f"SELECT * FROM {table} LIMIT 1")
        finally:
            admin.execute(f"DROP OWNED BY {connection.ops.quote_name(role)}")
            admin.execute(f"DROP ROLE IF EXISTS {connection.ops.quote_name(role)}")


@pytest.mark.django_db
@pytest.mark.postgres_only
@needs_postgresql
def test_the_public_views_run_as_the_role(public_role, tree, settings):
    """The public site's own views, on Django's connection switched to the role: the page, the
    report form, a report sent by name (its identity sealed), the tracking lookup and added
    information, and a refusal counted. Only then is the role reset to check what was kept."""
    from django.test import Client

    from tests.public.helpers import open_page
    from xuncha.public import abuse, counters

    page = open_page(tree)
    settings.XUNCHA_PUBLIC_CAPTCHA = False
    counters.clear()
    client = Client()
    url = f"/m/{page.token}/report/"
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {connection.ops.quote_name(public_role)}")
        assert client.get(f"/m/{page.token}/").status_code == 200
        assert client.get(url).status_code == 200
        sent = client.post(
            url,
            {"content": "社区书记违规发放补贴给亲属。", "mode": "real_name", "name": "王小明", "phone": "13800001111"},
        )
        assert sent.status_code == 201, sent.content.decode()[:1000]
        html = sent.content.decode()
        code = re.search(r'id="tracking-code">([^<]+)<', html).group(1)
        passphrase = re.search(r'id="passphrase">([^<]+)<', html).group(1)
        assert client.post("/m/track/", {"code": code, "passphrase": passphrase}).status_code == 200
        added = client.post("/m/track/", {"code": code, "passphrase": passphrase, "content": "补充：时间是上月。"})
        assert added.status_code == 200
        assert client.post(url, {"content": "x", "mode": "anonymous", abuse.HONEYPOT_FIELD: "spam"}).status_code == 400
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SELECT current_user")
            assert cursor.fetchone()[0] == public_role
            cursor.execute("RESET ROLE")
    submission = Submission.objects.get(receipt__code=code)
    assert submission.real_name and "王小明" not in submission.sealed_identity
    assert Addendum.objects.filter(receipt=submission.receipt).count() == 1
    assert Tally.objects.filter(kind="refused", reason="honeypot").exists()
